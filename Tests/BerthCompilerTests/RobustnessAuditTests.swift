import BerthCompiler
import BerthDiagnostics
import Testing

/// `unbounded-retry` and `missing-timeout`, each pinned at its exact position.
@Suite struct RobustnessAuditTests {
    static let regular = CheckOptions(audits: .regular)
    static let pedantic = CheckOptions(audits: .pedantic)

    static func flow(_ task: String, top: String = "") -> String {
        "id: f\nnamespace: company.team\n\(top)tasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n\(task)"
    }

    @Test func aRetryWithNoLimitRetriesForever() throws {
        let yaml = Self.flow("    retry:\n      type: 1️⃣constant\n      interval: PT1M\n")
        expectDiagnostics(yaml, [("1️⃣", "unbounded-retry")], options: Self.regular)
        let d = try #require(FlowCheck.check(SourceFile(path: "t.yaml", text: MarkedSource(yaml).text), options: Self.regular).diagnostics.first)
        #expect(d.severity == .warning)
        #expect(d.message == "the retry of task \"t\" sets neither maxAttempts nor maxDuration: Kestra retries a task that keeps failing for ever")
        #expect(d.security == SecurityRating(.high, score: 4.0))
    }

    @Test func aLimitOrATimeoutSilencesTheRegularProfile() {
        expectDiagnostics(Self.flow("    retry:\n      type: constant\n      interval: PT1M\n      maxAttempts: 3\n"), [], options: Self.regular)
        expectDiagnostics(Self.flow("    retry:\n      type: constant\n      interval: PT1M\n      maxDuration: PT1H\n"), [], options: Self.regular)
        expectDiagnostics(Self.flow("    timeout: PT10M\n    retry:\n      type: constant\n      interval: PT1M\n"), [], options: Self.regular)
    }

    @Test func pedanticAsksForADurationBoundToo() {
        expectDiagnostics(Self.flow("    retry:\n      type: 1️⃣constant\n      interval: PT1M\n      maxAttempts: 3\n"),
                          [("1️⃣", "unbounded-retry")], options: Self.pedantic)
    }

    @Test func aFlowLevelRetryCountsToo() {
        let yaml = Self.flow("", top: "retry:\n  type: 1️⃣constant\n  interval: PT1M\n")
        expectDiagnostics(yaml, [("1️⃣", "unbounded-retry")], options: Self.regular)
    }

    @Test func pluginDefaultsGiveTheTimeout() {
        let defaults = "pluginDefaults:\n  - type: io.kestra.plugin.core.log\n    values:\n      timeout: PT5M\n"
        expectDiagnostics(Self.flow("    retry:\n      type: constant\n      interval: PT1M\n", top: defaults), [], options: Self.regular)
    }

    @Test func pedanticReportsContainerTasksWithoutTimeout() {
        let digest = "@sha256:" + String(repeating: "b", count: 64)
        let yaml = """
            id: f
            namespace: company.team
            tasks:
              - id: 1️⃣docker
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: ubuntu\(digest)
                commands: [echo]
              - id: bounded
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: ubuntu\(digest)
                timeout: PT1H
                commands: [echo]
              - id: local
                type: io.kestra.plugin.scripts.shell.Commands
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
                commands: [echo]

            """
        expectDiagnostics(yaml, [("1️⃣", "missing-timeout")], options: Self.pedantic)
        expectDiagnostics(yaml, [], options: Self.regular)
    }
}
