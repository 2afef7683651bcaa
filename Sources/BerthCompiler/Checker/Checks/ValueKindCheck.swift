import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `wrong-type`: a mapping where a list is expected, a list where a string is expected, ...
enum ValueKindCheck {
    /// Whether `node`'s shape (scalar, sequence, mapping) fits `type`.
    static func accepts(_ type: ValueType, _ node: YAMLNode) -> Bool {
        switch type {
        case .any: return true
        case .string, .integer, .number, .boolean, .duration, .size, .enumeration: return node.scalar != nil
        case .list: return node.sequence != nil
        case .map, .object, .category: return node.mapping != nil
        case .union(let types): return types.contains { accepts($0, node) }
        }
    }

    static func reportKind(_ node: YAMLNode, expected: ValueType, property: PropertySchema?, owner: Owner, _ context: CheckContext) {
        let found = switch node.content {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
        let subject = property.map { "\"\($0.name)\" of \(owner)" } ?? "this value in \(owner)"
        if takesText(expected), let trap = YAMLTrap(node, file: context.file) {
            context.report(.error, "wrong-type", "\(subject) must be \(phrase(expected)), found \(found)", at: node.range,
                           help: trap.help, fixIts: [trap.fixIt])
            return
        }
        context.report(.error, "wrong-type", "\(subject) must be \(phrase(expected)), found \(found)",
                       at: node.range, help: property.map { "\($0.name): \($0.description)" })
    }

    /// Whether a string fits `type` (where YAML's traps turn a string into a mapping).
    static func takesText(_ type: ValueType) -> Bool {
        switch type {
        case .string, .duration, .size, .enumeration: true
        case .union(let types): types.contains(where: takesText)
        default: false
        }
    }

    /// "a list of strings", "a mapping", "a string or a list of strings".
    static func phrase(_ type: ValueType) -> String {
        switch type {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .duration: "an ISO-8601 duration"
        case .size: "a byte size"
        case .any: "a value"
        case .enumeration: "one of the allowed values"
        case .list(let item): "a list of \(plural(item))"
        case .map(let value): "a mapping of names to \(plural(value))"
        case .object(let name): "a \(name) mapping"
        case .category(let name): "a \(name) mapping with a \"type\""
        case .union(let types): types.map(phrase).joined(separator: " or ")
        }
    }

    private static func plural(_ type: ValueType) -> String {
        switch type {
        case .string: "strings"
        case .integer: "integers"
        case .number: "numbers"
        case .any: "values"
        case .category(let name): "\(name)s"
        case .object(let name): "\(name) mappings"
        case .list: "lists"
        default: "values"
        }
    }
}
