import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// Subflow: the child flow from the catalog runs as an execution of its own (journal,
    /// state, outputs, labels) on the same engines and state directory. With `wait` the task
    /// takes the child's end (`transmitFailed`: FAILED or KILLED fail it, WARNING warns);
    /// without, it succeeds at once and this execution waits for the child before it ends.
    /// The child's id is journaled first, so a resume continues that child, never a new one.
    func runSubflow(_ node: PlanNode, scope: Scope, run: TaskRunContext, key: String) async throws(ExecutorError) -> AttemptResult {
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run)
        let call = try SubflowCall(node, evaluator: evaluator)
        guard let catalog = options.flows else {
            return AttemptResult(state: .failed, message: "no flows to start subflows from: give berth the flows' directory with --flows DIR")
        }
        guard options.subflowDepth < 32 else {
            return AttemptResult(state: .failed, message: "\(call.name) would be the 33rd nested subflow execution: a cycle of subflows never ends")
        }
        var child = try catalog.plan(namespace: call.namespace, flowId: call.flowId)
        child.labels = try await childLabels(child, inherit: call.inheritLabels, given: call.labels)
        if node.type.hasSuffix(".ForEachItem") {
            return try await runForEachItem(node, call: call, child: child, scope: scope, run: run, key: key)
        }
        var inputs: [String: String] = [:]
        if case .object(let given)? = call.inputs { for (name, value) in given { inputs[name] = value.plainText } }
        let childRun = try await startChild(child, inputs: inputs, key: key, attempt: run.attemptsCount + 1)
        if !call.wait {
            background.add(Task { [log] in
                let result = await childRun.run()
                log.task(node.id, result.state.isFailure ? .warn : .info, "subflow execution \(result.executionId) of \(call.name) ended \(result.state.rawValue)")
            })
            await state.setOutputs(node.id, .object([("executionId", .string(childRun.executionId)), ("state", .string("CREATED"))]), loopValues: scope.loopValues)
            return AttemptResult(state: .success)
        }
        let result = try await finished(childRun, call)
        await state.setOutputs(node.id, .object([("executionId", .string(result.executionId)), ("state", .string(result.state.rawValue)),
                                                 ("outputs", Values.value(result.outputs))]), loopValues: scope.loopValues)
        let message = "subflow execution \(result.executionId) of \(call.name) ended \(result.state.rawValue)"
        guard call.transmitFailed else { return AttemptResult(state: .success, message: result.state.isFailure ? message : nil) }
        switch result.state {
        case .failed, .killed: return AttemptResult(state: .failed, message: message)
        case .warning: return AttemptResult(state: .warning, message: message)
        default: return AttemptResult(state: .success)
        }
    }

    /// Waits for a child; an interrupted child (engine or state directory lost) stops this
    /// execution too, so that a resume continues both.
    func finished(_ childRun: ChildRun, _ call: SubflowCall) async throws(ExecutorError) -> ExecutionResult {
        let result = await childRun.run()
        if result.state == .interrupted {
            throw ExecutorError.journal("subflow execution \(result.executionId) of \(call.name) is interrupted: \(result.error ?? "")")
        }
        return result
    }

    /// The child's runner: the execution recorded for this task run when resuming (finished
    /// ones answer from their journal), else a new one, journaled before it starts.
    func startChild(_ child: Plan, inputs: [String: String], key: String, attempt: Int) async throws(ExecutorError) -> ChildRun {
        var childOptions = options
        childOptions.inputs = inputs
        childOptions.observer = nil
        childOptions.subflowDepth += 1
        if let known = recovery.subflows[key] {
            let (_, records) = try Journal.execution(known, stateDirectory: options.stateDirectory)
            if let end = records.last(where: { $0.kind == .executionFinished }) {
                return .finished(ExecutionResult(executionId: known, flow: "\(child.flow.namespace).\(child.flow.id)",
                                                 state: end.state.flatMap(TaskState.init(rawValue:)) ?? .failed, durationSeconds: 0,
                                                 tasks: [], outputs: end.outputs ?? .object([:]), error: nil))
            }
            return .runner(try PlanRunner(resuming: known, engines: engines, options: childOptions, log: log))
        }
        guard control.fatal == nil else { throw control.fatal! }
        let runner = try PlanRunner(plan: child, engines: engines, options: childOptions, log: log)
        var record = JournalRecord(kind: .subflowStarted, key: key)
        record.attempt = attempt
        record.message = runner.executionId
        guard self.record(record) else { throw control.fatal ?? ExecutorError.journal("cannot record the subflow execution") }
        try await runner.preflight()
        return .runner(runner)
    }

    /// The child's labels: its flow's, this execution's when `inheritLabels` (always its
    /// `system.` ones, as Kestra passes the correlation), then the task's own.
    private func childLabels(_ child: Plan, inherit: Bool, given: JSONValue?) async throws(ExecutorError) -> [String: String] {
        var labels = child.labels
        for (key, value) in await state.labels where inherit || key.hasPrefix("system.") { labels[key] = value }
        var own: [String: String] = [:]
        switch given {
        case .object(let map)?: for (key, value) in map { own[key] = value.plainText }
        case .array(let items)?:
            for case .object(let label) in items { if let key = label["key"]?.plainText { own[key] = label["value"]?.plainText ?? "" } }
        default: break
        }
        if let system = own.keys.sorted().first(where: { $0.hasPrefix("system.") }) {
            throw ExecutorError.task("System labels can only be set by Kestra itself, offending label: \(system)")
        }
        return labels.merging(own) { $1 }
    }
}

/// A subflow execution to run, or one that had ended before a resume.
enum ChildRun {
    case runner(PlanRunner)
    case finished(ExecutionResult)

    var executionId: String {
        switch self {
        case .runner(let runner): runner.executionId
        case .finished(let result): result.executionId
        }
    }

    func run() async -> ExecutionResult {
        switch self {
        case .runner(let runner): await runner.run()
        case .finished(let result): result
        }
    }
}
