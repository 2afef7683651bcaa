import BerthEngine
import BerthPlan
import Foundation

/// One `berth run`, `exec` or `resume`: the runner, the preflight, the run with Ctrl-C
/// handling, and the exit code — everything but argument parsing and printing, so the CLI
/// stays a thin shell.
public struct ExecutionSession: Sendable {
    /// What a session ended with.
    public struct Outcome: Sendable {
        /// The summary, when the execution ran (or began to).
        public var result: ExecutionResult?
        /// README "Exit codes": 0 SUCCESS/WARNING, 1 FAILED, 2 usage or inputs, 3 engine or IO, 130 KILLED.
        public var exitCode: Int32
        /// Why it could not start or go on (masked).
        public var message: String?
    }

    public let options: RunOptions
    public let engines: any EngineProvider
    public let log: ExecutionLog
    /// Whether SIGINT/SIGTERM stop the execution (the real process; not in-process tests).
    public let handleSignals: Bool
    /// Seconds between image pull retries (tests shorten them).
    public var pullBackoff: [Double] = ImagePuller.kestraBackoff

    public init(options: RunOptions, engines: any EngineProvider, log: ExecutionLog, handleSignals: Bool) {
        self.options = options
        self.engines = engines
        self.log = log
        self.handleSignals = handleSignals
    }

    /// Runs `plan` as a new execution.
    public func run(_ plan: Plan) async -> Outcome {
        await execute { () throws(ExecutorError) in try PlanRunner(plan: plan, engines: engines, options: options, log: log) }
    }

    /// Continues execution `id` after berth stopped.
    public func resume(_ id: String) async -> Outcome {
        await execute { () throws(ExecutorError) in try PlanRunner(resuming: id, engines: engines, options: options, log: log) }
    }

    private func execute(_ make: () throws(ExecutorError) -> PlanRunner) async -> Outcome {
        let outcome = await start(make)
        for engine in engines.engines { await engine.shutdown() }
        return outcome
    }

    private func start(_ make: () throws(ExecutorError) -> PlanRunner) async -> Outcome {
        let runner: PlanRunner
        do { runner = try make() } catch {
            return Outcome(result: nil, exitCode: error.isUsage ? 2 : 3, message: log.masker.mask("\(error)"))
        }
        runner.pullBackoff = pullBackoff
        do { try await runner.preflight() } catch {
            return Outcome(result: nil, exitCode: 3, message: log.masker.mask("\(error)"))
        }
        let running = Task { await runner.run() }
        let signals = handleSignals ? StopSignals.install(log: log, first: { running.cancel() }, second: {
            Task { await runner.killAll(); Foundation.exit(130) }
        }) : []
        let result = await running.value
        signals.forEach { $0.cancel() }
        return Outcome(result: result, exitCode: Self.exitCode(result.state), message: result.error)
    }

    static func exitCode(_ state: TaskState) -> Int32 {
        switch state {
        case .success, .warning, .skipped: 0
        case .failed: 1
        case .killed: 130
        case .interrupted: 3
        }
    }
}

extension ExecutorError {
    /// Mistakes in what was asked (inputs, operator settings): exit code 2.
    var isUsage: Bool {
        if case .plan = self { return true }
        return false
    }
}
