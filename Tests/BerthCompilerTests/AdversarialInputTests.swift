import BerthCompiler
import BerthDiagnostics
import Testing

/// Inputs built to hurt a linter: each must be read to the end and answered with the right
/// diagnostic at the exact place. (The benchmark prints their time and peak memory; a test
/// that read quadratically would not finish.)
@Suite struct AdversarialInputTests {
    static let header = "id: adversarial\nnamespace: company.team\n"
    static let task = "tasks:\n  - id: last\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    bogus: 1\n"

    func lint(_ bytes: [UInt8]) -> [String] {
        ShortRenderer().render(FlowCheck.check(SourceFile(path: "a.yaml", bytes: bytes)).diagnostics)
            .split(separator: "\n").map(String.init)
    }

    @Test func fiftyMegabyteFlowIsReadToTheEnd() {
        let line = "    " + String(repeating: "lorem ipsum ", count: 5) + "\n"  // 65 bytes
        let lines = 50 * 1024 * 1024 / line.utf8.count
        var text = Self.header + "description: |\n"
        text.reserveCapacity(52 * 1024 * 1024)
        for _ in 0..<lines { text += line }
        text += Self.task
        #expect(text.utf8.count >= 50 * 1024 * 1024)
        let bogusLine = 3 + lines + 5
        #expect(lint(Array(text.utf8)) == ["a.yaml:\(bogusLine):5: error: unknown property \"bogus\" in task \"last\" [unknown-property]"])
    }

    @Test func millionElementSequence() {
        var text = Self.header + "variables:\n  big:\n"
        text += String(repeating: "    - 1\n", count: 1_000_000)
        text += Self.task
        #expect(lint(Array(text.utf8)) == ["a.yaml:\(5 + 1_000_000 + 4):5: error: unknown property \"bogus\" in task \"last\" [unknown-property]"])
    }

    @Test func tenMegabyteLineOfNonASCIIScalars() {
        // Minified, flow-style, with a two-byte character per item: columns count characters.
        let count = 2_500_000
        let items = String(repeating: "é, ", count: count - 1) + "é"
        let text = "{id: adversarial, namespace: company.team, variables: {v: [\(items)]}, tasks: [{id: last, type: io.kestra.plugin.core.log.Log, message: hi, bogus: 1}]}\n"
        #expect(text.utf8.count >= 10_000_000)
        let prefix = "{id: adversarial, namespace: company.team, variables: {v: [".count + 3 * count - 2
            + "]}, tasks: [{id: last, type: io.kestra.plugin.core.log.Log, message: hi, ".count
        #expect(lint(Array(text.utf8)) == ["a.yaml:1:\(prefix + 1): error: unknown property \"bogus\" in task \"last\" [unknown-property]"])
    }

    @Test func crlfAndByteOrderMarkKeepPositions() {
        let text = "\u{FEFF}" + (Self.header + Self.task).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(lint(Array(text.utf8)) == ["a.yaml:7:5: error: unknown property \"bogus\" in task \"last\" [unknown-property]"])
    }
}
