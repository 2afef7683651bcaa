import BerthSchema
import BerthYAML

/// One step from the flow root to a task: which container, which slot (`tasks`, `then`,
/// `cases`…), which case key, which position.
struct PathStep: Equatable {
    /// The id of the containing task, or "" for the flow itself.
    let container: String
    let containerType: String
    let slot: String
    let key: String?
    let index: Int
}

/// A task with its place in the flow, for ordering questions ("can T have run before A?").
struct TaskInfo {
    let id: String
    let node: YAMLNode
    let schema: ObjectSchema?
    let path: [PathStep]
    /// Inside a ForEach-style loop (its outputs are per iteration).
    let inLoop: Bool
}

/// The flow's tasks in a tree: built from the YAML with the grammar (any property holding tasks).
struct TaskTree {
    private(set) var tasks: [TaskInfo] = []
    private(set) var byId: [String: TaskInfo] = [:]

    /// Kestra 2.0's Loop: its iterations read `item`, not `taskrun.value`.
    static let loop = "io.kestra.plugin.core.flow.Loop"

    static let loopTypes: Set<String> = ["io.kestra.plugin.core.flow.ForEach", "io.kestra.plugin.core.flow.EachSequential",
                                         "io.kestra.plugin.core.flow.EachParallel"]

    init(root: YAMLNode, grammar: Grammar) {
        for slot in ["tasks", "errors", "finally", "afterExecution"] {
            for (index, item) in (root[slot]?.sequence ?? []).enumerated() {
                add(item, path: [PathStep(container: "", containerType: "flow", slot: slot, key: nil, index: index)],
                    inLoop: false, grammar: grammar)
            }
        }
    }

    private mutating func add(_ node: YAMLNode, path: [PathStep], inLoop: Bool, grammar: Grammar) {
        guard path.count < 200, let id = node["id"]?.scalar else { return }
        let typeName = node["type"]?.scalar ?? ""
        let schema = grammar.type(typeName, in: "task")?.schema
        let info = TaskInfo(id: id, node: node, schema: schema, path: path, inLoop: inLoop)
        tasks.append(info)
        if byId[id] == nil { byId[id] = info }
        guard let schema else { return }
        if schema.name == "io.kestra.plugin.core.flow.ForEachItem" {
            // Kestra runs ForEachItem as three tasks of its own, whose outputs flows read.
            for suffix in ["_split", "_items", "_merge"] where byId[id + suffix] == nil {
                let part = TaskInfo(id: id + suffix, node: node, schema: nil, path: path, inLoop: inLoop)
                tasks.append(part)
                byId[part.id] = part
            }
        }
        let childInLoop = inLoop || Self.loopTypes.contains(schema.name) || schema.name == Self.loop
        for property in schema.taskSlots {
            guard let value = node[property.name] else { continue }
            func step(_ key: String?, _ index: Int) -> PathStep {
                PathStep(container: id, containerType: schema.name, slot: property.name, key: key, index: index)
            }
            switch property.type {
            case .list(.category("task")):
                for (index, child) in (value.sequence ?? []).enumerated() {
                    add(child, path: path + [step(nil, index)], inLoop: childInLoop, grammar: grammar)
                }
            case .map(.list(.category("task"))):
                for entry in value.mapping ?? [] {
                    for (index, child) in (entry.value.sequence ?? []).enumerated() {
                        add(child, path: path + [step(entry.key.scalar ?? "", index)], inLoop: childInLoop, grammar: grammar)
                    }
                }
            case .list(.object("DagTask")):
                for (index, item) in (value.sequence ?? []).enumerated() {
                    if let child = item["task"] { add(child, path: path + [step(nil, index)], inLoop: childInLoop, grammar: grammar) }
                }
            default:
                continue
            }
        }
    }

    /// How a task reads its loop iteration's value: `.direct` when it is a direct child of the
    /// loop (`taskrun.value`), else through the ancestor that is (`parent` for the immediate
    /// one, `parents[k]` further out); `.outside` when no loop encloses it.
    enum LoopValueAccess: Equatable {
        case direct
        case ancestor(String)
        case outside
    }

    /// Kestra sets `taskrun.value` only on the task runs a loop creates for its own `tasks`;
    /// the children of a Switch, If or Sequential inside the loop read it through `parent(s)`.
    /// WorkingDirectory runs its children in its own task run, so they count as it does.
    static func loopValueAccess(_ path: [PathStep]) -> LoopValueAccess {
        var depth = 0
        for index in stride(from: path.count - 1, through: 0, by: -1) {
            let step = path[index]
            if loopTypes.contains(step.containerType) && step.slot == "tasks" {
                if depth == 0 || (depth == 1 && path[path.count - 1].containerType == "io.kestra.plugin.core.flow.WorkingDirectory") { return .direct }
                return .ancestor(depth == 1 ? "parent" : "parents[\(depth - 1)]")
            }
            depth += 1
        }
        return .outside
    }

    /// Why `target` cannot have run before `reader` runs, or nil when it can (or may).
    func orderingProblem(reader: TaskInfo, target: TaskInfo) -> String? {
        if reader.path == target.path && reader.id == target.id { return "it is the task reading it; a task cannot read its own outputs" }
        var i = 0
        while i < reader.path.count && i < target.path.count && reader.path[i] == target.path[i] { i += 1 }
        if i == reader.path.count && reader.path.count < target.path.count {
            // The reader contains the target: reading a child's outputs from the parent's own properties.
            return "it runs inside \"\(reader.id)\", after \"\(reader.id)\" has read its properties"
        }
        if i == target.path.count || i == reader.path.count { return nil }
        let a = reader.path[i], t = target.path[i]
        if a.slot == t.slot && a.key == t.key {
            if a.containerType == "io.kestra.plugin.core.flow.Parallel" && a.slot == "tasks" {
                return "it runs in parallel with it in Parallel \"\(a.container)\""
            }
            if a.containerType == "io.kestra.plugin.core.flow.Dag" { return nil }
            return t.index > a.index ? "it comes later in the flow" : nil
        }
        let exclusive: [String: Set<String>] = ["io.kestra.plugin.core.flow.If": ["then", "else"],
                                                "io.kestra.plugin.core.flow.Switch": ["cases", "defaults"]]
        if let branches = exclusive[a.containerType], branches.contains(a.slot), branches.contains(t.slot) {
            return "it is in another branch of \(a.containerType.split(separator: ".").last ?? "") \"\(a.container)\", which does not run together with this one"
        }
        let order = ["tasks", "then", "else", "cases", "defaults", "errors", "finally", "afterExecution"]
        let ai = order.firstIndex(of: a.slot) ?? 0, ti = order.firstIndex(of: t.slot) ?? 0
        return ti > ai ? "it runs later (in \"\(t.slot)\")" : nil
    }
}
