import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `not-dynamic`: a `{{ }}` template in a property Kestra does not render.
enum NotDynamicCheck {
    static func check(_ node: YAMLNode, property: PropertySchema, owner: Owner, _ context: CheckContext) {
        guard !property.dynamic else { return }
        context.report(.warning, "not-dynamic",
                       "\"\(property.name)\" of \(owner) is not rendered, so the template is used as literal text",
                       at: node.range, help: "write a literal value; only dynamic properties accept {{ }}")
    }
}
