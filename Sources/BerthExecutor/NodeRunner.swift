import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// One node: runIf, attempts with the retry policy, the timeout, then the node's errors and
    /// finally handlers. Returns the state after allowFailure/allowWarning.
    func runNode(_ node: PlanNode, scope: Scope) async -> TaskState {
        let started = Date()
        let key = scope.valueKey.map { "\(node.id)@\($0)" } ?? node.id
        if let done = recovered.finished[key], let state = done.state.flatMap(TaskState.init(rawValue:)) {
            // Finished before berth stopped: restore its outputs, never run it again.
            if let outputs = done.outputs { await self.state.setOutputs(node.id, Values.value(outputs), loopValue: scope.valueKey) }
            await self.state.setState(node.id, state)
            await self.state.record(TaskRunSummary(taskId: node.id, value: scope.valueKey, state: state, attempts: done.attempt ?? 1,
                                                   exitCode: done.exitCode, message: done.message, durationSeconds: 0, containerId: done.containerId))
            log.task(node.id, .info, "already \(state.rawValue) before the resume; not run again")
            return state
        }
        if let runIf = node.runIf {
            let evaluator = await evaluator(task: node, scope: scope)
            do {
                if try render(runIf, evaluator) == .bool(false) {
                    await state.setState(node.id, .skipped)
                    log.task(node.id, .info, "skipped: runIf is false")
                    return .skipped
                }
            } catch {
                return await finish(node, scope: scope, result: AttemptResult(state: .failed, message: "runIf: \(error)"), attempts: 1, started: started, key: key)
            }
        }
        let maxAttempts = max(1, node.retry?.maxAttempts ?? (node.retry == nil ? 1 : 1_000))
        var attempt = max(0, (recovered.started[key]?.attempt ?? 1) - 1)
        var result = AttemptResult(state: .failed, message: nil)
        while attempt < maxAttempts {
            attempt += 1
            var startedRecord = JournalRecord(kind: .taskStarted, key: key)
            startedRecord.attempt = attempt
            if node.kind == .container || node.kind == .process {
                startedRecord.taskrunId = recovered.started[key].flatMap { $0.attempt == attempt ? $0.taskrunId : nil } ?? PlanRunner.newId()
            }
            if recovered.started[key]?.attempt != attempt || recovered.started[key]?.taskrunId.isEmpty != false { journal.append(startedRecord) }
            result = await runAttempt(node, scope: scope, attempt: attempt, taskrunId: startedRecord.taskrunId ?? PlanRunner.newId(), key: key)
            guard result.state.isFailure, result.state != .killed, let retry = node.retry, attempt < maxAttempts, !Task.isCancelled else { break }
            if let maxDuration = retry.maxDurationSeconds, Date().timeIntervalSince(started) >= maxDuration { break }
            let delay = Self.retryDelay(retry, attempt: attempt)
            log.task(node.id, .warn, "attempt \(attempt) \(result.message ?? "failed"); retrying in \(String(format: "%.1f", delay)) s")
            try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }
        if attempt > 1 && result.state == .success && node.retry?.warningOnRetry == true { result.state = .warning }
        return await finish(node, scope: scope, result: result, attempts: attempt, started: started, key: key)
    }

    /// Kestra's delays: constant interval; exponential interval × factor^(attempt-1) capped; random in [min, max).
    static func retryDelay(_ retry: PlanRetry, attempt: Int) -> Double {
        switch retry.type {
        case "exponential":
            let base = retry.intervalSeconds ?? 1
            let delay = base * pow(retry.delayFactor ?? 2, Double(attempt - 1))
            return min(delay, retry.maxIntervalSeconds ?? delay)
        case "random":
            let low = retry.minIntervalSeconds ?? 0, high = retry.maxIntervalSeconds ?? low
            return high > low ? Double.random(in: low..<high) : low
        default:
            return retry.intervalSeconds ?? 1
        }
    }

    struct AttemptResult {
        var state: TaskState
        var message: String?
        var exitCode: Int? = nil
        var containerId: String? = nil
    }

    private func finish(_ node: PlanNode, scope: Scope, result: AttemptResult, attempts: Int, started: Date, key: String) async -> TaskState {
        var final = result.state
        if !node.errors.isEmpty && final.isFailure { _ = await runList(node.errors, scope: scope) }
        if !node.finally.isEmpty { _ = await runList(node.finally, scope: scope) }
        if final.isFailure && final != .killed && node.allowFailure { final = .warning }
        if final == .warning && node.allowWarning { final = .success }
        await state.setState(node.id, final)
        var record = JournalRecord(kind: .taskFinished, key: key)
        record.state = final.rawValue
        record.attempt = attempts
        record.exitCode = result.exitCode
        record.message = result.message.map(log.masked)
        record.containerId = result.containerId
        if let outputs = await state.outputs[node.id] {
            let own: Value? = scope.valueKey.map { if case .map(let perValue) = outputs { return perValue[$0] } else { return nil } } ?? outputs
            record.outputs = own.map { Values.json(Values.value(log.maskedJSON(Values.json($0)))) }
        }
        journal.append(record)
        await state.record(TaskRunSummary(taskId: node.id, value: scope.valueKey, state: final, attempts: attempts, exitCode: result.exitCode,
                                          message: result.message, durationSeconds: Date().timeIntervalSince(started), containerId: result.containerId))
        if final.isFailure || result.state.isFailure {
            log.task(node.id, .error, "\(final.rawValue)\(result.message.map { ": \($0)" } ?? "") (\(plan.source):\(node.source.line))")
        }
        return final
    }

    /// One attempt, bounded by the node's timeout.
    private func runAttempt(_ node: PlanNode, scope: Scope, attempt: Int, taskrunId: String, key: String) async -> AttemptResult {
        var timeout: Double?
        if let t = node.timeout {
            let evaluator = await evaluator(task: node, scope: scope)
            if case .double(let seconds)? = try? render(t, evaluator) { timeout = seconds }
        }
        guard let timeout else { return await execute(node, scope: scope, attempt: attempt, taskrunId: taskrunId, key: key) }
        return await withTaskGroup(of: AttemptResult?.self) { group in
            group.addTask { await self.execute(node, scope: scope, attempt: attempt, taskrunId: taskrunId, key: key) }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                return Task.isCancelled ? nil : AttemptResult(state: .failed, message: "Timeout after \(DurationParser.hms(timeout))")
            }
            var outcome = AttemptResult(state: .failed, message: nil)
            for await result in group {
                if let result { outcome = result; group.cancelAll(); break }
            }
            return outcome
        }
    }

    /// Dispatches on the node's kind.
    func execute(_ node: PlanNode, scope: Scope, attempt: Int, taskrunId: String, key: String) async -> AttemptResult {
        do {
            switch node.kind {
            case .container, .process:
                return try await runScript(node, scope: scope, attempt: attempt, taskrunId: taskrunId, key: key)
            case .internal:
                return try await runInternal(node, scope: scope)
            case .sequential, .workingDirectory:
                var inner = scope
                if node.kind == .workingDirectory {
                    inner.sharedDirectory = executionDirectory.appendingPathComponent("wd-\(node.id)-\(PlanRunner.newId().prefix(6))")
                }
                return AttemptResult(state: await runList(node.children["tasks"] ?? [], scope: inner))
            case .allowFailure:
                let result = await runList(node.children["tasks"] ?? [], scope: scope)
                return AttemptResult(state: result.isFailure && result != .killed ? .warning : result)
            case .parallel:
                let limit = Int(JSONConversionText.text(node.properties["concurrent"] ?? .int(0))) ?? 0
                return AttemptResult(state: await runConcurrently(node.children["tasks"] ?? [], limit: limit, scope: scope))
            case .conditional:
                let evaluator = await evaluator(task: node, scope: scope)
                let condition = try render(node.properties["condition"] ?? .bool(false), evaluator)
                let truthy = Values.value(condition).isTruthy
                await state.setOutputs(node.id, .object([("evaluationResult", .bool(truthy))]), loopValue: scope.valueKey)
                return AttemptResult(state: await runList(node.children[truthy ? "then" : "else"] ?? [], scope: scope))
            case .switchCase:
                let evaluator = await evaluator(task: node, scope: scope)
                let value = JSONConversionText.text(try render(node.properties["value"] ?? .string(""), evaluator))
                let branch = node.children["cases.\(value)"]
                await state.setOutputs(node.id, .object([("value", .string(value)), ("defaults", .bool(branch == nil))]), loopValue: scope.valueKey)
                return AttemptResult(state: await runList(branch ?? node.children["defaults"] ?? [], scope: scope))
            case .forEach:
                return try await runForEach(node, scope: scope)
            case .dag:
                return AttemptResult(state: await runDag(node, scope: scope))
            case .subflow:
                return AttemptResult(state: .failed, message: "Subflow and ForEachItem start other flows; berth runs one flow and cannot start \(JSONConversionText.text(node.properties["flowId"] ?? .null))")
            }
        } catch {
            return AttemptResult(state: Task.isCancelled ? .killed : .failed, message: "\(error)")
        }
    }

    private func runForEach(_ node: PlanNode, scope: Scope) async throws -> AttemptResult {
        let evaluator = await evaluator(task: node, scope: scope)
        var values = try render(node.properties["values"] ?? .array([]), evaluator)
        if case .string(let text) = values, let parsed = try? ValueJSON.decode(text) { values = Values.json(parsed) }
        guard case .array(let items) = values else { return AttemptResult(state: .failed, message: "ForEach values must be a list") }
        let limit = Int(JSONConversionText.text(node.properties["concurrencyLimit"] ?? .int(1))) ?? 1
        let children = node.children["tasks"] ?? []
        // Each value runs the children in order; values run up to `limit` at once.
        let iterations = items.map { item -> PlanNode in
            var sequence = PlanNode(id: node.id, kind: .sequential, type: node.type, source: node.source)
            sequence.children["tasks"] = children
            return sequence
        }
        let scopes = items.map { item -> Scope in
            var inner = scope
            inner.loopValues.append(Values.value(item))
            return inner
        }
        if iterations.isEmpty { return AttemptResult(state: .success) }
        let result = await withTaskGroup(of: TaskState.self) { group in
            var worst: TaskState = .success
            var next = 0
            let width = limit <= 0 ? iterations.count : limit
            func launch() {
                let i = next
                group.addTask { await self.runList(iterations[i].children["tasks"] ?? [], scope: scopes[i]) }
                next += 1
            }
            while next < min(width, iterations.count) { launch() }
            for await state in group {
                worst = max(worst, state)
                if next < iterations.count && !(worst.isFailure) { launch() }
            }
            return worst
        }
        return AttemptResult(state: result)
    }

    /// Dag: a task starts when everything it depends on succeeded.
    private func runDag(_ node: PlanNode, scope: Scope) async -> TaskState {
        let tasks = node.children["tasks"] ?? []
        let limit = Int(JSONConversionText.text(node.properties["concurrent"] ?? .int(0))) ?? 0
        var done: [String: TaskState] = [:]
        var remaining = tasks
        var worst: TaskState = .success
        while !remaining.isEmpty {
            let ready = remaining.filter { task in (node.dependsOn[task.id] ?? []).allSatisfy { done[$0] != nil } }
            guard !ready.isEmpty else { return .failed }
            let runnable = ready.filter { task in (node.dependsOn[task.id] ?? []).allSatisfy { !(done[$0]?.isFailure ?? false) } }
            if runnable.isEmpty { return .failed }
            let wave = await withTaskGroup(of: (String, TaskState).self) { group in
                var results: [(String, TaskState)] = []
                var index = 0
                let width = limit <= 0 ? runnable.count : limit
                func launch() {
                    let task = runnable[index]
                    group.addTask { (task.id, await self.runNode(task, scope: scope)) }
                    index += 1
                }
                while index < min(width, runnable.count) { launch() }
                for await result in group {
                    results.append(result)
                    if index < runnable.count { launch() }
                }
                return results
            }
            for (id, state) in wave { done[id] = state; worst = max(worst, state) }
            if worst.isFailure { return worst }
            remaining.removeAll { done[$0.id] != nil }
        }
        return worst
    }
}
