import BerthExecutor
import Testing

/// The deprecated in-JVM script tasks are checked and compiled, and fail at run time saying why.
@Suite struct JvmScriptTaskTests {
    @Test func evalFailsWithTheReason() async throws {
        let run = try await TestRun.run("id: jvm\nnamespace: company.team\ntasks:\n  - id: eval\n    type: io.kestra.plugin.scripts.nashorn.Eval\n    script: 1 + 1\n")
        #expect(run.result.state == .failed)
        #expect(run.task("eval")?.message?.hasPrefix("io.kestra.plugin.scripts.nashorn.Eval runs inside Kestra's JVM") == true, "\(run.task("eval")?.message ?? "")")
    }
}
