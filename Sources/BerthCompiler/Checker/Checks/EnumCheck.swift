import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `invalid-enum`: a value outside the property's allowed values. A value that differs only
/// in case is a warning (Kestra may accept it) with a fix-it to the canonical spelling.
enum EnumCheck {
    static func check(_ node: YAMLNode, value: String, property: PropertySchema?, name: () -> String, _ context: CheckContext) {
        guard let property, !property.values.contains(value) else { return }
        let allowed = property.values.joined(separator: ", ")
        if let canonical = property.values.first(where: { $0.lowercased() == value.lowercased() }) {
            context.report(.warning, "invalid-enum", "\(name()) should be spelled \"\(canonical)\", found \"\(value)\"",
                           at: node.range, help: "allowed values: \(allowed)",
                           fixIts: [context.replace(node, with: canonical, title: "write \"\(canonical)\"")])
            return
        }
        let suggestion = Suggestions.closest(to: value, in: property.values)
        context.report(.error, "invalid-enum", "\(name()) must be one of \(allowed); found \"\(value)\"",
                       at: node.range, help: suggestion.map { "did you mean \"\($0)\"?" },
                       fixIts: suggestion.map { [context.replace(node, with: $0, title: "replace with \"\($0)\"", applicability: .maybeIncorrect)] } ?? [])
    }
}
