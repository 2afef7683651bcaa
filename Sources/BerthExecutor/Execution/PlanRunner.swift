import BerthEngine
import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

/// Runs a plan: Kestra's flow semantics over container, process and internal tasks, with a
/// journal that lets `berth resume` continue after a crash without running a task twice.
public final class PlanRunner: @unchecked Sendable {
    let plan: Plan
    let engines: any EngineProvider
    let options: RunOptions
    let log: ExecutionLog
    let masker: SecretMasker
    let state: ExecutionState
    public let executionId: String
    let inputs: ValueMap
    let startDate: Date
    let executionDirectory: URL
    let journal: Journal
    let recovery: Recovery
    let storage: Storage
    let control = RunControl()
    /// The KV store of the state directory, opened when a task or `kv()` first needs it.
    let kv: KVHandle
    /// Subflow executions started with `wait: false`.
    let background = BackgroundRuns()
    /// Delays between image pull attempts, in seconds (Kestra: 5, 10, 20, 40).
    public var pullBackoff: [Double] = ImagePuller.kestraBackoff

    /// Starts a new execution of `plan`. Throws `.plan` for refused operator settings and bad
    /// inputs, `.journal` when the state directory cannot be written.
    public convenience init(plan: Plan, engines: any EngineProvider, options: RunOptions, log: ExecutionLog) throws(ExecutorError) {
        try self.init(plan: plan, engines: engines, options: options, log: log, executionId: Ids.make(), recovery: .none,
                      given: options.inputs) { (directory: URL) throws(ExecutorError) in
            do {
                try plan.encoded().write(to: directory.appendingPathComponent("plan.json"), options: .atomic)
            } catch {
                throw ExecutorError.journal("cannot write the plan into \(directory.path): \(error.localizedDescription)")
            }
        }
    }

    /// Continues an execution after berth died: finished tasks are not run again, containers of
    /// unfinished attempts are reattached by id (never created twice), then the flow goes on.
    /// SECRET inputs are not kept in the journal: give them again with `inputs`.
    public convenience init(resuming executionId: String, engines: any EngineProvider, options: RunOptions, log: ExecutionLog) throws(ExecutorError) {
        let directory = options.stateDirectory.appendingPathComponent("executions/\(executionId)")
        let (plan, records) = try Journal.execution(executionId, stateDirectory: options.stateDirectory)
        if let end = records.last(where: { $0.kind == .executionFinished }) {
            throw ExecutorError.plan("execution \(executionId) already ended \(end.state ?? "")")
        }
        let recovery = Recovery(records)
        if let backend = recovery.backend, backend != engines.backend.rawValue {
            throw ExecutorError.plan("execution \(executionId) started on the \(backend) backend: resume it with --backend \(backend)")
        }
        var given = recovery.inputs
        for (key, value) in options.inputs { given[key] = value }
        for input in plan.inputs where input.type == "SECRET" && given[input.id] == nil && input.defaults == nil && input.required {
            throw ExecutorError.plan("input \"\(input.id)\" is a SECRET, which the journal does not keep; give it again with --input \(input.id)=VALUE")
        }
        try self.init(plan: plan, engines: engines, options: options, log: log, executionId: executionId, recovery: recovery, given: given) { _ in }
    }

    /// What both starts share: the operator check, the masker primed with the environment's
    /// secrets, typed inputs, the journal (`prepare` runs once its directory exists) and the
    /// start record.
    private init(plan: Plan, engines: any EngineProvider, options: RunOptions, log: ExecutionLog, executionId: String, recovery: Recovery,
                 given: [String: String], prepare: (URL) throws(ExecutorError) -> Void) throws(ExecutorError) {
        try Self.refuseOperatorSettings(plan, options)
        self.plan = plan
        self.engines = engines
        self.options = options
        self.log = log
        self.masker = log.masker
        Self.registerEnvironmentSecrets(options.environment, masker)
        self.executionId = executionId
        self.recovery = recovery
        self.state = ExecutionState(labels: plan.labels.merging(recovery.labels) { $1 })
        self.startDate = recovery.startTime ?? Date()
        self.storage = Storage(stateDirectory: options.stateDirectory)
        self.kv = KVHandle(stateDirectory: options.stateDirectory)
        self.executionDirectory = options.stateDirectory.appendingPathComponent("executions/\(executionId)")
        self.inputs = try Self.inputValues(plan, options, storage: storage, executionId: executionId, masker: masker).resolve(given)
        self.journal = try Journal(directory: executionDirectory, masker: masker, observer: options.observer)
        try prepare(executionDirectory)
        log.keep(in: LogFile(directory: executionDirectory))
        var start = Self.startRecord(plan, given: given)
        start.backend = engines.backend == .docker ? nil : engines.backend.rawValue
        try journal.append(start)
    }

    static func inputValues(_ plan: Plan, _ options: RunOptions, storage: Storage, executionId: String, masker: SecretMasker) -> InputValues {
        InputValues(declarations: plan.inputs, masker: masker, storage: storage,
                    inputsPath: Storage.executionPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId) + "/inputs",
                    workingDirectory: options.workingDirectory)
    }

    /// The record a start (or resume) begins with: the flow, berth's pid (`berth executions`
    /// tells a live execution by it) and the inputs as given — SECRET inputs left out.
    static func startRecord(_ plan: Plan, given: [String: String]) -> JournalRecord {
        let secrets = Set(plan.inputs.filter { $0.type == "SECRET" }.map(\.id))
        var record = JournalRecord(kind: .executionStarted)
        record.flow = "\(plan.flow.namespace).\(plan.flow.id)"
        record.pid = getpid()
        record.outputs = .object(given.filter { !secrets.contains($0.key) }.mapValues { .string($0) })
        return record
    }

    /// Every `SECRET_*` of the environment is masked from the start: a Process task inherits
    /// the environment and could print one that no template read.
    static func registerEnvironmentSecrets(_ environment: [String: String], _ masker: SecretMasker) {
        masker.register(environment.keys.sorted().filter { $0.hasPrefix("SECRET_") }.compactMap {
            EvaluationContext.environmentSecrets(environment)(String($0.dropFirst("SECRET_".count)))
        })
    }

    /// Host volumes and privileged mode need the operator's permission (never the flow's).
    static func refuseOperatorSettings(_ plan: Plan, _ options: RunOptions) throws(ExecutorError) {
        for node in plan.allNodes {
            guard let c = node.container else { continue }
            if c.requiresHostVolumes && !options.allowHostVolumes {
                throw ExecutorError.plan("task \"\(node.id)\" (\(plan.source):\(node.source.line)) binds host volumes; the operator must allow them with --allow-volumes")
            }
            if c.requiresPrivileged && !options.allowPrivileged {
                throw ExecutorError.plan("task \"\(node.id)\" (\(plan.source):\(node.source.line)) asks for a privileged container; the operator must allow it with --allow-privileged")
            }
        }
    }

    /// The once-per-run checks before any container starts (see ``Preflight``).
    public func preflight() async throws(ExecutorError) {
        if let flows = options.flows { try SubflowGraph(catalog: flows).check(plan) }
        for warning in try await Preflight(plan: plan, engines: engines, environment: options.environment).check() {
            log.system(.warn, warning)
        }
    }

    /// Kills every container of this execution at once (a second Ctrl-C).
    public func killAll() async {
        for engine in engines.engines {
            let containers = (try? await engine.containers(labels: ["kestra.io/execution-id=\(executionId)"])) ?? []
            for container in containers { try? await engine.stop(container.id, graceSeconds: 0) }
        }
    }

    // MARK: the run

    /// Runs the flow's tasks, then `errors` if they failed, then `finally` and
    /// `afterExecution`. Cancelling the calling task stops the execution (KILLED).
    public func run() async -> ExecutionResult {
        let work = Task { await self.execute() }
        control.setWork(work)
        return await withTaskCancellationHandler { await work.value } onCancel: { work.cancel() }
    }

    private func execute() async -> ExecutionResult {
        options.observer?.started(executionId: executionId, plan: plan)
        defer { log.keep(in: nil) }
        log.system(.info, "execution \(executionId) of \(plan.flow.namespace).\(plan.flow.id) \(recovery.started.isEmpty && recovery.finished.isEmpty ? "started" : "resumed")")
        var final = await runList(plan.tasks, scope: Scope())
        let cancelled = Task.isCancelled
        if let fatal = control.fatal { return await interrupted(fatal) }
        if cancelled { final = .killed }
        // Handlers run even after a stop request (in a task the stop does not cancel).
        let plan = self.plan
        if final.isFailure && !plan.errors.isEmpty && !cancelled {
            _ = await Task.detached { await self.runList(plan.errors, scope: Scope(), continueOnFailure: true) }.value
        }
        let finallyState = await Task.detached { await self.runList(plan.finally, scope: Scope(), continueOnFailure: true) }.value
        if finallyState.isFailure && !final.isFailure { final = .failed }
        if !cancelled { _ = await runList(plan.afterExecution, scope: Scope(), continueOnFailure: true) }
        await background.waitAll()
        if let fatal = control.fatal { return await interrupted(fatal) }
        var outputs = JSONValue.object([:])
        do {
            outputs = try await flowOutputs()
        } catch {
            log.system(.error, "Failed to render output values: \(error)")
            if !final.isFailure { final = .failed }
        }
        var finished = JournalRecord(kind: .executionFinished)
        finished.state = final.rawValue
        finished.outputs = outputs
        do { try journal.append(finished) } catch { return await interrupted(error) }
        log.system(final.isFailure ? .error : .info, "execution \(executionId) ended \(final.rawValue)")
        return await result(final, outputs: outputs, error: nil)
    }

    /// The summary of an execution that stopped because berth could not go on.
    private func interrupted(_ error: ExecutorError) async -> ExecutionResult {
        let message = "\(error); the execution is interrupted, nothing is lost: fix this and run berth resume \(executionId)"
        // The journal says why, unless it is what failed.
        var record = JournalRecord(kind: .executionInterrupted)
        record.message = message
        try? journal.append(record)
        log.system(.error, message)
        return await result(.interrupted, outputs: .object([:]), error: message)
    }

    private func result(_ final: TaskState, outputs: JSONValue, error: String?) async -> ExecutionResult {
        let runs = await state.runs.map { run in
            var masked = run
            masked.message = run.message.map(masker.mask)
            masked.outputs = run.outputs.map(masker.mask)
            masked.attempts = run.attempts.map { attempt in
                var copy = attempt
                copy.message = attempt.message.map(masker.mask)
                return copy
            }
            return masked
        }
        return ExecutionResult(executionId: executionId, flow: "\(plan.flow.namespace).\(plan.flow.id)", state: final,
                               durationSeconds: Date().timeIntervalSince(startDate), tasks: runs, outputs: masker.mask(outputs),
                               error: error.map(masker.mask))
    }

    /// The flow's `outputs`, each rendered and converted to its declared type.
    private func flowOutputs() async throws(ExecutorError) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for output in plan.outputs {
            let evaluator = await evaluator(for: nil, scope: Scope())
            let value = try Values.render(output.value, with: evaluator)
            if output.type == "SECRET" { masker.register(value.plainText) }
            result[output.id] = try Self.typed(value, output)
        }
        return .object(result)
    }

    static func typed(_ value: JSONValue, _ output: PlanOutput) throws(ExecutorError) -> JSONValue {
        func invalid(_ what: String) -> ExecutorError { .task("output \"\(output.id)\" must be \(what), but rendered \"\(value.plainText)\"") }
        let text = value.plainText.trimmingCharacters(in: .whitespaces)
        switch output.type {
        case "INT":
            if case .int = value { return value }
            guard let i = KestraNumber.integer(text) else { throw invalid("an integer") }
            return .int(i)
        case "FLOAT":
            if case .double = value { return value }
            if case .int(let i) = value { return .double(Double(i)) }
            guard let d = KestraNumber.double(text) else { throw invalid("a number") }
            return .double(d)
        case "BOOLEAN", "BOOL":
            if case .bool = value { return value }
            guard ["true", "false"].contains(text.lowercased()) else { throw invalid("true or false") }
            return .bool(text.lowercased() == "true")
        case "JSON", "ARRAY", "MULTISELECT", "YAML":
            return value
        default:
            return .string(value.plainText)
        }
    }

    /// Appends to the journal; on failure the execution stops (interrupted) and false is returned.
    func record(_ record: JournalRecord) -> Bool {
        do {
            try journal.append(record)
            return true
        } catch {
            abort(error)
            return false
        }
    }

    /// Stops the execution because berth cannot go on safely: no new task starts, running
    /// containers are left as they are (a resume collects them).
    func abort(_ error: ExecutorError) {
        control.abort(error)
    }
}
