import BerthPlan
import BerthSchema
import BerthYAML

/// `pluginDefaults` as Kestra's PluginDefaultService applies them: to every mapping that has a
/// `type` (tasks and task runners here; the implicit runner and the legacy `docker:` options
/// have none, so they get nothing); a default matches when the type as written equals its
/// `type` or starts with it (a raw text prefix: `io.kestra.plugin.scripts.` matches every
/// script task); a default written with an old type name also counts under the current one.
/// Non-forced values fill what the mapping leaves unset (an earlier default over a later one),
/// forced values override it (the last one wins). Mappings merge key by key; lists are
/// concatenated (defaults first, then the mapping's; forced values after the mapping's).
struct PluginDefaults {
    struct Entry {
        let type: String
        let forced: Bool
        let values: [String: JSONValue]
    }

    let entries: [Entry]

    init(root: YAMLNode, grammar: Grammar) {
        let list = (root["pluginDefaults"] ?? root["taskDefaults"])?.sequence ?? []
        var entries: [Entry] = []
        for item in list {
            guard let type = item["type"]?.scalar, case .object(let values) = JSONConversion.json(item["values"] ?? item) else { continue }
            let forced = item["forced"]?.scalar?.lowercased() == "true"
            entries.append(Entry(type: type, forced: forced, values: values))
            // Kestra adds a copy of a default declared with an alias under the canonical name.
            if let canonical = grammar.types.values.first(where: { $0.aliases.contains(type) })?.name {
                entries.append(Entry(type: canonical, forced: forced, values: values))
            }
        }
        self.entries = entries
    }

    /// `properties` of a mapping whose `type` is written `type`, after the defaults.
    func apply(to properties: [String: JSONValue], type: String) -> [String: JSONValue] {
        let matching = entries.filter { type == $0.type || type.hasPrefix($0.type) }
        guard !matching.isEmpty else { return properties }
        var result = properties
        for entry in matching where !entry.forced { result = Self.merge(result, over: entry.values) }
        for entry in matching where entry.forced { result = Self.merge(entry.values, over: result) }
        return result
    }

    /// `top` wins; missing keys come from `bottom`; nested mappings merge; lists are
    /// concatenated, `bottom`'s items first (Kestra's `MapUtils.merge`).
    static func merge(_ top: [String: JSONValue], over bottom: [String: JSONValue]) -> [String: JSONValue] {
        var result = bottom
        for (key, value) in top {
            switch (value, bottom[key]) {
            case (.object(let upper), .object(let lower)?) where value.template == nil && bottom[key]?.template == nil:
                result[key] = .object(merge(upper, over: lower))
            case (.array(let upper), .array(let lower)?):
                result[key] = .array(lower + upper)
            default:
                result[key] = value
            }
        }
        return result
    }
}
