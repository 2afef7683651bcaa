import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `deprecated`: a deprecated property, with its replacement as a fix-it when it is a rename.
enum DeprecationCheck {
    static func check(_ entry: YAMLMappingEntry, property: PropertySchema, schema: ObjectSchema, owner: Owner, _ context: CheckContext) {
        guard let replacement = property.replacement else {
            context.report(.warning, "deprecated", "\"\(property.name)\" of \(owner) is deprecated", at: entry.key.range,
                           help: property.description)
            return
        }
        // A rename is mechanical only when the replacement has the same shape.
        let sameShape = schema.property(replacement).map { $0.type == property.type } ?? false
        context.report(.warning, "deprecated", "\"\(property.name)\" of \(owner) is deprecated; use \"\(replacement)\"",
                       at: entry.key.range, help: property.description,
                       fixIts: sameShape ? [context.replace(entry.key, with: replacement, title: "rename to \"\(replacement)\"")] : [])
    }
}
