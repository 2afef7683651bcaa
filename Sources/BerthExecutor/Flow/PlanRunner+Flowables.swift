import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// A flowable's children, by kind. Flowables are never retried and have no timeout
    /// (Kestra applies both to runnable tasks only); their retry is inherited by their children.
    func runFlowable(_ node: PlanNode, scope: Scope, taskrunId: String, handlers: ErrorHandlers) async -> AttemptResult {
        let children = node.children["tasks"] ?? []
        let inner = scope.child(of: node)
        let onFailure: @Sendable () -> Void = { handlers.trigger() }
        do {
            switch node.kind {
            case .sequential:
                return AttemptResult(state: await runList(children, scope: inner, onFailure: onFailure))
            case .allowFailure:
                let result = await runList(children, scope: inner)
                return AttemptResult(state: result == .failed ? .warning : result)
            case .parallel:
                let limit = try await integer(node.properties["concurrent"], default: 0, node: node, scope: scope)
                return AttemptResult(state: await runConcurrently(children, limit: limit, scope: inner, onFailure: onFailure))
            case .conditional:
                return try await runIf(node, scope: scope, onFailure: onFailure)
            case .switchCase:
                return try await runSwitch(node, scope: scope, onFailure: onFailure)
            case .forEach:
                return try await runForEach(node, scope: scope, onFailure: onFailure)
            case .dag:
                let limit = try await integer(node.properties["concurrent"], default: 0, node: node, scope: scope)
                return AttemptResult(state: await runDag(node, limit: limit, scope: inner, onFailure: onFailure))
            case .workingDirectory:
                return try await runWorkingDirectory(node, scope: scope, taskrunId: taskrunId, onFailure: onFailure)
            case .loopUntil:
                return try await runLoopUntil(node, scope: scope, onFailure: onFailure)
            case .loop:
                return try await runLoop(node, scope: scope, onFailure: onFailure)
            default:
                return AttemptResult(state: .failed, message: "\(node.type) is not a flowable task")
            }
        } catch {
            let failure = ExecutorError.from(error)
            if failure.stopsTheExecution { abort(failure); return AttemptResult(state: .interrupted, message: "\(failure)") }
            return AttemptResult(state: .failed, message: "\(failure)")
        }
    }

    /// An integer property (a literal or a template), `default` when absent.
    func integer(_ value: JSONValue?, default fallback: Int, node: PlanNode, scope: Scope) async throws(ExecutorError) -> Int {
        guard let value, value != .null else { return fallback }
        let rendered = try Values.render(value, with: await evaluator(for: node, scope: scope))
        switch rendered {
        case .int(let i): return Int(clamping: i)
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        case .string(let s):
            guard let i = Int(s.trimmingCharacters(in: .whitespaces)) else { throw ExecutorError.task("\(node.id): \"\(s)\" is not an integer") }
            return i
        default: throw ExecutorError.task("\(node.id): \(rendered.plainText) is not an integer")
        }
    }

    /// Parallel with a concurrency limit (0 = none). After a child fails no further child
    /// starts; those running go on to their end (Kestra's `resolveParallelNexts`).
    func runConcurrently(_ nodes: [PlanNode], limit: Int, scope: Scope, onFailure: @escaping @Sendable () -> Void) async -> TaskState {
        await withTaskGroup(of: TaskState.self) { group in
            var worst: TaskState = .success
            var next = 0
            let width = limit <= 0 ? nodes.count : limit
            func launch() {
                let node = nodes[next]
                next += 1
                group.addTask { await self.runNode(node, scope: scope) }
            }
            while next < min(width, nodes.count) { launch() }
            for await result in group {
                if result.isFailure { onFailure() }
                if result != .skipped { worst = max(worst, result) }
                if next < nodes.count, !worst.isFailure, !Task.isCancelled, control.fatal == nil { launch() }
            }
            return worst
        }
    }

    /// If: the condition under Kestra's truthiness picks `then` or `else`; `evaluationResult`.
    private func runIf(_ node: PlanNode, scope: Scope, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let truthy = try conditionIsTrue(node.properties["condition"] ?? .string(""), await evaluator(for: node, scope: scope))
        let outputs = Value.object([("evaluationResult", .bool(truthy))])
        await state.setOutputs(node.id, outputs, loopValues: scope.loopValues)
        let branch = node.children[truthy ? "then" : "else"] ?? []
        return AttemptResult(state: await runList(branch, scope: scope.child(of: node, outputs: outputs), onFailure: onFailure))
    }

    /// Switch: the rendered value equals a case key exactly, else `defaults`; with neither,
    /// the Switch FAILS as in Kestra. Outputs `value` and `defaults` (no case matched).
    private func runSwitch(_ node: PlanNode, scope: Scope, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let value = try Values.text(node.properties["value"] ?? .string(""), with: await evaluator(for: node, scope: scope))
        let branch = node.children["cases.\(value)"]
        let outputs = Value.object([("value", .string(value)), ("defaults", .bool(branch == nil))])
        await state.setOutputs(node.id, outputs, loopValues: scope.loopValues)
        guard let tasks = branch ?? node.children["defaults"] else {
            return AttemptResult(state: .failed, message: "no case matches \"\(value)\" and there are no defaults (Kestra: No task found)")
        }
        return AttemptResult(state: await runList(tasks, scope: scope.child(of: node, outputs: outputs), onFailure: onFailure))
    }

    /// Dag: a task starts as soon as everything it depends on has ended; after a failure no
    /// further task starts. `limit` bounds how many run at once (0 = none).
    func runDag(_ node: PlanNode, limit: Int, scope: Scope, onFailure: @escaping @Sendable () -> Void) async -> TaskState {
        let tasks = node.children["tasks"] ?? []
        return await withTaskGroup(of: (String, TaskState).self) { group in
            var done: [String: TaskState] = [:]
            var started: Set<String> = []
            var running = 0
            var worst: TaskState = .success
            func launchReady() {
                guard !worst.isFailure, !Task.isCancelled, control.fatal == nil else { return }
                for task in tasks where !started.contains(task.id) {
                    if limit > 0 && running >= limit { return }
                    guard (node.dependsOn[task.id] ?? []).allSatisfy({ done[$0] != nil }) else { continue }
                    started.insert(task.id)
                    running += 1
                    group.addTask { (task.id, await self.runNode(task, scope: scope)) }
                }
            }
            launchReady()
            for await (id, result) in group {
                running -= 1
                done[id] = result
                if result.isFailure { onFailure() }
                if result != .skipped { worst = max(worst, result) }
                launchReady()
            }
            // Dependencies that never end (an id the Dag does not hold) leave tasks unstarted.
            if started.count < tasks.count && !worst.isFailure && !Task.isCancelled && control.fatal == nil {
                log.task(node.id, .error, "tasks never started, their dependencies did not run: \(tasks.filter { !started.contains($0.id) }.map(\.id).joined(separator: ", "))")
                return .failed
            }
            return worst
        }
    }
}
