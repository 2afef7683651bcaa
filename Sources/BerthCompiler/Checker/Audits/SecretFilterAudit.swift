import BerthDiagnostics
import BerthExpressions
import BerthYAML

/// `secret-filtered`: a `secret()` passed through a filter that changes its bytes. Masking
/// recognises a secret's own text (berth also its base64 and URL-encoded forms, Kestra only
/// the text), so what the filter makes of it reaches logs and outputs in clear.
enum SecretFilterAudit {
    /// Filters that leave the value as it is (or only choose another one).
    static let harmless: Set<String> = ["default", "trim"]
    /// Forms berth masks and Kestra does not.
    static let maskedByBerth: Set<String> = ["base64encode", "urlencode"]

    static func run(_ context: CheckContext) {
        for use in context.templates {
            guard let text = use.node.scalar, text.contains("secret"), case .success(let template) = TemplateParser().parse(text),
                  let map = ScalarSourceMap(node: use.node, file: context.file) else { continue }
            for expr in Self.expressions(template.nodes) { visit(expr, map: map, context) }
        }
    }

    private static func visit(_ expr: Expr, map: ScalarSourceMap, _ context: CheckContext) {
        guard case .filter(let base, let name, let nameRange, let arguments) = expr.kind else {
            for child in children(expr) { visit(child, map: map, context) }
            return
        }
        if !harmless.contains(name), let secret = secretName(base) {
            let berthMasks = maskedByBerth.contains(name)
            context.audit(
                berthMasks ? .info : .warning, "secret-filtered",
                "secret('\(secret)') passes through \"\(name)\": " + (berthMasks
                    ? "berth masks that form, Kestra does not"
                    : "masking recognises the secret's own text, not what \"\(name)\" makes of it, so it reaches logs and outputs in clear"),
                at: map.sourceRange(ofValue: nameRange), rating: berthMasks ? SecurityRating(.low, score: 3.0) : SecurityRating(.medium, score: 6.0),
                help: "pass the secret as it is and transform it inside the task, where nothing is logged")
        }
        visit(base, map: map, context)
        for argument in arguments { visit(argument.value, map: map, context) }
    }

    /// The secret's name when `expr` is `secret('NAME')`, possibly already filtered.
    private static func secretName(_ expr: Expr) -> String? {
        switch expr.kind {
        case .call("secret", _, let arguments):
            if case .string(let name)? = arguments.first?.value.kind { return name }
            return "…"
        case .filter(let base, _, _, _): return secretName(base)
        default: return nil
        }
    }

    private static func children(_ expr: Expr) -> [Expr] {
        switch expr.kind {
        case .attribute(let base, _, _): [base]
        case .subscriptAccess(let base, let index): [base, index]
        case .call(_, _, let arguments): arguments.map(\.value)
        case .test(let base, _, _, let arguments, _): [base] + arguments.map(\.value)
        case .unary(_, let operand): [operand]
        case .binary(_, let left, let right): [left, right]
        case .ternary(let condition, let then, let otherwise): [condition, then] + (otherwise.map { [$0] } ?? [])
        case .list(let items): items
        case .map(let entries): entries.flatMap { [$0.key, $0.value] }
        default: []
        }
    }

    /// Every expression of a template, in conditions, loops and `set` too.
    static func expressions(_ nodes: [TemplateNode]) -> [Expr] {
        nodes.flatMap { node -> [Expr] in
            switch node {
            case .text, .raw: []
            case .print(let expr): [expr]
            case .set(_, _, let value): [value]
            case .conditional(let branches, let otherwise): branches.flatMap { [$0.condition] + expressions($0.body) } + expressions(otherwise ?? [])
            case .loop(_, let iterable, let body, let empty): [iterable] + expressions(body) + expressions(empty ?? [])
            }
        }
    }
}
