/// A parsed Pebble template. Ranges are UTF-8 byte offsets into the template string; the
/// compiler maps them back into the YAML file through the scalar's source map.
public struct Template: Sendable {
    public let source: String
    public let nodes: [TemplateNode]
}

extension Template {
    /// The expression when the template is one `{{ … }}` with nothing but white space around
    /// it, the form whose value (a list, a map) is used as is rather than as text.
    public var loneExpression: Expr? {
        let bytes = Array(source.utf8)
        var found: Expr?
        for node in nodes {
            switch node {
            case .text(let range) where bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }):
                continue
            case .print(let expr) where found == nil:
                found = expr
            default:
                return nil
            }
        }
        return found
    }
}

/// A piece of a template.
public indirect enum TemplateNode: Sendable {
    /// Literal text.
    case text(Range<Int>)
    /// `{{ expression }}`.
    case print(Expr)
    /// `{% if %}…{% elseif %}…{% else %}…{% endif %}`.
    case conditional(branches: [(condition: Expr, body: [TemplateNode])], otherwise: [TemplateNode]?)
    /// `{% for item in iterable %}…{% else %}…{% endfor %}` (or `for key, value in map`).
    case loop(variables: [(name: String, range: Range<Int>)], iterable: Expr, body: [TemplateNode], empty: [TemplateNode]?)
    /// `{% set name = expression %}`.
    case set(name: String, nameRange: Range<Int>, value: Expr)
    /// `{% raw %}…{% endraw %}`: kept as written.
    case raw(Range<Int>)
}

/// An expression with its range.
public struct Expr: Sendable {
    public let kind: ExprKind
    public let range: Range<Int>

    public init(_ kind: ExprKind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// A named argument of a call or filter (`name=value`), or positional when `name` is nil.
public struct Argument: Sendable {
    public let name: String?
    public let value: Expr
}

/// The kinds of expression.
public indirect enum ExprKind: Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case null
    case list([Expr])
    case map([(key: Expr, value: Expr)])
    /// A root name: `inputs`, `outputs`, a loop variable...
    case variable(String)
    /// `base.name` (or `base['name']` with a literal string).
    case attribute(base: Expr, name: String, nameRange: Range<Int>)
    /// `base[index]` with a non-literal index.
    case subscriptAccess(base: Expr, index: Expr)
    /// `name(arguments)`.
    case call(name: String, nameRange: Range<Int>, arguments: [Argument])
    /// `base | name(arguments)`.
    case filter(base: Expr, name: String, nameRange: Range<Int>, arguments: [Argument])
    /// `base is [not] name(arguments)`.
    case test(base: Expr, name: String, nameRange: Range<Int>, arguments: [Argument], negated: Bool)
    case unary(op: String, operand: Expr)
    case binary(op: String, left: Expr, right: Expr)
    /// `condition ? then : otherwise` (otherwise may be absent in Pebble's short form).
    case ternary(condition: Expr, then: Expr, otherwise: Expr?)
}

/// A syntax error at a range of the template, with what was expected.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public let message: String
    public let range: Range<Int>
}
