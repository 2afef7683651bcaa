import BerthExpressions

/// One template's part of a ForEach → Loop rewrite: the edits (value byte ranges of the
/// template) and what stops the rewrite.
struct TemplateWalk: TemplateNodeWalk {
    let rewriter: LoopReferenceRewriter
    /// The task holding the template, when it is inside the loop; nil: outside it.
    let reader: TaskInfo?
    var locals: Set<String> = []
    private(set) var edits: [(Range<Int>, String)] = []
    /// A read of a loop task's outputs from outside the loop: what it reads and where (value
    /// bytes of the template).
    private(set) var outsideRead: (what: String, range: Range<Int>)?
    /// Why a read inside the loop cannot be carried over, and where.
    private(set) var problem: (help: String, range: Range<Int>)?

    init(rewriter: LoopReferenceRewriter, reader: TaskInfo?) {
        self.rewriter = rewriter
        self.reader = reader
    }

    private typealias Step = ReferenceChain.Step

    mutating func visitExpression(_ e: Expr) { visit(e) }

    mutating func visit(_ e: Expr) {
        switch e.kind {
        case .string, .integer, .number, .boolean, .null:
            return
        case .list(let items):
            items.forEach { visit($0) }
        case .map(let pairs):
            for pair in pairs {
                visit(pair.key)
                visit(pair.value)
            }
        case .variable, .attribute, .subscriptAccess:
            chain(e)
        case .call(_, _, let arguments):
            arguments.forEach { visit($0.value) }
        case .filter(let base, _, _, let arguments), .test(let base, _, _, let arguments, _):
            visit(base)
            arguments.forEach { visit($0.value) }
        case .unary(_, let operand):
            visit(operand)
        case .binary(_, let left, let right):
            visit(left)
            visit(right)
        case .ternary(let condition, let then, let otherwise):
            visit(condition)
            visit(then)
            if let otherwise { visit(otherwise) }
        }
    }

    /// A chain `root.a[b]…`: rewrites the iteration reads and loop outputs, then walks the
    /// index expressions it keeps.
    private mutating func chain(_ e: Expr) {
        let chain = ReferenceChain(e)
        let steps = chain.steps, current = chain.root
        guard case .variable(let root) = current.kind, !locals.contains(root) else {
            visit(current)
            visitIndexes(steps)
            return
        }
        if let reader, let (end, replacement) = iterationRead(root, steps, path: reader.path) {
            edits.append((current.range.lowerBound..<end, replacement))
            return
        }
        if root == "outputs", case .name(let taskId, let nameRange)? = steps.first,
           let target = rewriter.tree.byId[taskId], rewriter.isInLoop(target) {
            loopOutput(target, nameRange: nameRange, steps: Array(steps.dropFirst()), at: current.range.lowerBound..<e.range.upperBound)
            return
        }
        visitIndexes(steps)
    }

    private mutating func visitIndexes(_ steps: [Step]) {
        for case .index(let index, _) in steps { visit(index) }
    }

    /// `taskrun.X`, `parent.taskrun.X` or `parents[k].taskrun.X` naming this loop's iteration:
    /// where the read ends in the template and its `item` form.
    private func iterationRead(_ root: String, _ steps: [Step], path: [PathStep]) -> (Int, String)? {
        var rest = steps[...]
        let ancestorIndex: Int
        switch root {
        case "taskrun":
            ancestorIndex = path.count
        case "parent":
            guard case .name("taskrun", _)? = rest.popFirst() else { return nil }
            ancestorIndex = path.count - 1
        case "parents":
            guard case .index(let index, _)? = rest.popFirst(), case .integer(let k) = index.kind, (0..<1_000).contains(k),
                  case .name("taskrun", _)? = rest.popFirst() else { return nil }
            ancestorIndex = path.count - 1 - Int(k)
        default:
            return nil
        }
        guard case .name(let name, let range)? = rest.first,
              let form = rewriter.itemForm(path: path, ancestorIndex: ancestorIndex, name: name) else { return nil }
        return (range.upperBound, form)
    }

    /// `outputs.<task in the loop>…`: inside the loop, `[taskrun.value]` of this loop is
    /// dropped (the iteration's outputs are its own); any other read cannot be carried over.
    private mutating func loopOutput(_ target: TaskInfo, nameRange: Range<Int>, steps: [Step], at range: Range<Int>) {
        guard let reader else {
            outsideRead = outsideRead ?? ("outputs.\(target.id)", range)
            return
        }
        // A task of a loop nested in this one: that loop's rewrite judges reads from inside it.
        if let nested = target.path[(rewriter.depth + 1)...].lastIndex(where: LoopReferenceRewriter.isLoopStep) {
            if reader.path.count > nested, Array(reader.path[..<nested]) == Array(target.path[..<nested]),
               reader.path[nested].container == target.path[nested].container {
                visitIndexes(steps)
                return
            }
            problem = problem ?? ("outputs.\(target.id) belong to the iterations of the loop \"\(target.path[nested].container)\" inside this one: read them there, or declare that Loop's outputs, then the rewrite is offered", range)
            return
        }
        if case .index(let index, let end)? = steps.first, isOwnIteration(index, reader: reader) {
            edits.append((nameRange.upperBound..<end, ""))
            visitIndexes(Array(steps.dropFirst()))
            return
        }
        problem = problem ?? ("inside a Kestra 2.0 Loop, outputs.\(target.id) is this iteration's own; this template reads it by another key (not [taskrun.value]): rewrite that read by hand, then the Loop rewrite is offered", range)
    }

    /// Whether `index` is this loop's current value as the reader sees it (`taskrun.value`,
    /// `parent.taskrun.value`…).
    private func isOwnIteration(_ index: Expr, reader: TaskInfo) -> Bool {
        let chain = ReferenceChain(index)
        guard let root = chain.rootName, case .name("value", _)? = chain.steps.last else { return false }
        return iterationRead(root, chain.steps, path: reader.path)?.1 == "item.value"
    }
}
