/// A reference read as a chain: its root expression and the attribute and subscript steps
/// after it, in order (`outputs.t[taskrun.value].x` is `outputs`, `.t`, `[taskrun.value]`, `.x`).
public struct ReferenceChain: Sendable {
    public enum Step: Sendable {
        /// `.name` (or `['name']`), with the name's range.
        case name(String, Range<Int>)
        /// `[index]`; `end` is just past the `]`.
        case index(Expr, end: Int)
    }

    /// The expression the steps start from: a variable for a reference, anything else otherwise.
    public let root: Expr
    public let steps: [Step]

    public init(_ expression: Expr) {
        var steps: [Step] = []
        var current = expression
        while true {
            if case .attribute(let base, let name, let range) = current.kind {
                steps.append(.name(name, range))
                current = base
            } else if case .subscriptAccess(let base, let index) = current.kind {
                steps.append(.index(index, end: current.range.upperBound))
                current = base
            } else {
                break
            }
        }
        self.root = current
        self.steps = steps.reversed()
    }

    /// The root's name when the root is a variable.
    public var rootName: String? {
        if case .variable(let name) = root.kind { return name }
        return nil
    }

    /// The index expressions of the steps, in order.
    public var indexes: [Expr] {
        steps.compactMap { if case .index(let index, _) = $0 { index } else { nil } }
    }
}
