import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// ForEachItem as Kestra's three internal steps: `<id>_split` cuts the items file into
    /// batches (Split's rules, one row per batch by default), `<id>_items` starts one subflow
    /// execution per batch (`taskrun.items`, `taskrun.iteration` from 0 in its inputs; at most
    /// eight at once) and counts their states, `<id>_merge` joins the children's flow outputs,
    /// one JSON line each (JSON is Ion text), skipped when a batch failed.
    func runForEachItem(_ node: PlanNode, call: SubflowCall, child: Plan, scope: Scope, run: TaskRunContext, key: String) async throws(ExecutorError) -> AttemptResult {
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run)
        let items = try Values.text(node.properties["items"] ?? .null, with: evaluator)
        guard items.hasPrefix(Storage.scheme) else {
            throw ExecutorError.task("Unable to split the items from \(items), this is not an internal storage URI!")
        }
        let batches = try await splitItems(node, items: items, evaluator: evaluator, scope: scope, run: run)
        let itemsStore = TaskStorage(storage: storage, path: taskStoragePath("\(node.id)_items", run))
        var results: [(Int, ExecutionResult)] = []
        var childRuns: [(Int, ChildRun)] = []
        for (index, uri) in batches.enumerated() {
            let batchEvaluator = await self.evaluator(for: node, scope: scope, taskrun: run,
                                                      extra: [("taskrun", .object([("items", .string(uri)), ("iteration", .int(Int64(index)))]))])
            var inputs: [String: String] = [:]
            if case .object(let given) = try Values.render(node.properties["inputs"] ?? .object([:]), with: batchEvaluator) {
                for (name, value) in given { inputs[name] = value.plainText }
            }
            childRuns.append((index, try await startChild(child, inputs: inputs, key: "\(key)#\(index)", attempt: run.attemptsCount + 1)))
        }
        if !call.wait {
            for (_, childRun) in childRuns { background.add(Task { _ = await childRun.run() }) }
            await setItemsOutputs(node, scope: scope, counts: ["RUNNING": 0, "SUCCESS": batches.count], batches: batches.count, base: itemsStore.path)
            return AttemptResult(state: .success)
        }
        results = try await runBatches(childRuns, call)
        var counts: [String: Int] = ["CREATED": 0, "RUNNING": 0]
        for (index, result) in results {
            counts[result.state.rawValue, default: 0] += 1
            if case .object(let outputs) = result.outputs, !outputs.isEmpty {
                _ = try itemsStore.write(Data((result.outputs.plainText + "\n").utf8), at: "\(index)/outputs.ion")
            }
        }
        await setItemsOutputs(node, scope: scope, counts: counts, batches: batches.count, base: itemsStore.path)
        let states = results.map(\.1.state)
        if call.transmitFailed, states.contains(where: { $0 == .failed || $0 == .killed }) {
            return AttemptResult(state: .failed, message: "\(states.filter { $0 == .failed || $0 == .killed }.count) of \(batches.count) subflow executions of \(call.name) failed")
        }
        try await mergeOutputs(node, scope: scope, run: run, items: itemsStore, count: batches.count)
        return AttemptResult(state: call.transmitFailed && states.contains(.warning) ? .warning : .success)
    }

    private func taskStoragePath(_ taskId: String, _ run: TaskRunContext) -> String {
        Storage.taskPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId, task: taskId, taskrun: run.id)
    }

    /// `<id>_split`: the batches' URIs, also listed in its `splits` file.
    private func splitItems(_ node: PlanNode, items: String, evaluator: Evaluator, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> [String] {
        let store = TaskStorage(storage: storage, path: taskStoragePath("\(node.id)_split", run))
        var batch: [String: JSONValue] = [:]
        if case .object(let given)? = try node.properties["batch"].map({ (raw) throws(ExecutorError) in try Values.render(raw, with: evaluator) }) { batch = given }
        let rows = batch["bytes"] == nil && batch["partitions"] == nil ? (batch["rows"] ?? .int(1)) : batch["rows"]
        let chunks = try split(Self.lines(of: try store.read(items)), bytes: batch["bytes"], partitions: batch["partitions"], rows: rows,
                               separator: batch["separator"]?.plainText ?? "\n")
        let ext = TaskStorage.extensionOf(items) ?? ".tmp"
        var uris: [String] = []
        for chunk in chunks { uris.append(try store.write(Data(chunk.utf8), extension: ext)) }
        let splits = try store.write(Data(uris.joined(separator: "\n").utf8), at: "splits.txt")
        await state.setOutputs("\(node.id)_split", .object([("splits", .string(splits))]), loopValues: scope.loopValues)
        return uris
    }

    /// Runs the batches, at most eight at once, in batch order of their results.
    private func runBatches(_ runs: [(Int, ChildRun)], _ call: SubflowCall) async throws(ExecutorError) -> [(Int, ExecutionResult)] {
        let outcomes = await withTaskGroup(of: (Int, ExecutionResult).self) { group in
            var pending = runs[...], collected: [(Int, ExecutionResult)] = []
            for _ in 0..<8 {
                guard let (index, childRun) = pending.popFirst() else { break }
                group.addTask { (index, await childRun.run()) }
            }
            for await outcome in group {
                collected.append(outcome)
                if let (index, childRun) = pending.popFirst() { group.addTask { (index, await childRun.run()) } }
            }
            return collected.sorted { $0.0 < $1.0 }
        }
        if let lost = outcomes.first(where: { $0.1.state == .interrupted }) {
            throw ExecutorError.journal("subflow execution \(lost.1.executionId) of \(call.name) is interrupted: \(lost.1.error ?? "")")
        }
        return outcomes
    }

    private func setItemsOutputs(_ node: PlanNode, scope: Scope, counts: [String: Int], batches: Int, base: String) async {
        let iterations = Value.object(counts.keys.sorted().map { ($0, .int(Int64(counts[$0] ?? 0))) })
        await state.setOutputs("\(node.id)_items", .object([("iterations", iterations), ("numberOfBatches", .int(Int64(batches))),
                                                            ("subflowOutputsBaseUri", .string(base))]), loopValues: scope.loopValues)
    }

    /// `<id>_merge`: the batches' outputs files joined in batch order.
    private func mergeOutputs(_ node: PlanNode, scope: Scope, run: TaskRunContext, items: TaskStorage, count: Int) async throws(ExecutorError) {
        var merged = Data()
        for index in 0..<count {
            if let data = FileManager.default.contents(atPath: storage.file(forPath: items.path + "/\(index)/outputs.ion").path) { merged.append(data) }
        }
        let store = TaskStorage(storage: storage, path: taskStoragePath("\(node.id)_merge", run))
        let uri = try store.write(merged, at: "outputs.ion")
        await state.setOutputs("\(node.id)_merge", .object([("subflowOutputs", .string(uri))]), loopValues: scope.loopValues)
    }
}
