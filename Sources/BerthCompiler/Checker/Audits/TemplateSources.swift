import BerthExpressions

/// The sources of what an expression prints, following `set` and `for` names of its template.
/// Booleans (tests, comparisons) and numbers made by filters carry nothing.
struct TemplateSources {
    /// Input ids whose declared type cannot hold arbitrary text (INT, BOOLEAN, ENUM…).
    let safeInputs: Set<String>
    var locals: [String: Set<TemplateSource>] = [:]

    static let neutralFilters: Set<String> = ["length", "number", "abs", "date", "dateAdd", "timestamp", "timestampMicro", "timestampNano", "numberFormat", "className"]
    static let booleanOperators: Set<String> = ["==", "!=", "<", ">", "<=", ">=", "and", "or", "not", "in", "contains", "equals"]

    func sources(of expr: Expr) -> Set<TemplateSource> {
        switch expr.kind {
        case .string, .integer, .number, .boolean, .null, .test:
            return []
        case .variable(let name):
            if let local = locals[name] { return local }
            switch name {
            case "trigger": return [.trigger]
            case "labels": return [.labels]
            default: return []
            }
        case .attribute(let base, let name, _):
            if case .variable("inputs") = base.kind, locals["inputs"] == nil { return safeInputs.contains(name) ? [] : [.input(name)] }
            if case .variable("outputs") = base.kind, locals["outputs"] == nil { return [.output(name)] }
            return sources(of: base)
        case .subscriptAccess(let base, let index):
            return sources(of: base).union(sources(of: index))
        case .call(let name, _, let arguments):
            switch name {
            case "secret":
                if case .string(let key)? = arguments.first?.value.kind { return [.secret(key)] }
                return [.secret("…")]
            case "kv": return [.kv]
            case "read": return [.file]
            default: return arguments.reduce([]) { $0.union(sources(of: $1.value)) }
            }
        case .filter(let base, let name, _, let arguments):
            if Self.neutralFilters.contains(name) { return [] }
            return arguments.reduce(sources(of: base)) { $0.union(sources(of: $1.value)) }
        case .unary(let op, let operand):
            return op == "not" ? [] : sources(of: operand)
        case .binary(let op, let left, let right):
            return Self.booleanOperators.contains(op) ? [] : sources(of: left).union(sources(of: right))
        case .ternary(_, let then, let otherwise):
            return sources(of: then).union(otherwise.map(sources(of:)) ?? [])
        case .list(let items):
            return items.reduce([]) { $0.union(sources(of: $1)) }
        case .map(let entries):
            return entries.reduce([]) { $0.union(sources(of: $1.value)) }
        }
    }

    /// Every printed expression of `nodes` with its sources, `set` and `for` names followed.
    mutating func printed(_ nodes: [TemplateNode]) -> [(expr: Expr, sources: Set<TemplateSource>)] {
        var found: [(Expr, Set<TemplateSource>)] = []
        for node in nodes {
            switch node {
            case .text, .raw:
                continue
            case .print(let expr):
                found.append((expr, sources(of: expr)))
            case .set(let name, _, let value):
                locals[name] = sources(of: value)
            case .conditional(let branches, let otherwise):
                for branch in branches { found += printed(branch.body) }
                found += printed(otherwise ?? [])
            case .loop(let variables, let iterable, let body, let empty):
                let carried = sources(of: iterable)
                let saved = locals
                for variable in variables { locals[variable.name] = carried }
                found += printed(body)
                locals = saved
                found += printed(empty ?? [])
            }
        }
        return found
    }
}
