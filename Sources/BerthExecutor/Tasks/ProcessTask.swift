import BerthEngine
import BerthExpressions
import BerthPlan
import Foundation

/// A task on the Process runner: the same command line and output protocol, run locally in the
/// task's working directory with berth's environment plus the task's.
struct ProcessTask {
    let spec: ProcessSpec
    let node: PlanNode
    let files: WorkingFiles
    let storage: Storage
    let log: ExecutionLog
    let evaluator: Evaluator
    let environment: [String: String]

    func run() async throws(ExecutorError) -> ScriptResult {
        var command: [String] = []
        for part in spec.command {
            command.append(try files.localizeStorageURIs(in: try Values.text(part, with: evaluator), storage: storage))
        }
        guard let executable = command.first, !executable.isEmpty else { throw ExecutorError.task("task \"\(node.id)\" has no command") }
        var env = environment
        for (key, value) in spec.env { env[key] = try Values.text(value, with: evaluator) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? Array(command.dropFirst()) : command
        process.currentDirectoryURL = files.directory
        process.environment = env
        let collector = LineCollector(taskId: node.id, log: log, dropBlankLines: false)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let termination = OneShot<Int32>()
        let exited = OneShot<Void>()
        process.terminationHandler = { finished in
            termination.fulfill(finished.terminationStatus)
            exited.fulfill(())
        }
        do { try process.run() } catch {
            throw ExecutorError.task("cannot start \(executable): \(error.localizedDescription)")
        }
        // Readers start only once the child runs: Process.run has closed our copies of the
        // write ends by then, so each reader sees end of file when the child's copies close.
        let stdout = PipeDrain(out.fileHandleForReading) { collector.feed(.stdout, [UInt8]($0)) }
        let stderr = PipeDrain(err.fileHandleForReading) { collector.feed(.stderr, [UInt8]($0)) }
        // Foundation starts the child as the leader of its own process group, so the group
        // is the task: a timeout or stop kills what the script started too, like a container.
        let group = ProcessGroup(leader: process.processIdentifier)
        ExitWatch.start(pid: group.id, fulfilling: exited)
        await withTaskCancellationHandler {
            await exited.wait()
        } onCancel: {
            group.kill()
        }
        // What the script left running in the background would hold the pipes open (and
        // outlive the task); a container's processes end with it, and so do these.
        group.kill()
        let exitCode = await termination.wait()
        // Returns at once (the process has ended); it also releases the run-loop source through
        // which Foundation's Process retains itself until someone waits — every task would
        // leak its Process and environment otherwise.
        process.waitUntilExit()
        let drained = OneShot<Bool>()
        Task {
            await stdout.finished()
            await stderr.finished()
            drained.fulfill(true)
        }
        // A process that left the group (setsid) may still hold a pipe: keep what was read.
        DispatchQueue.global().asyncAfter(deadline: .now() + 10) { drained.fulfill(false) }
        if await !drained.wait() {
            log.task(node.id, .warn, "the output stayed open after the process ended (a process that left its group?); kept what was read")
        }
        let (vars, metrics) = collector.finish()
        return ScriptResult(state: exitCode == 0 ? .success : .failed, exitCode: Int(exitCode),
                            message: exitCode == 0 ? nil : "Command failed with exit code \(exitCode)", vars: vars, metrics: metrics, containerId: nil)
    }
}
