import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `empty-list`: a list that must hold at least one item (tasks, Parallel and If `then`...).
enum EmptyListCheck {
    static func check(_ entry: YAMLMappingEntry, property: PropertySchema, owner: Owner, _ context: CheckContext) {
        guard let items = entry.value.sequence, items.isEmpty else { return }
        context.report(.error, "empty-list", "\"\(property.name)\" of \(owner) must not be empty", at: entry.value.range,
                       help: "add at least one item, or remove the property")
    }
}
