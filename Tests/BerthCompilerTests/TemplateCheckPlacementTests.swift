import BerthCompiler
import BerthDiagnostics
import Testing

/// Every template check fires at the exact column both inside a literal block scalar and inside
/// a double-quoted scalar with escapes before the template.
@Suite struct TemplateCheckPlacementTests {
    static let cases: [(code: String, template: String)] = [
        ("template-syntax", "{{ inputs.name 1️⃣) }}"),
        ("unknown-variable", "{{ 1️⃣inptus.name }}"),
        ("unknown-input", "{{ inputs.1️⃣nme }}"),
        ("unknown-vars-entry", "{{ vars.1️⃣greting }}"),
        ("unknown-task-output", "{{ outputs.1️⃣nope.value }}"),
        ("output-not-available", "{{ outputs.1️⃣later.value }}"),
        ("unknown-output-attribute", "{{ outputs.early.1️⃣valeu }}"),
        ("loop-variable-outside-loop", "{{ taskrun.1️⃣value }}"),
        ("unknown-filter", "{{ inputs.name | 1️⃣uper }}"),
        ("unknown-function", "{{ 1️⃣nwo() }}"),
        ("unknown-test", "{{ inputs.name is 1️⃣blank }}"),
        ("wrong-argument-count", "{{ inputs.name | 1️⃣replace }}"),
    ]

    static func flow(message: String) -> String {
        """
        id: f
        namespace: company.team
        inputs:
          - id: name
            type: STRING
        variables:
          greeting: hi
        tasks:
          - id: early
            type: io.kestra.plugin.core.debug.Return
            format: x
          - id: reader
            type: io.kestra.plugin.core.log.Log
        \(message)
          - id: later
            type: io.kestra.plugin.core.debug.Return
            format: y

        """
    }

    @Test(arguments: cases.map(\.code))
    func firesInsideABlockScalar(_ code: String) {
        let template = Self.cases.first { $0.code == code }!.template
        expectDiagnostics(Self.flow(message: "    message: |\n      line one\n\n      ünïcödé \(template)\n"), [("1️⃣", code)])
    }

    @Test(arguments: cases.map(\.code))
    func firesInsideADoubleQuotedScalar(_ code: String) {
        let template = Self.cases.first { $0.code == code }!.template.replacingOccurrences(of: "\"", with: "\\\"")
        expectDiagnostics(Self.flow(message: "    message: \"tab\\there \\u00e9 \\\"q\\\" \(template)\"\n"), [("1️⃣", code)])
    }
}
