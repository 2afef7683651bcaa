import Foundation
import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Kestra 2.0's removed properties: renamed ones (`retry.maxAttempt` → `maxAttempts`,
/// `checks[].condition` → `when`) keep their value, comments and quoting; a trigger's conditions
/// become `when`, `workerGroup` becomes `workerSelector`, Schedule `backfill` goes.
enum PropertyMigration {
    /// What Kestra 2.0 makes of the property `entry` of `mapping` (an object of `schema`).
    static func migrate(_ entry: YAMLMappingEntry, in mapping: YAMLNode, property: PropertySchema, schema: ObjectSchema,
                        _ context: CheckContext) -> Migration {
        guard entry.isWrittenInPlace else { return Migration.sharedThroughAnchor }
        if schema.category == "trigger", ["conditions", "scheduleConditions"].contains(property.name) {
            return TriggerConditionMigration(entry: entry, trigger: mapping, schema: schema, context: context).migrate()
        }
        if property.name == "workerGroup" { return workerSelector(entry, in: mapping, context) }
        if property.name == "backfill", let deletion = EntrySpan.deletion(of: entry, in: mapping, context.file) {
            return Migration(fixIts: [FixIt("remove backfill", edits: [deletion])])
        }
        return rename(entry, in: mapping, property: property, context)
    }

    /// `workerGroup: {key, fallback}` → `workerSelector: {tags: [key], fallback}`, with
    /// `fallback: WAIT` written when 1.x left it to its default (1.x waited, 2.0 fails). Waits
    /// for confirmation: it works only where a worker queue carries the tag.
    static func workerSelector(_ entry: YAMLMappingEntry, in mapping: YAMLNode, _ context: CheckContext) -> Migration {
        guard mapping["workerSelector"] == nil, let key = entry.value["key"], let name = key.scalar, !key.isTemplate,
              name.range(of: "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$", options: .regularExpression) != nil,
              let end = EntrySpan.end(of: entry, context.file) else {
            return .manual("write workerSelector: {tags: [<tag>], fallback: WAIT} by hand: a tag is a lowercase RFC 1123 label, never a template")
        }
        let fallback = entry.value["fallback"]?.scalar ?? "WAIT"
        let text = "workerSelector: {tags: [\(name)], fallback: \(fallback)}"
        let range = context.file.range(entry.key.range.start.offset..<end)
        return Migration(fixIts: [FixIt("write \(text) (a worker queue must carry the tag)", edits: [TextEdit(range: range, replacement: text)],
                                        applicability: .maybeIncorrect)])
    }

    static func rename(_ entry: YAMLMappingEntry, in mapping: YAMLNode, property: PropertySchema, _ context: CheckContext) -> Migration {
        guard let target = property.migrateTo ?? property.replacement else { return Migration() }
        if mapping[target] != nil {
            return .manual("the mapping already sets \"\(target)\": keep one of the two (Kestra 2.0 reads only \"\(target)\")")
        }
        return Migration(fixIts: [ScalarEdit.fixIt(replacing: entry.key, with: target, title: "rename to \"\(target)\"", context.file)])
    }
}
