import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// ForEach: the values as Kestra reads them (see ``loopValues(_:node:scope:)``), each value's
    /// children in order, up to `concurrencyLimit` values at once (1 by default, 0 = all);
    /// after a failure no further value starts.
    func runForEach(_ node: PlanNode, scope: Scope, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let values = try await loopValues(node.properties["values"] ?? .array([]), node: node, scope: scope)
        let limit = try await integer(node.properties["concurrencyLimit"], default: 1, node: node, scope: scope)
        let children = node.children["tasks"] ?? []
        guard !values.isEmpty else { return AttemptResult(state: .success) }
        let state = await withTaskGroup(of: TaskState.self) { group in
            var worst: TaskState = .success
            var next = 0
            let width = limit <= 0 ? values.count : limit
            func launch() {
                let iteration = scope.iteration(of: node, value: values[next])
                next += 1
                group.addTask { await self.runList(children, scope: iteration, onFailure: onFailure) }
            }
            while next < min(width, values.count) { launch() }
            for await result in group {
                if result.isFailure { onFailure() }
                worst = max(worst, result)
                if next < values.count, !worst.isFailure, !Task.isCancelled, control.fatal == nil { launch() }
            }
            return worst
        }
        return AttemptResult(state: state)
    }

    /// Kestra's `resolveEachTasks`: a text is rendered and read as a JSON list (its items keep
    /// their JSON types); a YAML list has each text item rendered (not read as JSON), integers
    /// taken as text and maps rendered, while booleans, decimals and nested lists are refused.
    /// Duplicates are dropped (first kept); null values are refused; each value becomes
    /// `taskrun.value` as text (non-text items as compact JSON).
    func loopValues(_ property: JSONValue, node: PlanNode, scope: Scope) async throws(ExecutorError) -> [String] {
        let evaluator = await evaluator(for: node, scope: scope)
        var items: [Value] = []
        switch property {
        case .array(let list):
            for item in list {
                if item.template != nil {
                    items.append(.string(try Values.text(item, with: evaluator)))
                    continue
                }
                switch item {
                case .string(let s): items.append(.string(s))
                case .int(let i): items.append(.string(String(i)))
                case .object: items.append(Values.value(try Values.render(item, with: evaluator)))
                case .null: items.append(.null)
                case .bool: throw ExecutorError.task("Unknown value element type: class java.lang.Boolean")
                case .double: throw ExecutorError.task("Unknown value element type: class java.lang.Double")
                case .array: throw ExecutorError.task("Unknown value element type: class java.util.ArrayList")
                }
            }
        default:
            let text = try Values.text(property, with: evaluator)
            let parsed: Value
            do { parsed = try ValueJSON.decode(text) } catch {
                throw ExecutorError.task("ForEach values must be a list or a JSON list; \"\(text.prefix(200))\" is not (\(error.message))")
            }
            guard case .list(let list) = parsed else { throw ExecutorError.task("ForEach values must be a JSON list, not \(parsed.typeName)") }
            items = list
        }
        var distinct: [Value] = []
        for item in items where !distinct.contains(item) { distinct.append(item) }
        if distinct.contains(.null) {
            throw ExecutorError.task("Found '1' null values on Each, with values=[\(items.map { $0 == .null ? "null" : TemplateText.render($0) }.joined(separator: ", "))]")
        }
        return distinct.map { value in
            if case .string(let s) = value { return s }
            return ValueJSON.encode(value)
        }
    }
}
