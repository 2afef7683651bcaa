import BerthCompiler
import BerthDiagnostics
import BerthSchema
import Testing

/// One marker test per check: each pins the exact start of the diagnostic it expects.
@Suite struct CheckMarkerTests {
    let head = "id: f\nnamespace: company.team\n"

    @Test func unknownTypeWithSuggestionAndDowngrade() {
        let yaml = head + "tasks:\n  - id: a\n    type: 1️⃣io.kestra.plugin.core.log.Logg\n    message: hi\n    whatever: 1\n"
        expectDiagnostics(yaml, [("1️⃣", "unknown-type")])
        let result = FlowCheck.check(SourceFile(path: "t.yaml", text: MarkedSource(yaml).text),
                                     options: CheckOptions(unknownTypeSeverity: .warning))
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.help == "did you mean \"io.kestra.plugin.core.log.Log\"?")
    }

    @Test func unknownPropertyHasSuggestionAndFixIt() throws {
        let yaml = head + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [x]\n    1️⃣warningOnStdError: false\n"
        expectDiagnostics(yaml, [("1️⃣", "unknown-property")])
        let d = try #require(FlowCheck.check(SourceFile(path: "t", text: MarkedSource(yaml).text)).diagnostics.first)
        #expect(d.help?.hasPrefix("did you mean \"warningOnStdErr\"?") == true)
        #expect(d.fixIts.first?.edits.first?.replacement == "warningOnStdErr")
    }

    @Test func processRunnerRejectsDockerProperties() throws {
        let yaml = head + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [x]\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n      1️⃣memory: {memory: 1GB}\n"
        expectDiagnostics(yaml, [("1️⃣", "unknown-property")])
        let d = try #require(FlowCheck.check(SourceFile(path: "t", text: MarkedSource(yaml).text)).diagnostics.first)
        #expect(d.help?.contains("Docker runner property") == true)
    }

    @Test func flowTriggerDependencies() {
        var v2 = CheckOptions(audits: .off)
        v2.kestra = .fixed(.v2, source: "--kestra 2")
        let trigger = head + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\ntriggers:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Flow\n    dependsOn:\n      - {flowId: up}\n"
        expectDiagnostics(trigger + "    window:\n      every: P1D\n      1️⃣from: \"08:00\"\n", [("1️⃣", "flow-trigger-dependencies"), ("1️⃣", "flow-trigger-dependencies")], options: v2)
        expectDiagnostics(trigger + "    1️⃣mode: AT_LEAST\n", [("1️⃣", "flow-trigger-dependencies")], options: v2)
        expectDiagnostics(trigger + "    mode: AT_LEAST\n    minSatisfied: 1️⃣2\n", [("1️⃣", "flow-trigger-dependencies")], options: v2)
        expectDiagnostics(trigger + "    window:\n      from: \"08:00\"\n      to: \"10:00\"\n    mode: AT_LEAST\n    minSatisfied: 1\n", [], options: v2)
    }

    @Test func missingRequiredAtOwningMapping() {
        expectDiagnostics("1️⃣id: f\nnamespace: company.team\n", [("1️⃣", "missing-property")])
        expectDiagnostics(head + "tasks:\n  - 1️⃣id: a\n    type: io.kestra.plugin.core.flow.If\n    then:\n      - 2️⃣id: b\n        type: io.kestra.plugin.core.log.Log\n",
                          [("1️⃣", "missing-property"), ("2️⃣", "missing-property")])
        expectDiagnostics(head + "tasks:\n  - 1️⃣id: a\n    message: hi\n", [("1️⃣", "missing-property")])
    }

    @Test func wrongKindOfValue() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: 1️⃣{a: b}\n    env: 2️⃣[x]\n    failFast: 3️⃣sometimes\n",
                          [("1️⃣", "wrong-type"), ("2️⃣", "wrong-type"), ("3️⃣", "wrong-type")])
    }

    @Test func templatesAreNotCheckedAsLiterals() {
        let inputs = "inputs:\n  - id: list\n    type: JSON\n  - id: t\n    type: DURATION\n  - id: f\n    type: BOOLEAN\n"
        expectDiagnostics(head + inputs + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: \"{{ inputs.list }}\"\n    timeout: \"{{ inputs.t }}\"\n    failFast: \"{{ inputs.f }}\"\n", [])
    }

    @Test func aListGivenAsTextMustBeOneExpression() {
        // Found by the fuzzer: text around a template was lowered into a broken template.
        let inputs = "inputs:\n  - id: list\n    type: JSON\n"
        let task = "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: "
        expectDiagnostics(head + inputs + task + "1️⃣\"echo {{ inputs.list }}\"\n", [("1️⃣", "wrong-type")])
        expectDiagnostics(head + inputs + task + "1️⃣\"{{ inputs.list }} {{ inputs.list }}\"\n", [("1️⃣", "wrong-type")])
        expectDiagnostics(head + inputs + task + "\"  {{- inputs.list -}}\\n\"\n", [])
        // A string-or-list property takes text with templates as a string.
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: \"a {{ flow.id }}\"\n", [])
    }

    @Test func enumValuesAndCase() {
        let runner = head + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [x]\n    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n"
        expectDiagnostics(runner + "      pullPolicy: 1️⃣NEVR\n      fileHandlingStrategy: 2️⃣mount\n",
                          [("1️⃣", "invalid-enum"), ("2️⃣", "invalid-enum")])
    }

    @Test func idPatternsAndLengths() {
        let long = String(repeating: "a", count: 101)
        expectDiagnostics("id: 1️⃣\(long)\nnamespace: 2️⃣-bad\ntasks:\n  - id: 3️⃣a.b\n    type: io.kestra.plugin.core.log.Log\n    message: x\n",
                          [("1️⃣", "invalid-id"), ("2️⃣", "invalid-id"), ("3️⃣", "invalid-id")])
    }

    @Test func durationsAndSizes() {
        let runner = head + "tasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [x]\n    timeout: 1️⃣P1W\n    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n      killGracePeriod: PT10S\n"
        expectDiagnostics(runner + "      shmSize: 2️⃣64 MB\n      memory:\n        memory: 512MB\n        memorySwap: 1gb\n",
                          [("1️⃣", "invalid-duration"), ("2️⃣", "invalid-size")])
    }

    @Test func deprecatedPropertyAndType() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: 1️⃣io.kestra.plugin.core.debug.Echo\n    format: hi\n  - id: b\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [x]\n    2️⃣runner: DOCKER\n3️⃣taskDefaults: []\n",
                          [("1️⃣", "deprecated"), ("2️⃣", "deprecated"), ("3️⃣", "deprecated")])
    }

    @Test func oldTypeNamesAreInfos() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: 1️⃣io.kestra.core.tasks.log.Log\n    message: hi\n", [("1️⃣", "replaced-type")])
    }

    @Test func notDynamicProperty() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.flow.Parallel\n    concurrent: 1️⃣\"{{ inputs.n }}\"\n    tasks:\n      - id: b\n        type: io.kestra.plugin.core.log.Log\n        message: x\n",
                          [("1️⃣", "not-dynamic")])
    }

    @Test func emptyLists() {
        expectDiagnostics(head + "tasks: 1️⃣[]\n", [("1️⃣", "empty-list")])
    }

    @Test func duplicateTaskIdsAcrossTheWholeFlow() {
        expectDiagnostics(head + "tasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: a\n        type: io.kestra.plugin.core.log.Log\n        message: x\nfinally:\n  - id: 1️⃣a\n    type: io.kestra.plugin.core.log.Log\n    message: y\nafterExecution:\n  - id: 2️⃣p\n    type: io.kestra.plugin.core.log.Log\n    message: z\n",
                          [("1️⃣", "duplicate-task-id"), ("2️⃣", "duplicate-task-id")])
    }

    @Test func duplicateInputOutputTriggerIds() {
        expectDiagnostics(head + "inputs:\n  - id: x\n    type: STRING\n  - id: 1️⃣x\n    type: STRING\ntriggers:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: \"0 * * * *\"\n  - id: 2️⃣t\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: \"@daily\"\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n",
                          [("1️⃣", "duplicate-id"), ("2️⃣", "duplicate-id")])
    }

    @Test func systemLabelsInBothForms() {
        expectDiagnostics(head + "labels:\n  1️⃣system.x: a\n  system.readOnly: \"true\"\n  team: data\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", [("1️⃣", "system-label")])
        expectDiagnostics(head + "labels:\n  - key: 1️⃣system.y\n    value: b\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n", [("1️⃣", "system-label")])
    }

    @Test func inputDependenciesAndCycles() {
        expectDiagnostics(head + "inputs:\n  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [1️⃣b]\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [a, 2️⃣zz]\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: x\n",
                          [("1️⃣", "dependency-cycle"), ("2️⃣", "input-dependency")])
    }

    @Test func dagDependenciesAndCycles() {
        let task = { (id: String, deps: String) in "      - task:\n          id: \(id)\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: [\(deps)]\n" }
        expectDiagnostics(head + "tasks:\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n" + task("a", "1️⃣c") + task("b", "a") + task("c", "b, 2️⃣nope"),
                          [("1️⃣", "dependency-cycle"), ("2️⃣", "dag-dependency")])
    }

    @Test func retryInvariants() {
        expectDiagnostics(head + "retry:\n  type: random\n  minInterval: 1️⃣PT5M\n  maxInterval: PT1M\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n    retry:\n      type: exponential\n      interval: 2️⃣PT1H\n      maxInterval: PT10M\n      maxDuration: PT2H\n",
                          [("1️⃣", "retry-interval"), ("2️⃣", "retry-interval")])
    }

    @Test func switchNeedsTasks() {
        expectDiagnostics(head + "tasks:\n  - id: 1️⃣s\n    type: io.kestra.plugin.core.flow.Switch\n    value: x\n    cases:\n      a: []\n", [("1️⃣", "switch-without-tasks")])
    }

    @Test func subflowCallingItsOwnFlow() {
        expectDiagnostics(head + "tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: 1️⃣f\n  - id: ok\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: other\n",
                          [("1️⃣", "recursive-subflow")])
    }

    @Test func runnerRules() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: io.kestra.plugin.docker.Run\n    containerImage: centos\n    1️⃣volumes: [\"/a:/b\"]\n    config:\n      2️⃣insecure-registries: [\"r:5000\"]\n",
                          [("1️⃣", "host-volumes"), ("2️⃣", "daemon-setting")])
    }

    @Test func deepFlowsKeepPositions() {
        expectDiagnostics(head + "tasks:\n  - id: a\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n      - id: b\n        type: io.kestra.plugin.core.flow.If\n        condition: \"{{ true }}\"\n        then:\n          - id: c\n            type: io.kestra.plugin.core.flow.ForEach\n            values: [1, 2]\n            tasks:\n              - id: d\n                type: io.kestra.plugin.core.log.Log\n                message: x\n                1️⃣levl: INFO\n",
                          [("1️⃣", "unknown-property")])
    }

    @Test func pluginDefaultsValuesAreChecked() {
        expectDiagnostics(head + "pluginDefaults:\n  - type: io.kestra.plugin.scripts.runner.docker.Docker\n    values:\n      pullPolicy: 1️⃣SOMETIMES\n      2️⃣cpus: 1\n  - type: io.kestra.plugin.scripts\n    values:\n      containerImage: ubuntu\n      3️⃣contanerImage: x\n  - type: 4️⃣com.example\n    values: {a: 1}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: x\n",
                          [("1️⃣", "invalid-enum"), ("2️⃣", "unknown-property"), ("3️⃣", "unknown-property"), ("4️⃣", "unknown-type")])
    }
}
