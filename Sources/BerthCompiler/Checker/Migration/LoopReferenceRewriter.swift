import BerthDiagnostics
import BerthExpressions
import BerthYAML

/// The template edits of one ForEach → Loop rewrite: every read of this loop's iteration inside
/// its subtree (`taskrun.value`, `parent.taskrun.value`, `parents[k].taskrun.iteration`…)
/// becomes the `item` form that names the same loop (`item.value`, `item.parent.value`,
/// `item.parents[j].value`), and `outputs.t[taskrun.value]` of a task in the loop becomes
/// `outputs.t` (a Loop iteration's outputs are its own). Reads this rewrite cannot carry over —
/// a loop task's outputs read after the loop, or by another key — are an obstacle.
struct LoopReferenceRewriter {
    let loop: TaskInfo
    let tree: TaskTree
    let context: CheckContext

    typealias Obstacle = Migration.Obstacle

    func rewrite() -> Result<[TextEdit], Obstacle> {
        var edits: [Int: TextEdit] = [:]
        for use in context.templates {
            guard let text = use.node.scalar else { continue }
            let reader = use.taskId.flatMap { tree.byId[$0] }
            let inside = reader.map(isInLoop) ?? false
            guard case .success(let template) = TemplateParser().parse(text) else {
                if inside { return .failure(Obstacle(help: "fix the template syntax inside the loop first; then the Loop rewrite is offered",
                                                     notes: [Note("this template does not parse", range: use.node.range)])) }
                continue
            }
            var walk = TemplateWalk(rewriter: self, reader: inside ? reader : nil)
            walk.visit(template.nodes)
            let map = ScalarSourceMap(node: use.node, file: context.file)
            func place(_ range: Range<Int>) -> SourceRange { map?.sourceRange(ofValue: range) ?? use.node.range }
            if let read = walk.outsideRead {
                return .failure(Obstacle(
                    help: "after the loop, Kestra 2.0 keeps the outputs of its tasks inside each iteration: declare outputs: on the Loop and read them as loopOutputs(outputs.\(loop.id).outputs, '<id>'), then change the type",
                    notes: [Note("\(read.what) of a task in the loop is read here", range: place(read.range))]))
            }
            if let problem = walk.problem {
                return .failure(Obstacle(help: problem.help, notes: [Note("read here", range: place(problem.range))]))
            }
            guard !walk.edits.isEmpty else { continue }
            let scalar = use.node.range.offsets, span = loop.node.range.offsets
            guard let map, map.isExact,
                  span.lowerBound <= scalar.lowerBound, scalar.upperBound <= span.upperBound else {
                return .failure(Obstacle(help: "a template reading the iteration is written where berth cannot edit it exactly (an alias, or an unusual escape): rewrite the loop by hand",
                                         notes: [Note("this template", range: use.node.range)]))
            }
            for (range, replacement) in walk.edits {
                let source = map.sourceRange(ofValue: range)
                edits[source.start.offset] = TextEdit(range: source, replacement: replacement)
            }
        }
        return .success(edits.values.sorted { $0.range.start.offset < $1.range.start.offset })
    }

    /// The loop step's index in the paths of the tasks inside the loop.
    var depth: Int { loop.path.count }

    /// Whether `task` is inside the loop (in its tasks, errors or finally).
    func isInLoop(_ task: TaskInfo) -> Bool {
        task.path.count > depth && task.path[depth].container == loop.id && Array(task.path[..<depth]) == loop.path
    }

    /// The `item` form of the loop iteration a task at `path` reads as `<ancestor at
    /// ancestorIndex>.taskrun.<name>` (the reader itself when `ancestorIndex == path.count`),
    /// when the iteration is this loop's.
    func itemForm(path: [PathStep], ancestorIndex: Int, name: String) -> String? {
        guard ancestorIndex >= 0, ancestorIndex <= path.count, let attribute = ["value": "value", "iteration": "index", "key": "key"][name] else { return nil }
        let ancestorPath = Array(path[..<ancestorIndex])
        guard TaskTree.loopValueAccess(ancestorPath) == .direct, let loopIndex = ancestorPath.lastIndex(where: Self.isLoopStep),
              loopIndex == depth, path[depth].container == loop.id else { return nil }
        // The loops between this one and the reader each add a level of item.parent(s).
        let between = path[(loopIndex + 1)...].filter(Self.isLoopStep).count
        let base = between == 0 ? "item" : between == 1 ? "item.parent" : "item.parents[\(between - 1)]"
        return "\(base).\(attribute)"
    }

    static func isLoopStep(_ step: PathStep) -> Bool {
        step.slot == "tasks" && (TaskTree.loopTypes.contains(step.containerType) || step.containerType == TaskTree.loop)
    }
}
