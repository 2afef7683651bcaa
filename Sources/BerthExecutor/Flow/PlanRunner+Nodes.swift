import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// Sequential: stops at the first failure (or, for `errors` and `finally` lists, goes on).
    /// `onFailure` is told of the first failure at once (the parent's `errors` start then).
    func runList(_ nodes: [PlanNode], scope: Scope, continueOnFailure: Bool = false, onFailure: (@Sendable () -> Void)? = nil) async -> TaskState {
        var worst: TaskState = .success
        for node in nodes {
            if control.fatal != nil { return .interrupted }
            if Task.isCancelled { return max(worst, .killed) }
            let result = await runNode(node, scope: scope)
            if result == .interrupted { return .interrupted }
            if result.isFailure {
                onFailure?()
                worst = max(worst, result)
                if !continueOnFailure { return worst }
            } else if result == .warning {
                worst = max(worst, .warning)
            }
        }
        return worst
    }

    /// One node: skipped when it finished before a resume, `runIf`, then a runnable task's
    /// attempts or a flowable's children, then its `errors` and `finally`, allowFailure and
    /// allowWarning. Returns the final state.
    func runNode(_ node: PlanNode, scope: Scope) async -> TaskState {
        if control.fatal != nil { return .interrupted }
        let key = scope.key(node)
        if let done = recovery.finished[key], let state = done.state.flatMap(TaskState.init(rawValue:)) {
            return await restore(node, scope: scope, record: done, state: state)
        }
        let started = Date()
        if let runIf = node.runIf {
            do {
                if try !conditionIsTrue(runIf, await evaluator(for: node, scope: scope)) {
                    log.task(node.id, .info, "skipped: runIf is false")
                    return await finish(node, scope: scope, key: key, taskrunId: Ids.make(),
                                        result: AttemptResult(state: .skipped), attempts: [], started: started)
                }
            } catch {
                return await finish(node, scope: scope, key: key, taskrunId: Ids.make(),
                                    result: AttemptResult(state: .failed, message: "runIf: \(error)"), attempts: [], started: started)
            }
        }
        if node.isRunnable { return await runRunnable(node, scope: scope, key: key, started: started) }
        var own = scope
        own.taskrunId = Ids.make()
        let taskrunId = own.taskrunId ?? ""
        let handlers = ErrorHandlers(runner: self, node: node, scope: own.child(of: node))
        let result = await runFlowable(node, scope: own, taskrunId: taskrunId, handlers: handlers)
        let attempt = AttemptSummary(number: 1, state: result.state, exitCode: nil, containerId: nil, message: result.message,
                                     durationSeconds: Date().timeIntervalSince(started))
        return await finish(node, scope: own, key: key, taskrunId: taskrunId, result: result, attempts: [attempt], started: started, handlers: handlers)
    }

    /// A rendered condition under Kestra's truthiness.
    func conditionIsTrue(_ value: JSONValue, _ evaluator: Evaluator) throws(ExecutorError) -> Bool {
        if let (text, _) = value.template {
            do { return KestraTruth.isTrue(TemplateText.render(try evaluator.evaluate(text))) } catch { throw ExecutorError.template(error.message) }
        }
        return KestraTruth.isTrue(value.plainText)
    }

    /// Attempts of a runnable task under its retry policy: its own, else the nearest
    /// flowable's, else the flow's (Kestra never retries a flowable itself).
    private func runRunnable(_ node: PlanNode, scope: Scope, key: String, started: Date) async -> TaskState {
        let policy = (node.retry ?? scope.inheritedRetry ?? plan.retry).map(RetryPolicy.init)
        let previous = recovery.started[key]
        let taskrunId = previous.flatMap { $0.taskrunId.isEmpty ? nil : $0.taskrunId } ?? Ids.make()
        var attempts = recovery.attempts[key] ?? []
        var result = AttemptResult(state: .failed)
        let firstStart = started
        while true {
            let number = attempts.count + 1
            if previous?.attempt != number {
                var record = JournalRecord(kind: .taskStarted, key: key)
                record.attempt = number
                record.taskrunId = taskrunId
                guard self.record(record) else { return .interrupted }
            }
            let attemptStart = Date()
            let run = TaskRunContext(id: taskrunId, attemptsCount: number - 1, startDate: attemptStart)
            result = await runAttempt(node, scope: scope, run: run, attempt: number, key: key)
            if result.state == .interrupted || control.fatal != nil { return .interrupted }
            if Task.isCancelled && result.state == .failed { result.state = .killed }
            let summary = AttemptSummary(number: number, state: result.state, exitCode: result.exitCode, containerId: result.containerId,
                                         message: result.message, durationSeconds: Date().timeIntervalSince(attemptStart))
            attempts.append(summary)
            var finished = JournalRecord(kind: .attemptFinished, key: key)
            finished.attempt = number
            finished.state = result.state.rawValue
            finished.exitCode = result.exitCode
            finished.containerId = result.containerId
            finished.message = result.message
            guard record(finished) else { return .interrupted }
            guard result.state == .failed, let policy, number < policy.maxAttempts, !Task.isCancelled else { break }
            let delay = policy.delay(after: number)
            guard policy.allowsRetry(at: Date().addingTimeInterval(delay), firstStart: firstStart) else {
                log.task(node.id, .warn, "attempt \(number) \(result.message ?? "failed"); no retry: the next would start past maxDuration")
                break
            }
            log.task(node.id, .warn, "attempt \(number) \(result.message ?? "failed"); retrying in \(String(format: "%.1f", delay)) s")
            do { try await SafeSleep.sleep(seconds: delay) } catch { result.state = .killed; break }
        }
        if attempts.count > 1 && result.state == .success && node.retry?.warningOnRetry == true { result.state = .warning }
        return await finish(node, scope: scope, key: key, taskrunId: taskrunId, result: result, attempts: attempts, started: started)
    }

    /// One attempt, bounded by the task's timeout.
    private func runAttempt(_ node: PlanNode, scope: Scope, run: TaskRunContext, attempt: Int, key: String) async -> AttemptResult {
        var timeout: Double?
        if let t = node.timeout {
            do {
                timeout = try Values.render(t, with: await evaluator(for: node, scope: scope, taskrun: run)).numberValue
            } catch {
                return AttemptResult(state: .failed, message: "timeout: \(error)")
            }
        }
        guard let timeout else { return await execute(node, scope: scope, run: run, attempt: attempt, key: key) }
        return await withTaskGroup(of: AttemptResult?.self) { group in
            group.addTask { await self.execute(node, scope: scope, run: run, attempt: attempt, key: key) }
            group.addTask {
                do { try await SafeSleep.sleep(seconds: timeout) } catch { return nil }
                return AttemptResult(state: .failed, message: "Timeout after \(DurationText.hms(timeout))")
            }
            var outcome = AttemptResult(state: .failed)
            for await result in group {
                if let result {
                    outcome = result
                    group.cancelAll()
                    break
                }
            }
            return outcome
        }
    }

    /// A runnable task's attempt, by kind.
    private func execute(_ node: PlanNode, scope: Scope, run: TaskRunContext, attempt: Int, key: String) async -> AttemptResult {
        do {
            switch node.kind {
            case .container, .process:
                return try await runScript(node, scope: scope, run: run, attempt: attempt, key: key)
            case .internal:
                return try await runInternal(node, scope: scope, run: run)
            case .subflow:
                return try await runSubflow(node, scope: scope, run: run, key: key)
            default:
                return AttemptResult(state: .failed, message: "\(node.type) is not a runnable task")
            }
        } catch {
            let failure = ExecutorError.from(error)
            if failure.stopsTheExecution { abort(failure); return AttemptResult(state: .interrupted, message: "\(failure)") }
            return AttemptResult(state: Task.isCancelled ? .killed : .failed, message: "\(failure)")
        }
    }

    /// Handlers, allowFailure/allowWarning, the state, the journal record and the summary.
    func finish(_ node: PlanNode, scope: Scope, key: String, taskrunId: String, result: AttemptResult, attempts: [AttemptSummary],
                started: Date, handlers: ErrorHandlers? = nil) async -> TaskState {
        if control.fatal != nil { return .interrupted }
        var final = result.state
        if final == .failed || final == .killed, !node.errors.isEmpty, !Task.isCancelled {
            let errors = handlers ?? ErrorHandlers(runner: self, node: node, scope: scope.child(of: node))
            errors.trigger()
            await errors.wait()
        } else {
            await handlers?.wait()
        }
        if !node.finally.isEmpty {
            let finallyScope = scope.child(of: node)
            _ = await Task.detached { await self.runList(node.finally, scope: finallyScope, continueOnFailure: true) }.value
        }
        if control.fatal != nil { return .interrupted }
        if final == .failed && node.allowFailure { final = .warning }
        if final == .warning && node.allowWarning { final = .success }
        await state.setState(node.id, final, loopValues: scope.loopValues)
        let outputs = await state.outputs(of: node.id, loopValues: scope.loopValues).map(Values.json)
        var record = JournalRecord(kind: .taskFinished, key: key)
        record.state = final.rawValue
        record.attempt = attempts.count
        record.attempts = attempts
        record.taskrunId = taskrunId
        record.exitCode = result.exitCode
        record.message = result.message
        record.containerId = result.containerId
        record.outputs = outputs
        guard self.record(record) else { return .interrupted }
        await state.record(TaskRunSummary(taskId: node.id, taskrunId: taskrunId, value: scope.ownValue, loopValues: scope.loopValues,
                                          state: final, attempts: attempts, exitCode: result.exitCode, message: result.message,
                                          durationSeconds: Date().timeIntervalSince(started), containerId: result.containerId,
                                          outputs: outputs, metrics: result.metrics))
        if result.state.isFailure {
            log.task(node.id, .error, "\(final.rawValue)\(result.message.map { ": \($0)" } ?? "") (\(plan.source):\(node.source.line))")
        }
        return final
    }

    /// A task run that finished before berth stopped: its outputs and state come back, it does not run again.
    private func restore(_ node: PlanNode, scope: Scope, record: JournalRecord, state final: TaskState) async -> TaskState {
        if let outputs = record.outputs { await state.setOutputs(node.id, Values.value(outputs), loopValues: scope.loopValues) }
        await state.setState(node.id, final, loopValues: scope.loopValues)
        await state.record(TaskRunSummary(taskId: node.id, taskrunId: record.taskrunId ?? "", value: scope.ownValue, loopValues: scope.loopValues,
                                          state: final, attempts: record.attempts ?? [], exitCode: record.exitCode, message: record.message,
                                          durationSeconds: 0, containerId: record.containerId, outputs: record.outputs, metrics: []))
        // The board shows it as done, as the journal does.
        options.observer?.recorded(record)
        log.task(node.id, .info, "already \(final.rawValue) before the resume; not run again")
        return final
    }
}
