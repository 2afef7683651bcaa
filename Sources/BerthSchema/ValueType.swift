/// The type of a property value, as written in grammar/ (`list<@task>`, `map<string> | list<Label>`).
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    /// ISO-8601 duration (`PT5M`), or a number of seconds.
    case duration
    /// A byte size (`512MB`, `1gb`, `1024`).
    case size
    /// Anything.
    case any
    /// One of the property's `values`.
    case enumeration
    case list(ValueType)
    case map(ValueType)
    /// A named object from grammar/ `objects`.
    case object(String)
    /// One of the types of a category (`@task`), chosen by the `type` key.
    case category(String)
    case union([ValueType])

    public var description: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .duration: "duration"
        case .size: "size"
        case .any: "any"
        case .enumeration: "enum"
        case .list(let t): "list<\(t)>"
        case .map(let t): "map<\(t)>"
        case .object(let name): name
        case .category(let name): "@\(name)"
        case .union(let types): types.map(\.description).joined(separator: " | ")
        }
    }

    /// Parses a type expression of grammar/ files; nil when malformed.
    public static func parse(_ text: String) -> ValueType? {
        var parser = Parser(chars: Array(text.filter { $0 != " " }))
        guard let type = parser.union(), parser.index == parser.chars.count else { return nil }
        return type
    }

    private struct Parser {
        let chars: [Character]
        var index = 0

        mutating func union() -> ValueType? {
            var types: [ValueType] = []
            repeat {
                if !types.isEmpty { index += 1 }
                guard let single = single() else { return nil }
                types.append(single)
            } while index < chars.count && chars[index] == "|"
            return types.count == 1 ? types[0] : .union(types)
        }

        mutating func single() -> ValueType? {
            var name = ""
            while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "@" || chars[index] == "_" {
                name.append(chars[index])
                index += 1
            }
            if name == "list" || name == "map" {
                guard index < chars.count, chars[index] == "<" else { return nil }
                index += 1
                guard let inner = union(), index < chars.count, chars[index] == ">" else { return nil }
                index += 1
                return name == "list" ? .list(inner) : .map(inner)
            }
            switch name {
            case "string": return .string
            case "integer": return .integer
            case "number": return .number
            case "boolean": return .boolean
            case "duration": return .duration
            case "size": return .size
            case "any": return .any
            case "enum": return .enumeration
            case "": return nil
            default:
                if name.hasPrefix("@") { return .category(String(name.dropFirst())) }
                return .object(name)
            }
        }
    }
}
