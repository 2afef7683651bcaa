import BerthPlan
import BerthSchema
import BerthYAML

/// `pluginDefaults` as Kestra applies them: a default targets a type name (or an alias) or a
/// type prefix; non-forced values fill what the task leaves unset, forced values override it.
/// Mappings merge key by key.
struct PluginDefaults {
    struct Entry {
        let type: String
        let forced: Bool
        let values: [String: JSONValue]
    }

    let entries: [Entry]
    let grammar: Grammar

    init(root: YAMLNode, grammar: Grammar) {
        self.grammar = grammar
        let list = (root["pluginDefaults"] ?? root["taskDefaults"])?.sequence ?? []
        entries = list.compactMap { item in
            guard let type = item["type"]?.scalar, case .object(let values) = JSONConversion.json(item["values"] ?? item) else { return nil }
            return Entry(type: type, forced: item["forced"]?.scalar?.lowercased() == "true", values: values)
        }
    }

    /// `properties` of a plugin of canonical type `type` (with its aliases) after the defaults.
    func apply(to properties: [String: JSONValue], type: String) -> [String: JSONValue] {
        let names = [type] + (grammar.types[type]?.aliases ?? [])
        let matching = entries.filter { entry in names.contains { $0 == entry.type || $0.hasPrefix(entry.type + ".") } }
        guard !matching.isEmpty else { return properties }
        var result = properties
        for entry in matching where !entry.forced { result = Self.merge(result, over: entry.values) }
        for entry in matching where entry.forced { result = Self.merge(entry.values, over: result) }
        return result
    }

    /// `top` wins; missing keys come from `bottom`; nested objects merge.
    static func merge(_ top: [String: JSONValue], over bottom: [String: JSONValue]) -> [String: JSONValue] {
        var result = bottom
        for (key, value) in top {
            if case .object(let upper) = value, case .object(let lower)? = bottom[key], value.template == nil {
                result[key] = .object(merge(upper, over: lower))
            } else {
                result[key] = value
            }
        }
        return result
    }
}
