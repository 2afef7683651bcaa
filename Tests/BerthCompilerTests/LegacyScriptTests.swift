import BerthCompiler
import BerthDiagnostics
import Testing

/// The legacy script tasks as the checker sees them, and the exact Bash → shell.Commands rewrite.
@Suite struct LegacyScriptTests {
    static let head = "id: f\nnamespace: company.team\ntasks:\n"

    @Test func whatKestraRefusesAtRunTimeIsAnError() {
        expectDiagnostics(Self.head + """
              - id: b
                type: 1️⃣io.kestra.core.tasks.scripts.Bash
                runner: 2️⃣DOCKER
                commands: [id]
              - id: 3️⃣p
                type: 4️⃣io.kestra.core.tasks.scripts.Python
              - id: n
                type: 5️⃣io.kestra.core.tasks.scripts.Node
                inputFiles:
                  6️⃣index.js: console.log(1)

            """, [("1️⃣", "deprecated"), ("2️⃣", "missing-property"), ("3️⃣", "missing-main-file"), ("4️⃣", "deprecated"),
                  ("5️⃣", "deprecated"), ("6️⃣", "missing-main-file")])
    }

    @Test func legacyVariablesOnlyInLegacyTasks() {
        expectDiagnostics(Self.head + """
              - id: b
                type: 1️⃣io.kestra.core.tasks.scripts.Bash
                outputFiles: [x]
                commands: ["echo 1 > {{ temp.x }} && ls {{ outputDirs }}"]
              - id: l
                type: io.kestra.plugin.core.log.Log
                message: "{{ 2️⃣temp.x }}"

            """, [("1️⃣", "deprecated"), ("2️⃣", "unknown-variable")])
    }

    @Test func bashIsRewrittenExactlyAsShellCommandsOnTheProcessRunner() throws {
        let text = Self.head + "  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    exitOnFailed: false\n    env: {A: b}\n    commands:\n      - echo $A\n"
        let d = try #require(FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off)).diagnostics.first)
        #expect(d.code == "deprecated")
        let fixed = AuditTests.applying(try #require(d.fixIts.first), to: text)
        #expect(fixed == Self.head + "  - id: b\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n"
                + "    failFast: false\n    env: {A: b}\n    commands:\n      - echo $A\n")
        #expect(FlowCheck.check(SourceFile(path: "t.yaml", text: fixed), options: CheckOptions(audits: .off)).diagnostics.isEmpty)
        // The same command line, before and after.
        let before = try #require(FlowCompile.compile(SourceFile(path: "t.yaml", text: text)).plans.first?.tasks.first?.process?.command)
        let after = try #require(FlowCompile.compile(SourceFile(path: "t.yaml", text: fixed)).plans.first?.tasks.first?.process?.command)
        #expect(before == after)
    }

    @Test func noRewriteWhereTheNewTaskWouldDiffer() {
        let text = Self.head + "  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    outputFiles: [x]\n    commands: [echo]\n"
        let d = FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off)).diagnostics.first
        #expect(d?.code == "deprecated")
        #expect(d?.fixIts.isEmpty == true)
    }
}
