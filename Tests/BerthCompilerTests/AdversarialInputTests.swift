import BerthCompiler
import BerthDiagnostics
import Dispatch
import Testing

/// Inputs built to hurt a linter: each must be read to the end and answered with the right
/// diagnostic at the exact place. (A reader that worked quadratically would not finish.)
@Suite struct AdversarialInputTests {
    static let header = "id: adversarial\nnamespace: company.team\n"
    static let task = "tasks:\n  - id: last\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    bogus: 1\n"
    static func bogus(line: Int, column: Int) -> [String] {
        ["a.yaml:\(line):\(column): error: unknown property \"bogus\" in task \"last\" [unknown-property]"]
    }

    /// Builds and lints the input on a Dispatch thread: seconds of synchronous work on Swift's
    /// cooperative pool (two threads here) would starve the concurrent language-server tests.
    /// Returns the input's size in bytes and the short-format lines.
    func lint(_ make: @escaping @Sendable () -> String) async -> (size: Int, lines: [String]) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let bytes = Array(make().utf8)
                let output = ShortRenderer().render(FlowCheck.check(SourceFile(path: "a.yaml", bytes: bytes)).diagnostics)
                continuation.resume(returning: (bytes.count, output.split(separator: "\n").map(String.init)))
            }
        }
    }

    @Test func fiftyMegabyteFlowIsReadToTheEnd() async {
        let line = "    " + String(repeating: "lorem ipsum ", count: 5) + "\n"  // 65 bytes
        let lines = 50 * 1024 * 1024 / line.utf8.count + 1
        let result = await lint {
            var text = Self.header + "description: |\n"
            text.reserveCapacity(52 * 1024 * 1024)
            for _ in 0..<lines { text += line }
            return text + Self.task
        }
        #expect(result.size >= 50 * 1024 * 1024)
        #expect(result.lines == Self.bogus(line: 3 + lines + 5, column: 5))
    }

    @Test func millionElementSequence() async {
        let result = await lint { Self.header + "variables:\n  big:\n" + String(repeating: "    - 1\n", count: 1_000_000) + Self.task }
        #expect(result.lines == Self.bogus(line: 5 + 1_000_000 + 4, column: 5))
    }

    @Test func tenMegabyteLineOfNonASCIIScalars() async {
        // Minified, flow-style, with a two-byte character per item: columns count characters.
        let count = 2_500_000
        let head = "{id: adversarial, namespace: company.team, variables: {v: ["
        let tail = "]}, tasks: [{id: last, type: io.kestra.plugin.core.log.Log, message: hi, "
        let result = await lint { head + String(repeating: "é, ", count: count - 1) + "é" + tail + "bogus: 1}]}\n" }
        #expect(result.size >= 10_000_000)
        #expect(result.lines == Self.bogus(line: 1, column: head.count + 3 * count - 2 + tail.count + 1))
    }

    @Test func crlfAndByteOrderMarkKeepPositions() async {
        let result = await lint { "\u{FEFF}" + (Self.header + Self.task).replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(result.lines == Self.bogus(line: 7, column: 5))
    }
}
