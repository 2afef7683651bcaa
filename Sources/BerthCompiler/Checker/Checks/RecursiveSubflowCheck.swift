import BerthDiagnostics
import BerthYAML

/// `recursive-subflow`: a Subflow that starts the flow it is in.
enum RecursiveSubflowCheck {
    static func check(_ root: YAMLNode, _ context: CheckContext) {
        guard let namespace = root["namespace"]?.scalar, let flowId = root["id"]?.scalar else { return }
        for task in context.tasks where task.schema?.name == "io.kestra.plugin.core.flow.Subflow" {
            guard task.node["namespace"]?.scalar == namespace, let target = task.node["flowId"], target.scalar == flowId else { continue }
            context.report(.error, "recursive-subflow", "Subflow \"\(task.id)\" calls its own flow \(namespace).\(flowId)",
                           at: target.range, help: "a flow cannot start itself; this would recurse without end")
        }
    }
}
