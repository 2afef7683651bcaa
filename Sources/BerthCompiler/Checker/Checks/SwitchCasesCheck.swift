import BerthDiagnostics
import BerthYAML

/// `switch-without-tasks`: a Switch with neither cases nor defaults holding tasks.
enum SwitchCasesCheck {
    static func check(_ context: CheckContext) {
        for task in context.tasks where task.schema?.name == "io.kestra.plugin.core.flow.Switch" {
            let caseTasks = (task.node["cases"]?.mapping ?? []).reduce(0) { $0 + ($1.value.sequence?.count ?? 0) }
            let defaultTasks = task.node["defaults"]?.sequence?.count ?? 0
            if caseTasks + defaultTasks == 0 {
                context.report(.error, "switch-without-tasks", "Switch \"\(task.id)\" has no task: neither cases nor defaults hold any",
                               at: task.idNode.range, help: "add tasks under cases.<value> or defaults")
            }
        }
    }
}
