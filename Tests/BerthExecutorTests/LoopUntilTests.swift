import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// LoopUntil (and its alias WaitFor) as Kestra counts its rounds.
@Suite struct LoopUntilTests {
    func flow(_ loop: String) -> String { "id: loop\nnamespace: company.team\ntasks:\n" + loop }

    @Test func roundsRunUntilTheConditionHoldsAndTheCountEndsOneAhead() async throws {
        let run = try await TestRun.run(flow("""
              - id: wait
                type: io.kestra.plugin.core.flow.LoopUntil
                condition: "{{ outputs.count.value == '4' }}"
                checkFrequency: {interval: PT0.01S}
                tasks:
                  - {id: count, type: io.kestra.plugin.core.debug.Return, format: "{{ outputs.wait.iterationCount + 1 }}"}
                  - {id: round, type: io.kestra.plugin.core.log.Log, message: "round {{ taskrun.iteration }}"}
              - {id: after, type: io.kestra.plugin.core.log.Log, message: "{{ outputs.wait.iterationCount }}"}

            """))
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.output("round") == ["round 1", "round 2", "round 3"])
        #expect(run.output("after") == ["4"], "Kestra's counter is one ahead at the end")
        #expect(run.runs("count").count == 3)
    }

    @Test func maximumsEndTheLoopAndFailOnlyWhenAsked() async throws {
        let loop = """
              - id: wait
                type: io.kestra.plugin.core.flow.WaitFor
                condition: "false"
                checkFrequency: {interval: PT0.01S, maxIterations: 2}
                failOnMaxReached: FAIL
                tasks:
                  - {id: tick, type: io.kestra.plugin.core.log.Log, message: tick}

            """
        let quiet = try await TestRun.run(flow(loop.replacingOccurrences(of: "FAIL", with: "false")))
        #expect(quiet.result.state == .success)
        #expect(quiet.runs("tick").count == 2, "exactly maxIterations rounds")
        let strict = try await TestRun.run(flow(loop.replacingOccurrences(of: "FAIL", with: "true")))
        #expect(strict.result.state == .failed)
        #expect(strict.task("wait")?.message == "Max iterations reached")
    }

    @Test func aFailingRoundEndsTheLoop() async throws {
        let run = try await TestRun.run(flow("""
              - id: wait
                type: io.kestra.plugin.core.flow.LoopUntil
                condition: "false"
                checkFrequency: {interval: PT0.01S}
                tasks:
                  - {id: boom, type: io.kestra.plugin.core.execution.Fail, condition: "{{ taskrun.iteration == 2 }}"}

            """))
        #expect(run.result.state == .failed)
        #expect(run.runs("boom").count == 2)
    }
}
