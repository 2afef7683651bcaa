import BerthDiagnostics
import BerthExpressions
import BerthSchema
import BerthYAML

/// `wrong-type`: a list property given as text that is not one `{{ … }}` expression. Kestra
/// parses the rendered text as a JSON list, so text around a template (`echo {{ x }}`) fails
/// at run time; a lone expression renders to the list itself.
enum ListTemplateCheck {
    /// Reports `node` (a template scalar) unless it is a lone expression. A template that does
    /// not parse is left to the template checks, which say where it breaks.
    static func check(_ node: YAMLNode, expected: ValueType, property: PropertySchema?, owner: Owner, _ context: CheckContext) {
        guard let text = node.scalar, case .success(let template) = TemplateParser().parse(text),
              template.loneExpression == nil else { return }
        let subject = property.map { "\"\($0.name)\" of \(owner)" } ?? "this value in \(owner)"
        context.report(.error, "wrong-type",
                       "\(subject) must be \(ValueKindCheck.phrase(expected)) or one {{ … }} expression that renders to one, found text around a template",
                       at: node.range, help: "write the items as a YAML list (each item may hold templates), or give only the expression")
    }
}
