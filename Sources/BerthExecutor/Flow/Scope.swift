import BerthExpressions
import BerthPlan
import Foundation

/// Where a node runs: inside which loops, under which parents, in which working directory,
/// with which inherited retry policy.
struct Scope: Sendable {
    /// A parent task run as `parents` shows it.
    struct Parent: Sendable {
        var taskId: String
        var taskrunId: String?
        var value: String?
        var outputs: Value?
    }

    /// The values of the enclosing loops, outermost first: the key of this run's outputs.
    var loopValues: [String] = []
    /// `taskrun.value`: set for the direct children of a ForEach iteration only.
    var ownValue: String?
    /// Enclosing task runs, closest last.
    var parents: [Parent] = []
    /// The working directory shared by a WorkingDirectory's children.
    var sharedDirectory: URL?
    /// The nearest enclosing flowable's `retry`, which runnable tasks without their own inherit.
    var inheritedRetry: PlanRetry?
    /// The task run of the flowable this scope runs (set by `runNode`); its children see it as
    /// `taskrun.parentId`.
    var taskrunId: String?

    /// `taskrun.iteration` inside LoopUntil (1-based); each iteration's runs have their own keys.
    var iteration: [Int] = []

    /// One iteration of a Loop: `item` for its tasks.
    struct LoopItem: Sendable {
        var value: String
        /// From 0.
        var index: Int
        /// The key, when the values were a map.
        var key: String?
        /// `loopValues` of this iteration: where its tasks' outputs are kept.
        var outputsPath: [String]
        /// The ids of the Loop's tasks at any depth: only their outputs are the iteration's.
        var members: Set<String>
    }

    /// The enclosing Loops' iterations, outermost first.
    var items: [LoopItem] = []

    /// The journal key of a node's run here.
    func key(_ node: PlanNode) -> String {
        let rounds = iteration.map { "~\($0)" }.joined()
        guard !loopValues.isEmpty else { return node.id + rounds }
        let encoded = (try? JSONEncoder().encode(loopValues)).map { String(decoding: $0, as: UTF8.self) } ?? loopValues.joined(separator: "/")
        return "\(node.id)@\(encoded)" + rounds
    }

    /// The scope of a flowable's children.
    func child(of node: PlanNode, outputs: Value? = nil) -> Scope {
        var inner = self
        inner.parents.append(Parent(taskId: node.id, taskrunId: taskrunId, value: ownValue, outputs: outputs))
        inner.ownValue = nil
        inner.taskrunId = nil
        if let retry = node.retry { inner.inheritedRetry = retry }
        return inner
    }

    /// The scope of one ForEach iteration's children.
    func iteration(of node: PlanNode, value: String) -> Scope {
        var inner = child(of: node)
        inner.loopValues.append(value)
        inner.ownValue = value
        return inner
    }

    /// The scope of one Loop iteration's tasks. The index keys the iteration (values may
    /// repeat), so its task runs and outputs are its own.
    func loopIteration(of node: PlanNode, value: String, index: Int, key: String?) -> Scope {
        var inner = child(of: node)
        inner.loopValues.append(String(index))
        var members: Set<String> = []
        func collect(_ nodes: [PlanNode]) { for child in nodes { members.insert(child.id); collect(child.inner) } }
        collect(node.inner)
        inner.items.append(LoopItem(value: value, index: index, key: key, outputsPath: inner.loopValues, members: members))
        return inner
    }

    /// `item` as a Loop iteration's tasks see it: value, index, key, and the enclosing Loops'
    /// items as `parent` and `parents` (closest first); nil outside a Loop.
    var itemVariable: Value? {
        func entry(_ item: LoopItem) -> [(String, Value)] {
            [("value", .string(item.value)), ("index", .int(Int64(item.index)))] + (item.key.map { [("key", Value.string($0))] } ?? [])
        }
        guard let innermost = items.last else { return nil }
        var fields = entry(innermost)
        let enclosing = items.dropLast().reversed().map { Value.object(entry($0)) }
        if let closest = enclosing.first { fields += [("parent", closest), ("parents", .list(Array(enclosing)))] }
        return .object(fields)
    }

    /// `parents` as Kestra shows it: closest first, each `{taskrun: {value}}` and/or
    /// `{outputs}`; parents with neither are left out.
    var parentsVariable: [Value] {
        parents.reversed().compactMap { parent in
            var entry: [(String, Value)] = []
            if let value = parent.value { entry.append(("taskrun", .object([("value", .string(value))]))) }
            if let outputs = parent.outputs, outputs != .map(ValueMap()) { entry.append(("outputs", outputs)) }
            return entry.isEmpty ? nil : .object(entry)
        }
    }
}
