import BerthDiagnostics
import BerthYAML

/// `system-label`: label keys starting with `system.` are reserved (except `system.readOnly`).
enum SystemLabelCheck {
    static func check(_ labels: YAMLNode?, _ context: CheckContext) {
        guard let labels else { return }
        var keys: [(YAMLNode, String)] = []
        if let entries = labels.mapping {
            keys = entries.compactMap { entry in entry.key.scalar.map { (entry.key, $0) } }
        } else if let items = labels.sequence {
            keys = items.compactMap { item in item["key"].flatMap { node in node.scalar.map { (node, $0) } } }
        }
        for (node, key) in keys where key.hasPrefix("system.") && key != "system.readOnly" {
            context.report(.error, "system-label", "label \"\(key)\" is reserved: system labels can only be set by Kestra itself",
                           at: node.range, help: "rename the label; only system.readOnly may be set in a flow")
        }
    }
}
