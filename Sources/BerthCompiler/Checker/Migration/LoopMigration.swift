import BerthDiagnostics
import BerthSchema
import BerthYAML

/// ForEach, EachSequential and EachParallel → Kestra 2.0's `Loop`, as one fix-it: the type, the
/// concurrency the old task had written out (ForEach and EachSequential ran one value at a time;
/// Loop's default is all at once), `value` → `values`, and every template of the loop's
/// subtree that reads the iteration (`taskrun.value` → `item.value`, `parents[k]` resolved
/// from the tree). When a task after the loop reads outputs of a task inside it, no rewrite
/// keeps the meaning: the user declares the Loop's outputs.
struct LoopMigration {
    let node: YAMLNode
    let typeNode: YAMLNode
    let schema: ObjectSchema
    let context: CheckContext

    static let loopType = "io.kestra.plugin.core.flow.Loop"

    func migrate() -> Migration {
        let tree = context.lazyTree.tree
        guard let id = node["id"]?.scalar, let loop = tree.byId[id], loop.node == node else {
            return .manual("give the loop an id of its own first: the rewrite follows the task tree")
        }
        var edits = [ScalarEdit.edit(replacing: typeNode, with: Self.loopType, context.file)]
        guard let shape = shapeEdits() else {
            return .manual("rewrite it by hand as a Loop: type \(Self.loopType), values, and concurrencyLimit \(concurrency) written explicitly")
        }
        edits += shape
        switch LoopReferenceRewriter(loop: loop, tree: tree, context: context).rewrite() {
        case .failure(let obstacle):
            return obstacle.migration
        case .success(let templateEdits):
            edits += templateEdits
        }
        let parallel = schema.name == "io.kestra.plugin.core.flow.EachParallel"
        let title = "rewrite as a Loop (concurrencyLimit: \(concurrency) written out, item.* for the iteration)"
            + (parallel ? "; EachParallel ran the tasks of an iteration in parallel, a Loop runs them in order: wrap them in Parallel to keep that" : "")
        // ForEach maps exactly; EachSequential/EachParallel read `value` with other rules (a JSON
        // string, a parallel body), so their rewrite waits for a person's confirmation.
        let applicability: FixIt.Applicability = schema.name == "io.kestra.plugin.core.flow.ForEach" ? .machineApplicable : .maybeIncorrect
        return Migration(fixIts: [FixIt(title, edits: edits, applicability: applicability)])
    }

    /// The concurrency the old task ran with, as Loop must be told.
    private var concurrency: String {
        switch schema.name {
        case "io.kestra.plugin.core.flow.EachParallel": node["concurrent"]?.scalar ?? "0"
        default: node["concurrencyLimit"]?.scalar ?? "1"
        }
    }

    /// `value` → `values`, `concurrent` → `concurrencyLimit`, and `concurrencyLimit` written
    /// after `type` when the old task left it to its default; nil when it cannot be placed.
    private func shapeEdits() -> [TextEdit]? {
        var edits: [TextEdit] = []
        for entry in node.mapping ?? [] {
            guard entry.isWrittenInPlace else { return nil }
            switch entry.key.scalar {
            case "value" where schema.name != "io.kestra.plugin.core.flow.ForEach":
                edits.append(ScalarEdit.edit(replacing: entry.key, with: "values", context.file))
            case "concurrent" where schema.name == "io.kestra.plugin.core.flow.EachParallel":
                edits.append(ScalarEdit.edit(replacing: entry.key, with: "concurrencyLimit", context.file))
            default:
                continue
            }
        }
        let written = node["concurrencyLimit"] != nil || (schema.name == "io.kestra.plugin.core.flow.EachParallel" && node["concurrent"] != nil)
        if !written {
            guard let typeEntry = node.entry("type"),
                  let insertion = KeyInsertion.edit(inserting: "concurrencyLimit: \(concurrency)", after: typeEntry, in: node, context.file) else { return nil }
            edits.append(insertion)
        }
        return edits
    }
}
