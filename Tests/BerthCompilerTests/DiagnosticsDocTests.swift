import BerthCompiler
import BerthDiagnostics
import Foundation
import Testing

/// Every code in grammar/diagnostics.md has a failing example whose exact short output is
/// documented beside it; this test runs each example.
@Suite struct DiagnosticsDocTests {
    struct Example: CustomStringConvertible, Sendable {
        var code: String
        var yaml: String
        var expected: String
        /// A `.berth.yaml` the example is checked under (a ```yaml .berth.yaml block before it).
        var config: String?
        var description: String { code }
    }

    static let examples: [Example] = parse()

    static func parse() -> [Example] {
        let url = Repo.root.appendingPathComponent("grammar/diagnostics.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var code: String?
        var block: String?
        var blockKind = ""
        var yaml: String?
        var config: String?
        for line in text.components(separatedBy: "\n") {
            if block != nil {
                if line == "```" {
                    if blockKind == "yaml" { yaml = block }
                    if blockKind == "yaml .berth.yaml" { config = block }
                    if blockKind == "text", let c = code, let y = yaml {
                        examples.append(Example(code: c, yaml: y, expected: block!, config: config))
                        yaml = nil
                        config = nil
                    }
                    block = nil
                } else {
                    block! += line + "\n"
                }
                continue
            }
            if line.hasPrefix("### `"), let end = line.dropFirst(5).firstIndex(of: "`") {
                code = String(line.dropFirst(5)[..<end])
                yaml = nil
            } else if line.hasPrefix("```") {
                blockKind = String(line.dropFirst(3))
                block = ""
            }
        }
        return examples
    }

    static var documentedCodes: Set<String> { Set(examples.map(\.code)) }

    @Test func everyCodeIsDocumented() {
        let codes = ["yaml-syntax", "duplicate-key", "unknown-alias", "invalid-merge", "alias-expansion-limit",
                     "nesting-too-deep", "invalid-utf8", "nul-byte", "misplaced-bom", "control-character",
                     "empty-document", "flow-not-mapping", "unknown-type", "unknown-property", "missing-property",
                     "wrong-type", "invalid-enum", "invalid-id", "invalid-value", "invalid-duration", "invalid-size",
                     "deprecated", "replaced-type", "not-dynamic", "empty-list", "duplicate-task-id", "duplicate-id",
                     "system-label", "input-dependency", "dependency-cycle", "dag-dependency", "retry-interval",
                     "switch-without-tasks", "recursive-subflow", "host-volumes", "daemon-setting",
                     "template-syntax", "unknown-variable", "unknown-input", "unknown-vars-entry", "unknown-task-output",
                     "output-not-available", "unknown-output-attribute", "loop-variable-outside-loop", "unknown-filter",
                     "unknown-function", "unknown-test", "wrong-argument-count",
                     "unused-suppression", "invalid-suppression", "template-injection", "secret-in-command", "secret-filtered",
                     "excessive-privileges", "unpinned-image", "image-not-allowed", "inline-credentials",
                     "unbounded-retry", "missing-timeout", "unpinned-install", "pull-policy-never", "yaml-implicit-type",
                     "removed-property", "invalid-regex", "flowable-in-working-directory", "missing-main-file",
                     "kestra-dialect", "mixed-dialect", "removed-in-kestra-2", "requires-kestra-2"]
        for code in codes { #expect(Self.documentedCodes.contains(code), "\(code) has no example in grammar/diagnostics.md") }
    }

    @Test(arguments: examples)
    func exampleProducesDocumentedOutput(_ example: Example) {
        // Examples are written in text; `\u{..}` sequences stand for bytes the doc cannot show.
        var options = CheckOptions.standard
        if let config = example.config { options = ProjectConfig.parse(SourceFile(path: ".berth.yaml", text: config)).0.checkOptions() }
        let output = ShortRenderer().render(FlowCheck.check(SourceFile(path: "example.yaml", bytes: Self.decode(example.yaml)), options: options).diagnostics)
        #expect(output == example.expected)
        #expect(output.contains("[\(example.code)]"), "the example for \(example.code) must produce that code")
    }

    /// Each fix-it of each example, applied through ``FixApplier`` as `lint --fix` applies it,
    /// removes its problem; a machine-applicable one adds no error either.
    @Test(arguments: examples)
    func everyFixItAppliesCleanly(_ example: Example) throws {
        var options = CheckOptions.standard
        if let config = example.config { options = ProjectConfig.parse(SourceFile(path: ".berth.yaml", text: config)).0.checkOptions() }
        let file = SourceFile(path: "example.yaml", bytes: Self.decode(example.yaml))
        let before = FlowCheck.check(file, options: options)
        guard before.file.bytes == file.bytes else { return }
        for diagnostic in before.diagnostics {
            for fix in diagnostic.fixIts {
                var single = diagnostic
                single.fixIts = [fix]
                let applied = FixApplier.apply([single], path: file.path, to: file.bytes, suggestions: true)
                #expect(applied.fixed.count == 1, "\(fix.message) does not apply")
                let after = FlowCheck.check(SourceFile(path: file.path, bytes: applied.bytes), options: options).diagnostics
                #expect(after.filter { $0.code == diagnostic.code }.count < before.diagnostics.filter { $0.code == diagnostic.code }.count,
                        "\(fix.message) leaves \(diagnostic.code): \(String(decoding: applied.bytes, as: UTF8.self))")
                if fix.applicability == .machineApplicable {
                    #expect(after.count(of: .error) <= before.diagnostics.count(of: .error), "\(fix.message) adds an error")
                }
            }
        }
    }

    /// Replaces `\xNN` with the raw byte NN so examples can hold invalid UTF-8 and NUL.
    static func decode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\") && i + 3 < utf8.count && utf8[i + 1] == UInt8(ascii: "x"),
               let value = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return bytes
    }
}
