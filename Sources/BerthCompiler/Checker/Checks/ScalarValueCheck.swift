import BerthFormats
import BerthDiagnostics
import BerthSchema
import BerthYAML
import Foundation

/// Checks a literal scalar against its type: integers, numbers, booleans, durations
/// (`invalid-duration`), sizes (`invalid-size`), enums (`invalid-enum`), and patterns and
/// lengths of ids (`invalid-id`).
enum ScalarValueCheck {
    static func check(_ node: YAMLNode, as type: ValueType, property: PropertySchema?, owner: Owner, _ context: CheckContext) {
        guard let value = node.scalar else { return }
        // Built only when a message needs it: this runs for every scalar of the flow.
        var name: String { property.map { "\"\($0.name)\" of \(owner)" } ?? "a value in \(owner)" }
        switch type {
        case .integer:
            ImplicitTypeCheck.checkNumber(node, name: { name }, context)
            let plain = node.scalarStyle == .plain && node.tag == nil
            guard let number = (plain ? KestraScalar.integer(value) : nil) ?? Int64(value.hasPrefix("+") ? String(value.dropFirst()) : value) else {
                context.report(.error, "wrong-type", "\(name) must be an integer, found \"\(value)\"", at: node.range)
                return
            }
            checkMinimum(Double(number), node: node, property: property, name: { name }, context)
        case .number:
            ImplicitTypeCheck.checkNumber(node, name: { name }, context)
            guard let number = Double(value), number.isFinite else {
                context.report(.error, "wrong-type", "\(name) must be a number, found \"\(value)\"", at: node.range)
                return
            }
            checkMinimum(number, node: node, property: property, name: { name }, context)
        case .boolean:
            if value.lowercased() != "true" && value.lowercased() != "false" && KestraScalar.boolean(value) == nil {
                context.report(.error, "wrong-type", "\(name) must be true or false, found \"\(value)\"", at: node.range)
            }
            ImplicitTypeCheck.checkBoolean(node, name: { name }, context)
        case .duration:
            if ISODuration.seconds(value) == nil {
                context.report(.error, "invalid-duration", "\(name) is not an ISO-8601 duration: \"\(value)\"",
                               at: node.range, help: "write durations like PT30S, PT5M, PT1H30M or P1D")
            }
        case .size:
            guard let bytes = ByteSize.bytes(value) else {
                context.report(.error, "invalid-size", "\(name) is not a byte size: \"\(value)\"",
                               at: node.range, help: "write sizes as a whole number with KB, MB or GB (e.g. 512MB), or a byte count")
                return
            }
            // Kestra reads signed sizes; only a property that documents a negative value (-1 for
            // unlimited swap) takes one, the engine refuses the others.
            if bytes < 0 { checkMinimum(Double(bytes), node: node, property: property, name: { name }, context, floor: 0) }
        case .enumeration:
            EnumCheck.check(node, value: value, property: property, name: { name }, context)
        default:
            ImplicitTypeCheck.checkText(node, name: { name }, context)
            if let property { PatternCheck.check(node, value: value, property: property, name: { name }, context) }
        }
    }

    private static func checkMinimum(_ number: Double, node: YAMLNode, property: PropertySchema?, name: () -> String, _ context: CheckContext,
                                     floor: Double? = nil) {
        guard let minimum = property?.minimum ?? floor, number < minimum else { return }
        let shown = minimum == minimum.rounded() ? String(Int(minimum)) : String(minimum)
        context.report(.error, "invalid-value", "\(name()) must be at least \(shown), found \(node.scalar ?? "")", at: node.range)
    }
}
