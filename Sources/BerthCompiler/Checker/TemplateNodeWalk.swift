import BerthExpressions

/// A walk over a template's nodes in order, keeping the names `{% set %}` and `{% for %}`
/// define (with `loop` inside a for), so a walk can tell a local from a flow variable.
protocol TemplateNodeWalk {
    var locals: Set<String> { get set }
    /// Called for every expression the template evaluates.
    mutating func visitExpression(_ e: Expr)
}

extension TemplateNodeWalk {
    mutating func visit(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text, .raw:
                continue
            case .print(let e):
                visitExpression(e)
            case .conditional(let branches, let otherwise):
                for branch in branches {
                    visitExpression(branch.condition)
                    visit(branch.body)
                }
                if let otherwise { visit(otherwise) }
            case .loop(let variables, let iterable, let body, let empty):
                visitExpression(iterable)
                let saved = locals
                locals.formUnion(variables.map(\.name) + ["loop"])
                visit(body)
                locals = saved
                if let empty { visit(empty) }
            case .set(let name, _, let value):
                visitExpression(value)
                locals.insert(name)
            }
        }
    }
}
