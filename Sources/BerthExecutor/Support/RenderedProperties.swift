import BerthExpressions
import BerthPlan

/// A task's properties rendered on demand: absent and null read as nil.
struct RenderedProperties {
    let node: PlanNode
    let evaluator: Evaluator

    /// The property rendered, nil when it is absent or null.
    func value(_ name: String) throws(ExecutorError) -> JSONValue? {
        guard let raw = node.properties[name], raw != .null else { return nil }
        return try Values.render(raw, with: evaluator)
    }

    /// A boolean property: `true` (or the text "true") is true, absent is `fallback`.
    func flag(_ name: String, default fallback: Bool) throws(ExecutorError) -> Bool {
        guard let rendered = try value(name) else { return fallback }
        if case .bool(let b) = rendered { return b }
        return rendered.plainText.lowercased() == "true"
    }
}
