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
        func property(_ name: String) throws(ExecutorError) -> JSONValue? {
            guard let raw = node.properties[name], raw != .null else { return nil }
            return try Values.render(raw, with: evaluator)
        }
        func flag(_ name: String, _ fallback: Bool) throws(ExecutorError) -> Bool {
            guard let value = try property(name) else { return fallback }
            return value == .bool(true) || value.plainText.lowercased() == "true"
        }
        namespace = try property("namespace")?.plainText ?? ""
        flowId = try property("flowId")?.plainText ?? ""
        inputs = node.type.hasSuffix(".ForEachItem") ? nil : try property("inputs")
        labels = try property("labels")
        wait = try flag("wait", true)
        transmitFailed = try flag("transmitFailed", true)
        inheritLabels = try flag("inheritLabels", false)
    }
}
