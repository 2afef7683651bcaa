import BerthExpressions
import BerthPlan

/// A Subflow or ForEachItem task's rendered settings.
struct SubflowCall {
    var namespace: String
    var flowId: String
    /// `inputs` rendered (ForEachItem renders them per batch instead: nil here).
    var inputs: JSONValue?
    var labels: JSONValue?
    var wait: Bool
    var transmitFailed: Bool
    var inheritLabels: Bool

    var name: String { "\(namespace).\(flowId)" }

    init(_ node: PlanNode, evaluator: Evaluator) throws(ExecutorError) {
        let properties = RenderedProperties(node: node, evaluator: evaluator)
        let property = properties.value
        func flag(_ name: String, _ fallback: Bool) throws(ExecutorError) -> Bool { try properties.flag(name, default: fallback) }
        namespace = try property("namespace")?.plainText ?? ""
        flowId = try property("flowId")?.plainText ?? ""
        inputs = node.type.hasSuffix(".ForEachItem") ? nil : try property("inputs")
        labels = try property("labels")
        wait = try flag("wait", true)
        transmitFailed = try flag("transmitFailed", true)
        inheritLabels = try flag("inheritLabels", false)
    }
}
