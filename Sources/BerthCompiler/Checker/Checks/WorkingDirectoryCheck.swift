import BerthDiagnostics
import BerthYAML

/// `flowable-in-working-directory`: Kestra's WorkingDirectory runs its tasks one after the other
/// in one worker, so only runnable tasks may be there: no flowable task (Parallel, If, ForEach…)
/// and no Subflow or ForEachItem, which start executions of their own.
enum WorkingDirectoryCheck {
    static let executable: Set<String> = ["io.kestra.plugin.core.flow.Subflow", "io.kestra.plugin.core.flow.ForEachItem"]

    static func check(_ context: CheckContext) {
        for task in context.tasks where task.schema?.name == "io.kestra.plugin.core.flow.WorkingDirectory" {
            for child in task.node["tasks"]?.sequence ?? [] {
                guard let typeNode = child["type"], let name = typeNode.scalar,
                      let schema = context.grammar.type(name, in: "task")?.schema,
                      !schema.taskSlots.isEmpty || executable.contains(schema.name) else { continue }
                let kind = executable.contains(schema.name) ? "starts an execution of its own" : "is a flowable task"
                context.report(.error, "flowable-in-working-directory",
                               "\(schema.name.split(separator: ".").last ?? "") \(kind): WorkingDirectory \"\(task.id)\" runs only runnable tasks",
                               at: typeNode.range,
                               help: "put the WorkingDirectory inside it instead, or move the task out of the WorkingDirectory")
            }
        }
    }
}
