import BerthEngine
import BerthExecutor
import Foundation
import Testing

/// The engine's daemon stopped (SIGTERM) in the middle of a task, then started again: the
/// execution is INTERRUPTED, and `resume` finishes it with each task run once. The daemon (no
/// live-restore) stops the task's container before it goes: the resume runs that attempt again. It runs on the
/// second engine `.ci/services.sh` starts (`.ci/second-engine.sh`), so stopping it disturbs no
/// other test.
@Suite(.serialized, .disabled(if: SecondEngine.skipReason != nil, "no second engine"))
struct DaemonRestartTests {
    static let host = SecondEngine.host
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".ci/second-engine.sh").path

    static func engine(_ command: String) -> Int32 { runShell("bash '\(script)' \(command)").status }

    @Test func theDaemonStoppedMidTaskInterruptsAndResumeFinishesTheFlow() async throws {
        let host = try #require(Self.host, "BERTH_TEST_SECOND_ENGINE must be set in CI")
        #expect(Self.engine("start") == 0)
        let plan = try TestRun.compile(flowHead + "tasks:\n" + shell("first", ["echo first ran"], runner: "      networkMode: none\n") +
                                       shell("long", ["echo starting", "sleep 20", "echo long done"], runner: "      networkMode: none\n") +
                                       log("after", "after ran"))
        let state = TestRun.newState()
        defer { try? FileManager.default.removeItem(at: state) }
        let lines = TestRun.LockedLines()
        let stopper = Task {
            while !lines.all.contains("INFO [long] starting") { try? await Task.sleep(nanoseconds: 50_000_000) }
            return Self.engine("stop")
        }
        let first = try await TestRun.run(plan: plan, host: host, state: state, lines: lines)
        #expect(await stopper.value == 0)
        // Whatever happens next, the engine is back for the resume and for later runs.
        #expect(Self.engine("start") == 0)
        #expect(first.result.state == .interrupted, "\(first.text)")
        #expect(first.result.error?.contains("cannot reach the Docker engine at \(host)") == true, "\(first.result.error ?? "")")
        #expect(first.result.error?.contains("berth resume \(first.result.executionId)") == true)
        let directory = state.appendingPathComponent("executions/\(first.result.executionId)")
        #expect(try Journal.load(directory).last?.kind == .executionInterrupted)
        let resumed = try await TestRun.run(plan: plan, host: host, state: state, resuming: first.result.executionId)
        #expect(resumed.result.state == .success, "\(resumed.text)")
        #expect(resumed.output("first") == ["already SUCCESS before the resume; not run again"])
        #expect(resumed.output("long").contains("long done"))
        #expect(resumed.output("after") == ["after ran"])
        let records = try Journal.load(directory)
        for task in ["first", "long", "after"] {
            #expect(records.filter { $0.kind == .taskFinished && $0.key == task }.count == 1, "\(task) finished once")
        }
    }
}

/// The engine `.ci/second-engine.sh` runs.
enum SecondEngine {
    static let host = ProcessInfo.processInfo.environment["BERTH_TEST_SECOND_ENGINE"]

    static var skipReason: String? {
        if ProcessInfo.processInfo.environment["CI"] != nil { return nil }
        if host != nil && getuid() == 0 { return nil }
        let reason = "BERTH_TEST_SECOND_ENGINE is not set or not root; source .ci/test-env.sh after .ci/services.sh"
        print("skipping daemon-restart test: \(reason)")
        return reason
    }
}
