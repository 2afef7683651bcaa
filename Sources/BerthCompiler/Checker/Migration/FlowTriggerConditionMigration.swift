import BerthDiagnostics
import BerthYAML

/// A Flow trigger's 1.x `conditions` → Kestra 2.0's `dependsOn`, for the shape that says exactly
/// one upstream: at most one ExecutionFlow, at most one ExecutionNamespace (EQUALS), and one
/// ExecutionStatus with `in` — 1.x required them all, which is one entry's namespace, flowId and
/// states. The states are always written (2.0's default for an entry is disputed); a condition
/// list without ExecutionStatus, or with anything else, is left to a person.
struct FlowTriggerConditionMigration {
    let entry: YAMLMappingEntry
    let trigger: YAMLNode
    let context: CheckContext

    func migrate() -> Migration {
        guard trigger["dependsOn"] == nil, trigger["preconditions"] == nil, let items = entry.value.sequence, !items.isEmpty,
              let end = EntrySpan.end(of: entry, context.file) else {
            return manual("the trigger's conditions, preconditions or dependsOn need merging")
        }
        var namespace: String?, flowId: String?, states: [String]?
        for item in items {
            let name = item["type"]?.scalar.flatMap { context.grammar.type($0, in: "condition")?.schema.name } ?? ""
            switch name {
            case "io.kestra.plugin.core.condition.ExecutionFlow" where flowId == nil:
                guard let ns = item["namespace"]?.scalar, let id = item["flowId"]?.scalar, namespace == nil || namespace == ns else { return manual("the conditions name more than one upstream") }
                (namespace, flowId) = (ns, id)
            case "io.kestra.plugin.core.condition.ExecutionNamespace":
                guard let ns = item["namespace"]?.scalar, (item["comparison"]?.scalar ?? "EQUALS") == "EQUALS", item["prefix"]?.scalar != "true",
                      namespace == nil || namespace == ns else { return manual("a namespace prefix or suffix becomes a when with startsWith/endsWith") }
                namespace = ns
            case "io.kestra.plugin.core.condition.ExecutionStatus" where states == nil:
                guard item["notIn"] == nil, let list = item["in"]?.sequence?.compactMap(\.scalar), !list.isEmpty else { return manual("notIn has no dependsOn form") }
                states = list
            default:
                return manual("\(name.split(separator: ".").last.map(String.init) ?? "this condition") has no dependsOn form")
            }
        }
        guard let states else { return manual("without ExecutionStatus, say which upstream states count (2.0's default for an entry is disputed)") }
        let fields = [namespace.map { "namespace: \(Self.plain($0))" }, flowId.map { "flowId: \(Self.plain($0))" },
                      "states: [\(states.map(Self.plain).joined(separator: ", "))]"].compactMap { $0 }
        let text = "dependsOn: [{\(fields.joined(separator: ", "))}]"
        return Migration(fixIts: [FixIt("write \(text)", edits: [TextEdit(range: context.file.range(entry.key.range.start.offset..<end), replacement: text)])])
    }

    private func manual(_ why: String) -> Migration {
        .manual("\(why): write dependsOn entries (namespace, flowId, states, labels, when) and a window by hand; Kestra 2.0 has no trigger conditions")
    }

    /// A value as a plain flow scalar, quoted when YAML would read it otherwise.
    static func plain(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "._-/".contains($0) } && !text.isEmpty
        return safe ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
