import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `pluginDefaults` values are properties of the types they target: an exact type name is
/// checked like a task of that type (unknown properties, kinds, enums); a prefix such as
/// `io.kestra.plugin.scripts` must name a property of at least one type it covers.
enum PluginDefaultsCheck {
    static func check(_ list: YAMLNode?, walker: SchemaWalker, _ context: CheckContext) {
        for item in list?.sequence ?? [] {
            guard let typeNode = item["type"], let target = typeNode.scalar, let values = item["values"]?.mapping else { continue }
            if let schema = exactType(target, context) {
                let owner = Owner(node: nil, category: "defaults for \(schema.name.split(separator: ".").last ?? "")")
                for entry in values {
                    guard let key = entry.key.scalar else { continue }
                    guard let property = schema.property(key) else {
                        UnknownPropertyCheck.report(entry.key, schema: schema, owner: owner, context)
                        continue
                    }
                    walker.check(entry.value, as: property.type, property: property, owner: owner)
                }
                continue
            }
            let covered = context.grammar.types.values.filter { $0.name.hasPrefix(target) || $0.aliases.contains { $0.hasPrefix(target) } }
            guard !covered.isEmpty else {
                context.report(.warning, "unknown-type", "pluginDefaults type \"\(target)\" matches no type berth knows",
                               at: typeNode.range, help: "give a type name or a prefix of type names, e.g. io.kestra.plugin.scripts")
                continue
            }
            for entry in values {
                guard let key = entry.key.scalar, !covered.contains(where: { $0.property(key) != nil }) else { continue }
                context.report(.error, "unknown-property", "unknown property \"\(key)\" in pluginDefaults for \(target): no type it covers has it",
                               at: entry.key.range)
            }
        }
    }

    private static func exactType(_ name: String, _ context: CheckContext) -> ObjectSchema? {
        for category in ["task", "runner", "trigger", "condition"] {
            if let (schema, _) = context.grammar.type(name, in: category) { return schema }
        }
        return nil
    }
}
