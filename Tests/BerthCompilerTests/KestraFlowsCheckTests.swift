import BerthCompiler
import BerthDiagnostics
import Testing

/// Checker corrections found against Kestra's own flows and sources: each case was reported
/// wrongly (or not at all) before.
@Suite struct KestraFlowsCheckTests {
    static let head = "id: f\nnamespace: company.team\n"

    @Test func taskrunValueIsSetOnlyOnTheLoopsOwnTasks() throws {
        let yaml = Self.head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.ForEach
                values: ["a", "b"]
                tasks:
                  - id: s
                    type: io.kestra.plugin.core.flow.Switch
                    value: "{{ taskrun.value }}"
                    cases:
                      a:
                        - id: l
                          type: io.kestra.plugin.core.log.Log
                          message: "{{ 1️⃣taskrun.value }} {{ parent.taskrun.value }}"
                        - id: deeper
                          type: io.kestra.plugin.core.flow.Sequential
                          tasks:
                            - id: m
                              type: io.kestra.plugin.core.log.Log
                              message: "{{ 2️⃣taskrun.value }}"
                  - id: wd
                    type: io.kestra.plugin.core.flow.WorkingDirectory
                    tasks:
                      - id: n
                        type: io.kestra.plugin.core.log.Log
                        message: "{{ taskrun.value }} {{ workerTaskrun.value }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "loop-variable-outside-loop"), ("2️⃣", "loop-variable-outside-loop")])
        let text = MarkedSource(yaml).text
        let found = FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off)).diagnostics
        #expect(found.map { $0.fixIts.first?.edits.first?.replacement } == ["parent.taskrun.value", "parents[1].taskrun.value"])
        #expect(found.first?.message == "\"taskrun.value\" is set only on the tasks directly inside a loop; \"l\" is inside \"s\"")
    }

    @Test func parentExistsInEveryFlowableTaskAndWorkerTaskrunOnlyInWorkingDirectory() {
        let yaml = Self.head + """
            tasks:
              - id: seq
                type: io.kestra.plugin.core.flow.Sequential
                tasks:
                  - id: l
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ parent.taskrun.id }} {{ 1️⃣workerTaskrun.id }}"
              - id: top
                type: io.kestra.plugin.core.log.Log
                message: "{{ 2️⃣parent.taskrun.id }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "unknown-variable"), ("2️⃣", "loop-variable-outside-loop")])
    }

    @Test func subflowOutputsAndFlowTriggerInputsNameAnotherExecutionsTasks() {
        let yaml = Self.head + """
            inputs:
              - id: x
                type: STRING
            tasks:
              - id: call
                type: io.kestra.plugin.core.flow.Subflow
                namespace: company.team
                flowId: child
                2️⃣outputs:
                  x: "{{ outputs.childtask.value }}"
              - id: l
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.call.outputs.x }} {{ outputs.1️⃣nothere.value }}"
            triggers:
              - id: up
                type: io.kestra.plugin.core.trigger.Flow
                inputs:
                  x: "{{ outputs.upstreamtask.value }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "unknown-task-output"), ("2️⃣", "deprecated")], options: CheckOptions(audits: .off))
    }

    @Test func itemExpressionsReadTheItemsFieldsOnly() {
        let yaml = Self.head + """
            tasks:
              - id: keep
                type: io.kestra.plugin.core.storage.FilterItems
                from: "kestra:///x/y.ion"
                filterCondition: "{{ value % 2 == 0 and status == 'ok' }}"
              - id: dedupe
                type: io.kestra.plugin.core.storage.DeduplicateItems
                from: "{{ outputs.keep.uri }}"
                expr: "{{ key }}-{{ outputs.1️⃣nothere.uri }}"
              - id: l
                type: io.kestra.plugin.core.log.Log
                message: "{{ 2️⃣value }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "unknown-task-output"), ("2️⃣", "unknown-variable")], options: CheckOptions(audits: .off))
    }

    @Test func forEachItemInputsSeeTheBatchItemsAndIteration() {
        let yaml = Self.head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.ForEachItem
                items: "kestra:///x/y.txt"
                namespace: company.team
                flowId: child
                inputs: {file: "{{ taskrun.items }}", n: "{{ taskrun.iteration }}"}
              - id: l
                type: io.kestra.plugin.core.log.Log
                message: "{{ taskrun.1️⃣items }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "loop-variable-outside-loop")], options: CheckOptions(audits: .off))
    }

    @Test func forEachItemHasItsThreeImplicitTasks() {
        let yaml = Self.head + """
            inputs:
              - id: file
                type: FILE
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.ForEachItem
                items: "{{ inputs.file }}"
                batch:
                  rows: 4
                namespace: company.team
                flowId: child
              - id: l
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.each_split.splits }} {{ outputs.each_merge.subflowOutputs }} {{ outputs.1️⃣each_other }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "unknown-task-output")])
    }

    @Test func validatorsFlowablesInWorkingDirectoryAndListeners() {
        let yaml = Self.head + """
            inputs:
              - id: re
                type: STRING
                validator: 1️⃣"[a-z"
              - id: ok
                type: STRING
                validator: "^[a-z]+(\\\\.[a-z]+)*$"
            tasks:
              - id: w
                type: io.kestra.plugin.core.flow.WorkingDirectory
                tasks:
                  - id: p
                    type: 2️⃣io.kestra.plugin.core.flow.If
                    condition: "{{ true }}"
                    then:
                      - id: l
                        type: io.kestra.plugin.core.log.Log
                        message: hi
                  - id: s
                    type: 3️⃣io.kestra.plugin.core.flow.Subflow
                    namespace: company.team
                    flowId: child
                  - id: fine
                    type: io.kestra.plugin.core.log.Log
                    message: hi
            4️⃣listeners: []

            """
        expectDiagnostics(yaml, [("1️⃣", "invalid-regex"), ("2️⃣", "flowable-in-working-directory"), ("3️⃣", "flowable-in-working-directory"),
                                 ("4️⃣", "removed-property")])
    }
}
