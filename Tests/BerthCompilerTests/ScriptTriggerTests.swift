import BerthCompiler
import Testing

/// The polling script triggers of plugin-scripts, as the checker sees them.
@Suite struct ScriptTriggerTests {
    static func flow(_ trigger: String) -> String {
        "id: f\nnamespace: company.team\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: hi\ntriggers:\n\(trigger)"
    }

    @Test func exitConditionIsRequiredExceptForPython() {
        expectDiagnostics(Self.flow("  - 1️⃣id: poll\n    type: io.kestra.plugin.scripts.ruby.ScriptTrigger\n    script: puts 1\n"),
                          [("1️⃣", "missing-property")])
        expectDiagnostics(Self.flow("  - id: poll\n    type: io.kestra.plugin.scripts.python.ScriptTrigger\n    script: print(1)\n"), [])
    }

    @Test func propertiesAreChecked() {
        expectDiagnostics(Self.flow("""
              - id: poll
                type: io.kestra.plugin.scripts.shell.CommandsTrigger
                commands: [test -f /tmp/ready]
                exitCondition: exit 0
                interval: 1️⃣every minute
                edge: false
                2️⃣beforeCommands: [x]

            """), [("1️⃣", "invalid-duration"), ("2️⃣", "unknown-property")])
    }
}
