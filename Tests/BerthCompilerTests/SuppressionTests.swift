import BerthCompiler
import BerthDiagnostics
import Foundation
import Testing

/// `# berth: ignore[CODE, …]` on a line or alone on the line before, `# berth: ignore-file[…]`:
/// warnings and infos go, errors stay, unused and malformed suppressions are reported.
@Suite struct SuppressionTests {
    /// A flow whose line 10 has a `deprecated` warning (`maxAttempt`); `comment` ends line 10,
    /// `before` is put on a line of its own above it.
    static func flow(comment: String = "", before: String? = nil, extra: String = "") -> String {
        var lines = ["id: hello", "namespace: company.team", "tasks:", "  - id: a", "    type: io.kestra.plugin.core.log.Log",
                     "    message: hi", "    retry:", "      type: constant", "      interval: PT1S", "      maxAttempt: 3" + comment]
        if let before { lines.insert(before, at: 9) }
        return lines.joined(separator: "\n") + "\n" + extra
    }

    static let warning = "x.yaml:10:7: warning: \"maxAttempt\" of the constant retry is deprecated; use \"maxAttempts\" [deprecated]\n"

    @Test func theWarningIsThereWithoutASuppression() {
        #expect(lintShort(Self.flow(), name: "x.yaml") == Self.warning)
    }

    @Test(arguments: [" # berth: ignore[deprecated]", "  #berth:ignore[ deprecated ] kept for Kestra 0.x", " # berth: ignore[invalid-value, deprecated]"])
    func aSuppressionAtTheEndOfTheLineSilencesIt(comment: String) {
        let output = lintShort(Self.flow(comment: comment), name: "x.yaml")
        #expect(!output.contains("[deprecated]"))
        if comment.contains("invalid-value") {
            #expect(output == "x.yaml:10:37: info: this suppression of \"invalid-value\" matches no diagnostic on line 10 [unused-suppression]\n")
        } else {
            #expect(output == "")
        }
    }

    @Test func aSuppressionAloneOnALineSilencesTheNextLineWithContent() {
        #expect(lintShort(Self.flow(before: "      # berth: ignore[deprecated]"), name: "x.yaml") == "")
        let flow = Self.flow(before: "      # berth: ignore[deprecated]\n\n      # an ordinary comment")
        #expect(lintShort(flow, name: "x.yaml") == "", "blank and comment lines between are skipped")
    }

    @Test func aSuppressionOnAnotherLineDoesNothing() {
        let flow = Self.flow().replacingOccurrences(of: "message: hi", with: "message: hi # berth: ignore[deprecated]")
        let output = lintShort(flow, name: "x.yaml")
        #expect(output == "x.yaml:6:33: info: this suppression of \"deprecated\" matches no diagnostic on line 6 [unused-suppression]\n" + Self.warning)
    }

    @Test func ignoreFileSilencesTheCodeEverywhere() {
        let second = "  - id: b\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    retry: {type: constant, interval: PT1S, maxAttempt: 2}\n"
        let flow = "# berth: ignore-file[deprecated]\n" + Self.flow(extra: second)
        #expect(lintShort(flow, name: "x.yaml") == "")
        #expect(lintShort(Self.flow(extra: second), name: "x.yaml").components(separatedBy: "[deprecated]").count == 3)
    }

    @Test(arguments: ["    message: \"hi # berth: ignore[deprecated]\"", "    message: |\n      hi\n      # berth: ignore[deprecated]"])
    func aHashInsideAQuotedOrBlockScalarIsText(message: String) {
        let flow = Self.flow().replacingOccurrences(of: "    message: hi", with: message)
        let output = lintShort(flow, name: "x.yaml")
        #expect(output.contains("[deprecated]") && !output.contains("suppression"), "\(output)")
    }

    @Test func anErrorCannotBeSuppressed() {
        let flow = Self.flow().replacingOccurrences(of: "    message: hi", with: "    message: hi\n    mesage: typo # berth: ignore[unknown-property]")
        let output = lintShort(flow, name: "x.yaml")
        #expect(output.contains("x.yaml:7:5: error: unknown property \"mesage\""), "\(output)")
        #expect(output.contains("x.yaml:7:34: warning: \"unknown-property\" here is an error, and errors cannot be suppressed [invalid-suppression]"), "\(output)")
    }

    @Test(arguments: [("# berth: ignore deprecated", "10:21: warning: this \"# berth:\" comment is not a suppression [invalid-suppression]"),
                      ("# berth: ignore[]", "10:21: warning: this suppression names no code [invalid-suppression]"),
                      ("# berth: ignore[Deprecated]", "10:37: warning: \"Deprecated\" is not a diagnostic code (codes are kebab-case, like \"deprecated\") [invalid-suppression]")])
    func aMalformedSuppressionIsReported(comment: String, expected: String) {
        let output = lintShort(Self.flow(comment: " " + comment), name: "x.yaml")
        #expect(output.contains("x.yaml:" + expected), "\(output)")
        #expect(output.contains("[deprecated]"), "nothing is silenced")
    }

    @Test(arguments: [(" # berth: ignore[invalid-value]", false), ("      # berth: ignore[invalid-value]", true)])
    func anUnusedSuppressionCanBeRemoved(comment: String, ownLine: Bool) throws {
        let text = ownLine ? Self.flow(before: comment) : Self.flow(comment: comment)
        let result = FlowCheck.check(SourceFile(path: "x.yaml", bytes: Array(text.utf8)))
        let unused = try #require(result.diagnostics.first { $0.code == "unused-suppression" })
        #expect(unused.severity == .info)
        let edit = try #require(unused.fixIts.first?.edits.first)
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(edit.range.offsets, with: Array(edit.replacement.utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == Self.flow(), "the comment (and its line, when alone) is gone, nothing else")
    }
}
