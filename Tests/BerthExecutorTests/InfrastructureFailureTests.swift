import BerthEngine
import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// An engine that fails is not a task that fails: at every point of a container's life, losing
/// the engine interrupts the execution (exit 3, resumable), and the resume finishes the flow
/// with each task run once; transient engine errors are retried without touching the flow's retry.
@Suite struct InfrastructureFailureTests {
    static let flow = flowHead + "tasks:\n" + shell("before", ["echo before ran"]) +
        shell("work", ["echo work ran", "echo data > out.txt"], image: "127.0.0.1:5000/app:1", extra: "    inputFiles: {in.txt: given}\n    outputFiles: [out.txt]\n") +
        log("after", "after ran")

    static let points: [InMemoryEngine.Operation] = [.pull, .create, .putArchive, .attach, .wait, .start, .inspect, .getArchive, .remove]

    func session(_ engine: InMemoryEngine, state: URL, lines: TestRun.LockedLines) -> ExecutionSession {
        let log = ExecutionLog { level, line in lines.append("\(level.rawValue) \(line)") }
        var session = ExecutionSession(options: RunOptions(stateDirectory: state, environment: [:]), engines: SingleEngineProvider(engine), log: log,
                                       handleSignals: false)
        session.pullBackoff = [0.01, 0.01, 0.01, 0.01]
        return session
    }

    @Test(arguments: points)
    func losingTheEngineInterruptsAndResumeFinishesEachTaskOnce(_ point: InMemoryEngine.Operation) async throws {
        let engine = InMemoryEngine(registry: ["127.0.0.1:5000/app:1": nil])
        // The failure hits the "work" task: its image, or its container (the second one made).
        engine.inject(.unreachable(endpoint: engine.endpoint, reason: "connection refused"), on: point, matching: { subject in
            point == .pull || point == .create ? subject == "127.0.0.1:5000/app:1"
                : engine.containers.count == 2 && subject == engine.containers[1].id
        })
        let state = TestRun.newState()
        defer { try? FileManager.default.removeItem(at: state) }
        let plan = try TestRun.compile(Self.flow)
        let first = await session(engine, state: state, lines: TestRun.LockedLines()).run(plan)
        #expect(first.exitCode == 3, "\(point)")
        let result = try #require(first.result)
        #expect(result.state == .interrupted)
        #expect(first.message?.contains("cannot reach the Docker engine at memory://test (connection refused)") == true)
        #expect(first.message?.hasSuffix("berth resume \(result.executionId)") == true)
        let directory = state.appendingPathComponent("executions/\(result.executionId)")
        let records = try Journal.load(directory)
        #expect(records.last?.kind == .executionInterrupted, "the journal says why")
        #expect(records.contains { $0.kind == .taskFinished && $0.key == "before" })
        #expect(!records.contains { $0.kind == .taskFinished && $0.key == "work" })
        let lines = TestRun.LockedLines()
        let resumed = await session(engine, state: state, lines: lines).resume(result.executionId)
        #expect(resumed.exitCode == 0, "\(point): \(lines.all.joined(separator: "\n"))")
        let all = try Journal.load(directory)
        for task in ["before", "work", "after"] {
            #expect(all.filter { $0.kind == .taskFinished && $0.key == task }.count == 1, "\(point): \(task) finished once")
        }
        for task in ["before", "work"] {
            let started = engine.containers.filter { $0.request.labels?["kestra.io/task-id"] == task && $0.hasStarted }
            #expect(started.count == 1, "\(point): one container of \(task) ran")
        }
        #expect(resumed.result?.tasks.first { $0.taskId == "work" }?.outputs?["outputFiles"]?["out.txt"] != nil)
    }

    @Test func transientCreateAndStartErrorsAreTriedOnceMoreWithoutUsingTheFlowsRetry() async throws {
        let engine = InMemoryEngine()
        engine.inject(.api(status: 500, message: "error creating overlay mount", operation: "create container"), on: .create)
        engine.inject(.api(status: 503, message: "service unavailable", operation: "start container"), on: .start)
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo ok"], extra: "    retry: {type: constant, interval: PT0.01S, maxAttempts: 3}\n"),
                                        engine: engine)
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.task("t")?.attempts.count == 1)
        #expect(run.output("t").filter { $0.contains("once more") }.count == 2)
        // A failure that stays is the task's (EngineFaultTests.aFailedCreateFailsTheTaskWithTheEnginesMessage).
    }

    @Test func aDaemonThatStopsItsContainersOnShutdownGetsTheAttemptRunAgain() async throws {
        let engine = InMemoryEngine()
        let plan = try TestRun.compile(flowHead + "tasks:\n" + shell("long", ["echo starting", "sleep 2", "echo finished"]))
        let state = TestRun.newState()
        defer { try? FileManager.default.removeItem(at: state) }
        let watcher = Task {
            while !(engine.containers.first?.hasStarted ?? false) { try? await Task.sleep(nanoseconds: 10_000_000) }
            try? await Task.sleep(nanoseconds: 200_000_000)
            engine.vanish(reason: "the daemon is shutting down", stoppingContainers: true)
        }
        let first = try await TestRun.run(plan: plan, engine: engine, state: state)
        await watcher.value
        #expect(first.result.state == .interrupted)
        engine.comeBack()
        let resumed = try await TestRun.run(plan: plan, engine: engine, state: state, resuming: first.result.executionId)
        #expect(resumed.result.state == .success, "\(resumed.text)")
        #expect(resumed.output("long").contains { $0.contains("was stopped when the engine went down (exit code 143)") })
        #expect(resumed.task("long")?.attempts.count == 1, "an attempt cut short by the engine is not a retry")
        #expect(engine.containers.count == 2)
    }
}
