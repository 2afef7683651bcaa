import BerthEngine
import BerthExecutor
import Foundation
import Testing

/// The `berth` binary built next to the test bundle, driven as a real process.
final class BerthProcess: @unchecked Sendable {
    /// On Linux the test bundle is a file in the build directory, next to the executable.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("berth").path

    let process = Process()
    private let pipe = Pipe()
    private let lock = NSLock()
    private var output = ""
    /// True once the output pipe reached end of file (every writer closed it).
    private var outputEnded = false
    /// A signal to send the moment the output contains a text (see `signal(_:when:)`).
    private var trigger: (needle: String, signal: Int32)?

    init(_ arguments: [String], cwd: URL) throws {
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = cwd
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // A thread reading until end of file rather than a `readabilityHandler`: Foundation's
        // handler keeps a dispatch source (and its weak-reference tables) alive after the
        // process ends, which LeakSanitizer reports.
        let reader = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                received(data)
            }
            lock.withLock { outputEnded = true }
        }
    }

    private func received(_ data: Data) {
        let fire: Int32? = lock.withLock {
            output += String(decoding: data, as: UTF8.self)
            guard let trigger, output.contains(trigger.needle) else { return nil }
            self.trigger = nil
            return trigger.signal
        }
        if let fire { kill(process.processIdentifier, fire) }
    }

    var text: String { lock.withLock { output } }

    /// Sends `signal` as soon as the output contains `needle`, from the thread that reads the
    /// output: a test task polling on a busy cooperative pool could send it seconds late.
    func signal(_ signal: Int32, when needle: String) {
        let fireNow: Bool = lock.withLock {
            if output.contains(needle) { return true }
            trigger = (needle, signal)
            return false
        }
        if fireNow { kill(process.processIdentifier, signal) }
    }

    /// Waits until the output contains `needle` (at most `seconds`).
    func waitFor(_ needle: String, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !text.contains(needle) {
            guard Date() < deadline else { throw ExecutorError.plan("timed out waiting for \"\(needle)\" in:\n\(text)") }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    /// Waits for the process to exit and its output to reach end of file (at most 30 s more,
    /// in case something it started still holds the pipe).
    func finish() async -> Int32 {
        while process.isRunning { try? await Task.sleep(nanoseconds: 20_000_000) }
        // Returns at once now; it also drops the run-loop source through which Foundation's
        // Process retains itself, which polling `isRunning` alone never releases.
        process.waitUntilExit()
        let deadline = Date().addingTimeInterval(30)
        while !lock.withLock({ outputEnded }), Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        return process.terminationStatus
    }
}

@Suite(.serialized, .disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
struct CrashSafetyTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test func killNineMidTaskThenResumeRunsEveryTaskOnceAndCreatesNoSecondContainer() async throws {
        try """
            id: crash
            namespace: company.team
            tasks:
              - id: first
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                commands: ["echo first ran"]
              - id: long
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                commands:
                  - echo starting
                  - sleep 4
                  - "echo '::{\\"outputs\\":{\\"n\\":42}}::'"
              - id: after
                type: io.kestra.plugin.core.log.Log
                message: "n={{ outputs.long.vars.n }}"

            """.write(to: directory.appendingPathComponent("crash.yaml"), atomically: true, encoding: .utf8)
        let since = Int(Date().timeIntervalSince1970) - 1
        let run = try BerthProcess(["run", "crash.yaml"], cwd: directory)
        // The kill must land while "long" sleeps.
        run.signal(SIGKILL, when: "[long] starting")
        #expect(await run.finish() == SIGKILL)
        let executionId = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(".berth/executions").path).first)
        let resume = try BerthProcess(["resume", executionId], cwd: directory)
        #expect(await resume.finish() == 0, "\(resume.text)")
        #expect(resume.text.contains("[first] already SUCCESS before the resume; not run again"))
        #expect(resume.text.contains("[long] reattaching to container"))
        #expect(resume.text.contains("[after] n=42"))
        #expect(resume.text.contains("ended SUCCESS"))
        // docker events: exactly one container was ever created for "long" in this execution.
        let until = Int(Date().timeIntervalSince1970) + 1
        let creates = shellOut("docker events --since \(since) --until \(until) --filter type=container --filter event=create --filter label=kestra.io/execution-id=\(executionId) --format '{{index .Actor.Attributes \"kestra.io/task-id\"}}'")
        let tasks = creates.split(separator: "\n").map(String.init)
        #expect(tasks.filter { $0 == "long" }.count == 1, "creates: \(tasks)")
        #expect(tasks.filter { $0 == "first" }.count == 1, "creates: \(tasks)")
        let records = try Journal.load(directory.appendingPathComponent(".berth/executions/\(executionId)"))
        #expect(records.filter { $0.kind == .containerCreated && $0.key == "long" }.count == 1)
    }

    @Test func sigintStopsWithTheGracePeriodRunsFinallyAndRecordsKilled() async throws {
        try """
            id: stop
            namespace: company.team
            tasks:
              - id: trapper
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  killGracePeriod: PT10S
                commands:
                  - "trap 'echo got TERM; exit 0' TERM"
                  - echo ready
                  - "while true; do sleep 0.1; done"
            finally:
              - id: cleanup
                type: io.kestra.plugin.core.log.Log
                message: cleanup ran

            """.write(to: directory.appendingPathComponent("stop.yaml"), atomically: true, encoding: .utf8)
        let run = try BerthProcess(["run", "stop.yaml"], cwd: directory)
        try await run.waitFor("[trapper] ready")
        kill(run.process.processIdentifier, SIGINT)
        #expect(await run.finish() == 130, "\(run.text)")
        #expect(run.text.contains("[trapper] got TERM"))
        #expect(run.text.contains("[cleanup] cleanup ran"))
        let executions = try BerthProcess(["executions"], cwd: directory)
        _ = await executions.finish()
        #expect(executions.text.contains("KILLED"))
    }

    @Test func gcRemovesLeftoversOfDeadExecutionsOnly() async throws {
        let engine = try Engine.real()
        try await engine.ping()
        let labels = ["berth.runner": "berth", "kestra.io/execution-id": "deadExecution\(UUID().uuidString.prefix(6))", "kestra.io/task-id": "orphan",
                      "berth.state": directory.appendingPathComponent(".berth").standardizedFileURL.path]
        let id = try await engine.create(ContainerCreateRequest(image: "busybox:1.36", cmd: ["true"], labels: labels)).id
        let gc = try BerthProcess(["gc"], cwd: directory)
        #expect(await gc.finish() == 0, "\(gc.text)")
        #expect(gc.text.contains("removed \(id.prefix(12))"))
        await #expect(throws: EngineError.self) { _ = try await engine.inspect(id) }
        await engine.shutdown()
    }
}
