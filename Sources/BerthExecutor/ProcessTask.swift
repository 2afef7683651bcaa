import BerthExpressions
import BerthPlan
import Foundation

/// A task on the Process runner: the same command line and output protocol, run locally in the
/// task's working directory with berth's environment plus the task's.
struct ProcessTask {
    let spec: ProcessSpec
    let node: PlanNode
    let files: WorkingFiles
    let outputDir: String?
    let log: ExecutionLog
    let evaluator: Evaluator

    func run() async throws -> ScriptResult {
        let command = try spec.command.map { value -> String in
            guard case .string(let s) = try Values.render(value, with: evaluator) else { throw ExecutorError.plan("task \"\(node.id)\": a command part is not text") }
            return s
        }
        guard let executable = command.first else { throw ExecutorError.plan("task \"\(node.id)\" has no command") }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in spec.env { environment[key] = JSONConversionText.text(try Values.render(value, with: evaluator)) }
        if let outputDir {
            try FileManager.default.createDirectory(at: files.directory.appendingPathComponent(outputDir), withIntermediateDirectories: true)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? Array(command.dropFirst()) : command
        process.currentDirectoryURL = files.directory
        process.environment = environment
        let collector = LineCollector(taskId: node.id, log: log)
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
            throw ExecutorError.plan("cannot start \(executable): \(error.localizedDescription)")
        }
        // Readers start only once the child runs: Process.run has closed our copies of the
        // write ends by then, so each reader sees end of file when the child's copies close.
        let stdout = PipeDrain(out.fileHandleForReading) { collector.feed(.stdout, $0) }
        let stderr = PipeDrain(err.fileHandleForReading) { collector.feed(.stderr, $0) }
        // Foundation starts the child as the leader of its own process group, so the group
        // is the task: a timeout or stop kills what the script started too, like a container.
        let group = process.processIdentifier
        ExitWatch.start(pid: group, fulfilling: exited)
        await withTaskCancellationHandler {
            await exited.wait()
        } onCancel: {
            kill(-group, SIGKILL)
        }
        // What the script left running in the background would hold the pipes open (and
        // outlive the task); a container's processes end with it, and so do these.
        kill(-group, SIGKILL)
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
        let (vars, stderrLines) = collector.finish()
        let outputFiles = try files.collectOutputs(globs: spec.files.outputFiles, outputDir: outputDir, taskId: node.id)
        var state: TaskState = exitCode == 0 ? .success : .failed
        if state == .success, stderrLines > 0, (try Values.render(spec.warningOnStdErr, with: evaluator)) == .bool(true) { state = .warning }
        return ScriptResult(state: state, exitCode: Int(exitCode), message: exitCode == 0 ? nil : "exit code \(exitCode)",
                            vars: vars, outputFiles: outputFiles, containerId: nil)
    }
}

/// Thread-safe line assembly for the two pipes of a process.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var splitters: [FrameDecoder.Stream: LineSplitter] = [.stdout: LineSplitter(), .stderr: LineSplitter()]
    private var protocolState = OutputProtocol()
    private var stderrLines = 0
    let taskId: String
    let log: ExecutionLog

    init(taskId: String, log: ExecutionLog) {
        self.taskId = taskId
        self.log = log
    }

    func feed(_ stream: FrameDecoder.Stream, _ data: Data) {
        guard !data.isEmpty else { return }
        lock.withLock {
            for line in splitters[stream]!.feed([UInt8](data)) { emit(stream, line) }
        }
    }

    private func emit(_ stream: FrameDecoder.Stream, _ line: String) {
        if stream == .stderr { stderrLines += 1 }
        switch protocolState.handle(line) {
        case .log(let text): log.task(taskId, stream == .stderr ? .error : .info, text)
        case .consumed(let logs): for (level, message) in logs { log.task(taskId, ExecutionLog.Level(rawValue: level.uppercased()) ?? .info, message) }
        case .malformed(let warning): log.task(taskId, .warn, warning)
        }
    }

    func finish() -> (ValueMap, Int) {
        lock.withLock {
            for stream in [FrameDecoder.Stream.stdout, .stderr] { if let tail = splitters[stream]!.flush() { emit(stream, tail) } }
            return (protocolState.outputs, stderrLines)
        }
    }
}

enum JSONConversionText {
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        default: String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
        }
    }
}
