import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Kestra 2.0's renamed properties (`retry.maxAttempt` → `maxAttempts`, `checks[].condition` →
/// `when`): the key is renamed in place, its value, comments and quoting untouched.
enum PropertyMigration {
    /// A trigger's conditions become its `when`; any other property is renamed.
    static func migrate(_ entry: YAMLMappingEntry, in mapping: YAMLNode, property: PropertySchema, schema: ObjectSchema,
                        _ context: CheckContext) -> Migration {
        if schema.category == "trigger", ["conditions", "scheduleConditions"].contains(property.name) {
            return TriggerConditionMigration(entry: entry, trigger: mapping, schema: schema, context: context).migrate()
        }
        return rename(entry, in: mapping, property: property, context)
    }

    static func rename(_ entry: YAMLMappingEntry, in mapping: YAMLNode, property: PropertySchema, _ context: CheckContext) -> Migration {
        guard let target = property.migrateTo ?? property.replacement else { return Migration() }
        if mapping[target] != nil {
            return .manual("the mapping already sets \"\(target)\": keep one of the two (Kestra 2.0 reads only \"\(target)\")")
        }
        return Migration(fixIts: [ScalarEdit.fixIt(replacing: entry.key, with: target, title: "rename to \"\(target)\"", context.file)])
    }
}
