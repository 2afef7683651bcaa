import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `unknown-type` (did-you-mean; a warning with --allow-unknown-types), `missing-property` for
/// a missing `type`, `replaced-type` (info) for old names and `deprecated` for deprecated types.
enum UnknownTypeCheck {
    /// The schema of the mapping's `type` in `category`, reporting what is wrong.
    static func resolve(_ node: YAMLNode, category: String, _ context: CheckContext) -> ObjectSchema? {
        guard let typeNode = node["type"] else {
            context.report(.error, "missing-property", "missing required property \"type\" in \(OwnerName.describe(node, category: category))",
                           at: firstKeyRange(node), help: "every \(category) names its kind with \"type\"")
            return nil
        }
        guard let name = typeNode.scalar, !typeNode.isTemplate else {
            context.report(.error, "wrong-type", "\"type\" must be a type name", at: typeNode.range)
            return nil
        }
        guard let (schema, isAlias) = context.grammar.type(name, in: category) else {
            let key = category + " " + name
            let suggestion = context.typeSuggestions[key] ?? Suggestions.closestType(to: name, in: context.grammar.names(in: category))
            context.typeSuggestions[key] = suggestion
            let severity = context.options.unknownTypeSeverity
            context.report(severity, "unknown-type", "unknown \(category) type \"\(name)\"", at: typeNode.range,
                           help: suggestion.map { "did you mean \"\($0)\"?" }
                               ?? (severity == .error ? "pass --allow-unknown-types when this is a plugin berth does not model" : nil),
                           fixIts: suggestion.map { [context.replace(typeNode, with: $0, title: "replace with \"\($0)\"", applicability: .maybeIncorrect)] } ?? [])
            return nil
        }
        // Kestra 2.0 dropped the old type names: only the current one resolves. (Conditions are
        // gone altogether: their trigger's `conditions` says so once.)
        let removedAlias = isAlias && category != "condition"
        guard schema.availability.isAlways && !removedAlias else {
            var availability = schema.availability
            if removedAlias { availability.until = min(availability.until ?? .v2, .v2) }
            let removed = schema.removed ?? "Kestra 2.0 knows it only as \(schema.name)"
            context.recordDialectUse(availability, what: "\(category) type \"\(name)\"", range: typeNode.range, removed: removed,
                                     migrate: { TypeMigration.migrate(node, typeNode: typeNode, schema: schema, isAlias: removedAlias, context) }) {
                reportAliasAndDeprecation(node, typeNode: typeNode, name: name, schema: schema, isAlias: isAlias, category: category, context)
            }
            return schema
        }
        reportAliasAndDeprecation(node, typeNode: typeNode, name: name, schema: schema, isAlias: isAlias, category: category, context)
        return schema
    }

    private static func reportAliasAndDeprecation(_ node: YAMLNode, typeNode: YAMLNode, name: String, schema: ObjectSchema, isAlias: Bool,
                                                  category: String, _ context: CheckContext) {
        if isAlias {
            context.report(.info, "replaced-type", "\(name) is replaced by \(schema.name)", at: typeNode.range,
                           fixIts: [context.replace(typeNode, with: schema.name, title: "use \"\(schema.name)\"")])
        }
        if let replacement = schema.deprecated {
            let better = replacement == "true" ? nil : replacement
            let rewrite = schema.name == "io.kestra.core.tasks.scripts.Bash" ? LegacyScriptCheck.bashRewrite(node, context) : nil
            context.report(.warning, "deprecated", "\(category) type \"\(name)\" is deprecated" + (better.map { "; use \"\($0)\"" } ?? ""),
                           at: typeNode.range, fixIts: rewrite.map { [$0] } ?? [])
        }
    }

    static func firstKeyRange(_ node: YAMLNode) -> SourceRange {
        node.mapping?.first?.key.range ?? node.range
    }
}
