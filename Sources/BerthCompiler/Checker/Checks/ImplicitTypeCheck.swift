import BerthDiagnostics
import BerthFormats
import BerthYAML

/// `yaml-implicit-type`: a plain scalar that Kestra's YAML 1.1 reader types differently from
/// what the flow's author (and every YAML 1.2 editor) sees. `yes`/`no`/`on`/`off` become the
/// booleans `true`/`false`, and a number with a leading zero is octal (`0755` is 493), so a
/// string property receives "true" or "493". The fix-it quotes the text (or, where a boolean is
/// expected, writes `true`/`false`).
enum ImplicitTypeCheck {
    /// Where text is expected: warn when the text Kestra passes on is not the text written.
    static func checkText(_ node: YAMLNode, name: () -> String, _ context: CheckContext) {
        guard let text = plainText(node) else { return }
        let meaning: String
        if KestraScalar.isWordBoolean(text), let value = KestraScalar.boolean(text) {
            meaning = "the boolean \(value)"
        } else if KestraScalar.isOctal(text), let value = KestraScalar.integer(text) {
            meaning = "the octal number \(value)"
        } else {
            return
        }
        let kestraText = JSONConversion.text(JSONConversion.json(node)) ?? text
        context.report(.warning, "yaml-implicit-type",
                       "\(name()) is \"\(kestraText)\" for Kestra, not \"\(text)\": its YAML 1.1 reader takes \(text) as \(meaning)",
                       at: node.range, help: "quote the value to keep it text",
                       fixIts: [context.replace(node, with: "\"\(text)\"", title: "quote it", applicability: .maybeIncorrect)])
    }

    /// Where a number is expected: a leading zero makes it octal.
    static func checkNumber(_ node: YAMLNode, name: () -> String, _ context: CheckContext) {
        guard let text = plainText(node), KestraScalar.isOctal(text), let value = KestraScalar.integer(text) else { return }
        let decimal = String(text.drop(while: { $0 == "0" || $0 == "+" }))
        context.report(.warning, "yaml-implicit-type",
                       "\(name()) is \(value) for Kestra, not \(decimal.isEmpty ? "0" : decimal): its YAML 1.1 reader takes a leading zero as octal",
                       at: node.range, help: "drop the leading zero (or write the octal value as \(value))",
                       fixIts: [context.replace(node, with: String(value), title: "write \(value)", applicability: .maybeIncorrect)])
    }

    /// Where a boolean is expected: `yes`/`on` work in Kestra but not in YAML 1.2 tools.
    static func checkBoolean(_ node: YAMLNode, name: () -> String, _ context: CheckContext) {
        guard let text = plainText(node), KestraScalar.isWordBoolean(text), let value = KestraScalar.boolean(text) else { return }
        context.report(.warning, "yaml-implicit-type",
                       "\(name()) is written \"\(text)\", which only YAML 1.1 readers such as Kestra's take as \(value)",
                       at: node.range, help: "editors and JSON Schema tools (YAML 1.2) read \"\(text)\" as text",
                       fixIts: [context.replace(node, with: String(value), title: "write \(value)")])
    }

    /// Free-form values (variables, input defaults, outputs): only octal numbers, which nobody
    /// means, are reported; `yes` there is a boolean that templates render as "true".
    static func checkAny(_ node: YAMLNode, _ context: CheckContext) {
        guard let text = plainText(node), KestraScalar.isOctal(text), let value = KestraScalar.integer(text) else { return }
        context.report(.warning, "yaml-implicit-type",
                       "\(text) is the octal number \(value) for Kestra: its YAML 1.1 reader takes a leading zero as octal",
                       at: node.range, help: "quote it to keep the digits as text (a code, a zip), or drop the leading zero",
                       fixIts: [context.replace(node, with: "\"\(text)\"", title: "quote it", applicability: .maybeIncorrect)])
    }

    private static func plainText(_ node: YAMLNode) -> String? {
        guard node.scalarStyle == .plain, node.tag == nil, let text = node.scalar else { return nil }
        return text
    }
}
