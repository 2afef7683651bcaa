import BerthCompiler
import BerthDiagnostics
import Testing

/// Each template check fires at the exact column, in block and in quoted scalars.
@Suite struct TemplateCheckTests {
    let head = "id: f\nnamespace: company.team\ninputs:\n  - id: name\n    type: STRING\nvariables:\n  greeting: hi\n"
    let log = "    type: io.kestra.plugin.core.log.Log\n"

    @Test func syntaxErrorInsideADoubleQuotedScalarWithEscapes() {
        expectDiagnostics(head + "tasks:\n  - id: a\n" + log + "    message: \"tab\\there {{ inputs.name 1️⃣) }}\"\n", [("1️⃣", "template-syntax")])
    }

    @Test func unknownInputInALiteralBlockScalar() {
        expectDiagnostics(head + "tasks:\n  - id: a\n" + log + "    message: |\n      first line\n\n      Hello {{ inputs.1️⃣nme }}\n", [("1️⃣", "unknown-input")])
    }

    @Test func unknownInputInAFoldedScalarAndSingleQuotes() {
        expectDiagnostics(head + "tasks:\n  - id: a\n" + log + "    message: >\n      one\n      two {{ vars.1️⃣greting }}\n  - id: b\n" + log + "    message: 'it''s {{ 2️⃣inptus.name }}'\n",
                          [("1️⃣", "unknown-vars-entry"), ("2️⃣", "unknown-variable")])
    }

    @Test func outputsOfUnknownLaterParallelAndOtherBranchTasks() {
        let yaml = head + """
            tasks:
              - id: a
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.1️⃣b.value }} {{ outputs.2️⃣nope.value }}"
              - id: b
                type: io.kestra.plugin.core.debug.Return
                format: "{{ outputs.a }}"
              - id: p
                type: io.kestra.plugin.core.flow.Parallel
                tasks:
                  - id: p1
                    type: io.kestra.plugin.core.debug.Return
                    format: x
                  - id: p2
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.3️⃣p1.value }} {{ outputs.b.4️⃣valeu }}"
              - id: choose
                type: io.kestra.plugin.core.flow.If
                condition: "{{ true }}"
                then:
                  - id: t1
                    type: io.kestra.plugin.core.debug.Return
                    format: x
                else:
                  - id: e1
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ outputs.5️⃣t1.value }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "output-not-available"), ("2️⃣", "unknown-task-output"), ("3️⃣", "output-not-available"),
                                 ("4️⃣", "unknown-output-attribute"), ("5️⃣", "output-not-available")])
    }

    @Test func loopVariablesOnlyInsideLoops() {
        let yaml = head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: [1, 2]
                tasks:
                  - id: inner
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ taskrun.value }} {{ parent.taskrun.value }}"
              - id: after
                type: io.kestra.plugin.core.log.Log
                message: "{{ taskrun.1️⃣value }} {{ outputs.inner[taskrun.2️⃣value].x }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "loop-variable-outside-loop"), ("2️⃣", "loop-variable-outside-loop")])
    }

    @Test func filtersFunctionsTestsAndArity() {
        expectDiagnostics(head + "tasks:\n  - id: a\n" + log + "    message: \"{{ inputs.name | 1️⃣uper }} {{ 2️⃣nwo() }} {{ inputs.name is 3️⃣blank }} {{ 4️⃣secret() }} {{ secret('TOKEN') | 5️⃣trim(1) }}\"\n",
                          [("1️⃣", "unknown-filter"), ("2️⃣", "unknown-function"), ("3️⃣", "unknown-test"),
                           ("4️⃣", "wrong-argument-count"), ("5️⃣", "wrong-argument-count")])
    }

    @Test func lenientFormsAndLocalsAreAccepted() {
        expectDiagnostics(head + "tasks:\n  - id: a\n" + log + "    message: \"{% set n = 2 %}{% for i in range(1, n) %}{{ i }}{{ loop.index }}{% endfor %}{{ maybe ??? 'x' }}{{ inputs.other is defined }}{{ missing | default('d') }}\"\n", [])
    }

    @Test func fixItReplacesTheMisspelledName() throws {
        let yaml = MarkedSource(head + "tasks:\n  - id: a\n" + log + "    message: \"{{ inputs.nme }}\"\n").text
        let result = FlowCheck.check(SourceFile(path: "t.yaml", text: yaml))
        let d = try #require(result.diagnostics.first)
        #expect(d.help == "did you mean \"name\"?")
        let edit = try #require(d.fixIts.first?.edits.first)
        #expect(edit.replacement == "name")
        #expect(String(decoding: Array(yaml.utf8)[edit.range.offsets], as: UTF8.self) == "nme")
    }
}
