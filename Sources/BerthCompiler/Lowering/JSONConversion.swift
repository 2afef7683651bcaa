import BerthExpressions
import BerthFormats
import BerthPlan
import BerthYAML

/// YAML values as plan JSON: plain scalars typed as Kestra reads them (``KestraScalar``: YAML 1.1
/// booleans such as `yes`, octal `0755`), quoted scalars stay strings, templates stay text.
enum JSONConversion {
    static func json(_ node: YAMLNode, depth: Int = 0) -> JSONValue {
        guard depth < 128 else { return .null }
        switch node.content {
        case .sequence(let items):
            return .array(items.map { json($0, depth: depth + 1) })
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            object.reserveCapacity(entries.count)
            for entry in entries { object[entry.key.scalar ?? ""] = json(entry.value, depth: depth + 1) }
            return .object(object)
        case .scalar(let text):
            guard node.scalarStyle == .plain, node.tag == nil else { return .string(text) }
            switch KestraScalar.resolve(text) {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .string: break
            }
            return .string(text)
        }
    }

    /// A mapping's entries as a JSON object, leaving out the keys `skip` names (nothing is
    /// converted for them).
    static func object(_ node: YAMLNode, skipping skip: (String) -> Bool) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(node.mapping?.count ?? 0)
        for entry in node.mapping ?? [] {
            let key = entry.key.scalar ?? ""
            if !skip(key) { object[key] = json(entry.value, depth: 1) }
        }
        return object
    }

    /// A plan value for a property: templates become `$template` objects of `type`; literals stay.
    static func planValue(_ value: JSONValue, as type: TemplateType = .string) -> JSONValue {
        switch value {
        case .string(let s) where TemplateParser.containsTemplate(s): return .template(s, as: type)
        case .array(let items): return .array(items.map { planValue($0) })
        case .object(let o):
            if value.template != nil { return value }
            return .object(o.mapValues { planValue($0) })
        default: return value
        }
    }

    /// The text of a scalar value (numbers and booleans as written).
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return String(d)
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    static func bool(_ value: JSONValue?, default defaultValue: Bool) -> JSONValue {
        switch value {
        case nil, .null?: return .bool(defaultValue)
        case .bool(let b)?: return .bool(b)
        case .string(let s)?:
            if TemplateParser.containsTemplate(s) { return .template(s, as: .boolean) }
            return .bool(s.lowercased() == "true")
        default: return .bool(defaultValue)
        }
    }
}
