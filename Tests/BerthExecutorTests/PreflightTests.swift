import BerthEngine
import BerthExecutor
import BerthPlan
import Foundation
import Testing

@Suite(.serialized, .disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
struct PreflightTests {
    @Test func problemsAreReportedBeforeAnyContainerStarts() async throws {
        let plan = try TestRun.compile(flowHead + "tasks:\n" + shell("first", ["echo should not run"]) +
            shell("missing", ["true"], image: "berth-test/absent:9", runner: "      pullPolicy: NEVER\n") +
            shell("creds", ["true"], runner: "      credentials:\n        username: u\n        password: \"{{ secret('NOT_SET_ANYWHERE') }}\"\n"))
        let engine = try Engine.real()
        try await engine.ping()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("berth-pre-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let runner = try PlanRunner(plan: plan, engines: SingleEngineProvider(engine), options: RunOptions(stateDirectory: state, environment: [:]), log: ExecutionLog { _, _ in })
        do {
            try await runner.preflight()
            Issue.record("preflight passed")
        } catch {
            let message = "\(error)"
            #expect(message.contains("task \"missing\" (test.yaml:"))
            #expect(message.contains("image berth-test/absent:9 is not present and the pull policy is NEVER"))
            #expect(message.contains("secret('NOT_SET_ANYWHERE'), but SECRET_NOT_SET_ANYWHERE is not set"))
        }
        let containers = try await engine.containers(labels: ["kestra.io/execution-id=\(runner.executionId)"])
        #expect(containers.isEmpty)
        await engine.shutdown()
    }

    @Test func waitFalseReturnsAfterStartWithTheContainerId() async throws {
        // Long enough to be running still when a loaded host gets to the inspection; removed below.
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("detached", ["sleep 300"], runner: "      wait: false\n      host: unix://\(Engine.socket)\n"))
        #expect(run.result.state == .success)
        let id = try #require(run.task("detached")?.containerId)
        let engine = try Engine.real()
        try await engine.ping()
        let inspect = try await engine.inspect(id)
        #expect(inspect.state.running)
        try await engine.remove(id)
        await engine.shutdown()
    }
}
