import BerthDiagnostics
import BerthYAML

/// `duplicate-task-id`: task ids are unique across the whole flow (nested tasks, errors,
/// finally, afterExecution); `duplicate-id`: input, output and trigger ids are unique.
enum DuplicateIdCheck {
    static func checkTasks(_ context: CheckContext) {
        var first: [String: YAMLNode] = [:]
        first.reserveCapacity(context.tasks.count)
        for task in context.tasks {
            if let earlier = first[task.id] {
                context.report(.error, "duplicate-task-id", "duplicate task id \"\(task.id)\"", at: task.idNode.range,
                               notes: [Note("first used here", range: earlier.range)],
                               help: "task ids must be unique in the whole flow, including nested, errors and finally tasks")
            } else {
                first[task.id] = task.idNode
            }
        }
    }

    static func checkList(_ list: YAMLNode?, kind: String, idKey: String = "id", _ context: CheckContext) {
        var first: [String: YAMLNode] = [:]
        for item in list?.sequence ?? [] {
            guard let idNode = item[idKey] ?? (kind == "input" ? item["name"] : nil), let id = idNode.scalar else { continue }
            if let earlier = first[id] {
                context.report(.error, "duplicate-id", "duplicate \(kind) id \"\(id)\"", at: idNode.range,
                               notes: [Note("first used here", range: earlier.range)])
            } else {
                first[id] = idNode
            }
        }
    }
}
