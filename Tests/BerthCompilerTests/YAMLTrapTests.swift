import BerthCompiler
import BerthDiagnostics
import Testing

/// YAML's traps where text was meant: `wrong-type` says why and offers the quoting fix.
@Suite struct YAMLTrapTests {
    static let head = "id: f\nnamespace: company.team\ntasks:\n"

    static func fixed(_ text: String) throws -> (Diagnostic, String) {
        let result = FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off))
        let d = try #require(result.diagnostics.first { $0.code == "wrong-type" }, "\(ShortRenderer().render(result.diagnostics))")
        let edit = try #require(d.fixIts.first?.edits.first)
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(edit.range.offsets, with: Array(edit.replacement.utf8))
        return (d, String(decoding: bytes, as: UTF8.self))
    }

    @Test func aColonAndASpaceInACommandMakeAMapping() throws {
        let text = Self.head + "  - id: call\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands:\n      - curl -H \"Authorization: Bearer x\" http://h  # the API\n"
        let (d, result) = try Self.fixed(text)
        #expect(d.message == "this value in task \"call\" must be a string, found a mapping", "\(d.message)")
        #expect(d.help == "the \": \" in this line makes YAML read it as a key and a value: quote the whole line to keep it text")
        #expect(result.contains("      - 'curl -H \"Authorization: Bearer x\" http://h'  # the API\n"), "\(result)")
        #expect(FlowCheck.check(SourceFile(path: "t.yaml", text: result), options: CheckOptions(audits: .off)).diagnostics.isEmpty)
    }

    @Test func anUnquotedTemplateIsAFlowMapping() throws {
        let text = Self.head + "  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: {{ flow.id }}\n"
        let (d, result) = try Self.fixed(text)
        #expect(d.help == "YAML reads a value that starts with { as a mapping: quote the whole template")
        #expect(result.hasSuffix("    message: '{{ flow.id }}'\n"), "\(result)")
        #expect(FlowCheck.check(SourceFile(path: "t.yaml", text: result), options: CheckOptions(audits: .off)).diagnostics.isEmpty)
    }

    @Test func aRealMappingKeepsItsUsualHelp() throws {
        let text = Self.head + "  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message:\n      a: b\n      c: d\n"
        let result = FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off))
        let d = try #require(result.diagnostics.first)
        #expect(d.fixIts.isEmpty && !(d.help ?? "").contains("YAML reads"))
    }
}
