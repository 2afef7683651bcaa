import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `missing-property`: a required property absent (or null), reported at the owning mapping.
enum MissingPropertyCheck {
    static func check(_ node: YAMLNode, schema: ObjectSchema, owner: Owner, _ context: CheckContext) {
        for property in schema.requiredProperties {
            guard let entry = node.entry(property.name) else {
                // A deprecated alias may stand in (maxAttempt for maxAttempts, name for id).
                if schema.properties.contains(where: { $0.replacement == property.name && node.entry($0.name) != nil }) { continue }
                context.report(.error, "missing-property", "missing required property \"\(property.name)\" in \(owner)",
                               at: UnknownTypeCheck.firstKeyRange(node), help: "\(property.name): \(property.description)")
                continue
            }
            if entry.value.isNull {
                context.report(.error, "missing-property", "\"\(property.name)\" of \(owner) must not be null",
                               at: entry.key.range, help: "\(property.name): \(property.description)")
            }
        }
    }
}
