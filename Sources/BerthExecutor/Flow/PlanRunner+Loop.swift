import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// One value of a Loop: what `item` shows.
    struct LoopValue: Sendable {
        var value: String
        var key: String?
    }

    /// Kestra 2.0's Loop: each value's tasks in order as an iteration of its own (`item.value`,
    /// `item.index`, `item.key`; `outputs.<task>` is the iteration's), up to `concurrencyLimit`
    /// iterations at once (0 = all). Iterations are independent: a failed one does not stop
    /// the others. With `transmitFailed` (the default) a failed iteration fails the Loop; without,
    /// the Loop ends WARNING. Outputs: `iterationCount`, and with declared `outputs` the list
    /// `outputs` of `{item: {value, iteration, key}, outputs: {id: value}}` in iteration order.
    func runLoop(_ node: PlanNode, scope: Scope, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let values = try await loopItems(node.properties["values"] ?? .array([]), node: node, scope: scope)
        let limit = try await integer(node.properties["concurrencyLimit"], default: 0, node: node, scope: scope)
        let transmit = try RenderedProperties(node: node, evaluator: await evaluator(for: node, scope: scope)).flag("transmitFailed", default: true)
        let declared = try Self.declaredOutputs(node)
        let children = node.children["tasks"] ?? []
        var outputs: [(String, Value)] = [("iterationCount", .int(Int64(values.count)))]
        await state.setOutputs(node.id, .object(outputs), loopValues: scope.loopValues)
        let results = await withTaskGroup(of: (Int, TaskState, Value?).self) { group in
            var next = 0, collected: [(Int, TaskState, Value?)] = []
            let width = limit <= 0 ? values.count : limit
            func launch() {
                let index = next, value = values[index]
                next += 1
                let inner = scope.loopIteration(of: node, value: value.value, index: index, key: value.key)
                group.addTask {
                    let state = await self.runList(children, scope: inner, onFailure: transmit ? onFailure : {})
                    let rendered = declared.isEmpty ? nil : await self.iterationOutputs(declared, node: node, scope: inner, value: value, index: index)
                    return (index, state, rendered)
                }
            }
            while next < min(width, values.count) { launch() }
            for await result in group {
                collected.append(result)
                if next < values.count, !Task.isCancelled, control.fatal == nil { launch() }
            }
            return collected.sorted { $0.0 < $1.0 }
        }
        if !declared.isEmpty {
            outputs.append(("outputs", .list(results.compactMap(\.2))))
            await state.setOutputs(node.id, .object(outputs), loopValues: scope.loopValues)
        }
        let worst = results.map(\.1).max() ?? .success
        if worst.isFailure && !transmit { return AttemptResult(state: .warning, message: "an iteration ended \(worst.rawValue); transmitFailed is false") }
        return AttemptResult(state: worst)
    }

    /// The Loop's `outputs` as plan outputs (id, type, value).
    private static func declaredOutputs(_ node: PlanNode) throws(ExecutorError) -> [PlanOutput] {
        guard case .array(let list)? = node.properties["outputs"] else { return [] }
        return try list.map { (entry) throws(ExecutorError) -> PlanOutput in
            guard case .object(let fields) = entry, let id = fields["id"]?.plainText, !id.isEmpty else {
                throw ExecutorError.task("each output of Loop \"\(node.id)\" needs an id")
            }
            return PlanOutput(id: id, type: fields["type"]?.plainText ?? "STRING", value: fields["value"] ?? .null)
        }
    }

    /// One iteration's declared outputs, rendered with what it produced; an output that does
    /// not render is null (loopOutputs() shows null where an iteration lacks a value).
    private func iterationOutputs(_ declared: [PlanOutput], node: PlanNode, scope: Scope, value: LoopValue, index: Int) async -> Value {
        let evaluator = await evaluator(for: node, scope: scope)
        var rendered: [(String, Value)] = []
        for output in declared {
            let typed = (try? Values.render(output.value, with: evaluator)).flatMap { try? Self.typed($0, output) }
            if typed == nil { log.task(node.id, .warn, "output \"\(output.id)\" of iteration \(index) did not render; it is null") }
            rendered.append((output.id, typed.map(Values.value) ?? .null))
        }
        let item: [(String, Value)] = [("value", .string(value.value)), ("iteration", .int(Int64(index)))] + (value.key.map { [("key", Value.string($0))] } ?? [])
        return .object([("item", .object(item)), ("outputs", .object(rendered))])
    }

    /// What a Loop iterates over: a YAML list (each element as text, lists and maps as JSON),
    /// a YAML map (key and value), or a text rendered and read as a JSON list or map, or naming
    /// a kestra:// file (one iteration per non-empty line). Values are kept as given: no
    /// duplicate is dropped, unlike ForEach.
    func loopItems(_ property: JSONValue, node: PlanNode, scope: Scope) async throws(ExecutorError) -> [LoopValue] {
        let evaluator = await evaluator(for: node, scope: scope)
        func text(_ value: Value) -> String {
            if case .string(let s) = value { return s }
            return ValueJSON.encode(value)
        }
        switch property {
        case .array(let list):
            return try list.map { (item) throws(ExecutorError) in LoopValue(value: text(Values.value(try Values.render(item, with: evaluator)))) }
        case .object(let map) where property.template == nil:
            return try map.keys.sorted().map { (key) throws(ExecutorError) in
                LoopValue(value: text(Values.value(try Values.render(map[key]!, with: evaluator))), key: key)
            }
        default:
            let rendered = try Values.text(property, with: evaluator).trimmingCharacters(in: .whitespacesAndNewlines)
            if rendered.hasPrefix(Storage.scheme) {
                guard let file = storage.file(for: rendered), let data = FileManager.default.contents(atPath: file.path) else {
                    throw ExecutorError.task("Loop values: no stored file \(rendered)")
                }
                return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { LoopValue(value: String($0)) }
            }
            let parsed: Value
            do { parsed = try ValueJSON.decode(rendered) } catch {
                throw ExecutorError.task("Loop values must be a list, a map, a JSON list or map, or a kestra:// file; \"\(rendered.prefix(200))\" is none (\(error.message))")
            }
            switch parsed {
            case .list(let list): return list.map { LoopValue(value: text($0)) }
            case .map(let map): return map.pairs.map { LoopValue(value: text($0.1), key: $0.0) }
            default: throw ExecutorError.task("Loop values must be a list or a map, not \(parsed.typeName)")
            }
        }
    }
}
