import BerthExpressions
import BerthPlan
import BerthYAML

/// YAML values as plan JSON: plain scalars typed as Jackson reads them (null, booleans,
/// integers, decimals), quoted scalars stay strings, templates stay text.
enum JSONConversion {
    static func json(_ node: YAMLNode, depth: Int = 0) -> JSONValue {
        guard depth < 128 else { return .null }
        switch node.content {
        case .sequence(let items):
            return .array(items.map { json($0, depth: depth + 1) })
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key.scalar ?? ""] = json(entry.value, depth: depth + 1) }
            return .object(object)
        case .scalar(let text):
            guard node.scalarStyle == .plain, node.tag == nil else { return .string(text) }
            if node.isNull { return .null }
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: break
            }
            if let i = Int64(text) { return .int(i) }
            if let d = Double(text), text.contains(".") || text.lowercased().contains("e"), !text.contains(" ") { return .double(d) }
            return .string(text)
        }
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
