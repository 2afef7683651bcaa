import BerthDiagnostics
import BerthExpressions
import BerthSchema
import BerthYAML

/// Parses every `{{ }}` template of the flow and checks what it names, at the exact column
/// inside the YAML scalar: `template-syntax`, `unknown-variable`, `unknown-input`,
/// `unknown-vars-entry`, `unknown-task-output`, `output-not-available` (warning),
/// `unknown-output-attribute`, `loop-variable-outside-loop`, `unknown-filter`,
/// `unknown-function`, `unknown-test`, `wrong-argument-count`.
struct TemplateCheck {
    let context: CheckContext
    let inputs: [String]
    let variables: [String]?
    /// Byte ranges rendered against another execution's outputs: a Subflow's `outputs` (in the
    /// child) and a Flow trigger's `inputs` (the triggering execution). Their `outputs.X` name
    /// tasks of another flow.
    let foreign: [Range<Int>]

    /// The flow's task tree, built when a template first reads outputs, tasks or loop
    /// variables: most templates read inputs and vars only.
    var tree: TaskTree { context.lazyTree.tree }

    init(root: YAMLNode, context: CheckContext) {
        self.context = context
        self.inputs = (root["inputs"]?.sequence ?? []).compactMap { ($0["id"] ?? $0["name"])?.scalar }
        // Variables given as a template or an alias cannot be listed: then vars.X is not checked.
        self.variables = root["variables"].flatMap { $0.mapping?.compactMap { $0.key.scalar } }
            ?? (root["variables"] == nil ? [] : nil)
        let subflowOutputs = context.tasks.filter { $0.schema?.name == "io.kestra.plugin.core.flow.Subflow" }.compactMap { $0.node["outputs"]?.range.offsets }
        let triggerInputs = (root["triggers"]?.sequence ?? []).filter { trigger in
            trigger["type"]?.scalar.flatMap { context.grammar.type($0, in: "trigger")?.schema.name } == "io.kestra.plugin.core.trigger.Flow"
        }.compactMap { $0["inputs"]?.range.offsets }
        self.foreign = subflowOutputs + triggerInputs
    }

    func run() {
        for use in context.templates {
            guard let text = use.node.scalar else { continue }
            var scope = Scope(check: self, node: use.node, readerId: use.taskId)
            scope.itemFields = use.itemFields
            switch TemplateParser().parse(text) {
            case .failure(let error):
                scope.report(.error, "template-syntax", error.message, error.range)
            case .success(let template):
                scope.visit(template.nodes)
            }
        }
    }

    /// The walk of one template: local names from `set` and `for`, and where to report.
    struct Scope: TemplateNodeWalk {
        let check: TemplateCheck
        let node: YAMLNode
        /// The id of the task whose property holds the template (nil: flow level).
        let readerId: String?
        var reader: TaskInfo? { readerId.flatMap { check.tree.byId[$0] } }
        /// In a Loop's `outputs`, rendered at the end of each iteration with the iteration's outputs.
        var inLoopOutputs: Bool {
            guard let reader, reader.schema?.name == TaskTree.loop, let outputs = reader.node["outputs"] else { return false }
            return outputs.range.start.offset <= node.range.start.offset && node.range.start.offset < outputs.range.end.offset
        }
        /// In a task of a Loop iteration, or in the Loop's `outputs`.
        var insideLoop: Bool {
            inLoopOutputs || reader?.path.contains { $0.containerType == TaskTree.loop && $0.slot == "tasks" } == true
        }
        var locals: Set<String> = []
        /// Unknown roots are fields of the item being rendered.
        var itemFields = false
        private var sourceMap: ScalarSourceMap?

        init(check: TemplateCheck, node: YAMLNode, readerId: String?) {
            self.check = check
            self.node = node
            self.readerId = readerId
        }

        var catalog: ExpressionCatalog { check.context.grammar.expressions }

        mutating func report(_ severity: Severity, _ code: DiagnosticCode, _ message: String, _ range: Range<Int>,
                             help: String? = nil, suggestion: String? = nil, replacement: String? = nil) {
            if sourceMap == nil { sourceMap = ScalarSourceMap(node: node, file: check.context.file) }
            guard let map = sourceMap else { return }
            let sourceRange = map.sourceRange(ofValue: range)
            var fixIts: [FixIt] = []
            if let suggestion, map.isExact {
                fixIts = [FixIt("replace with \"\(suggestion)\"", edits: [TextEdit(range: sourceRange, replacement: suggestion)], applicability: .maybeIncorrect)]
            }
            if let replacement, map.isExact {
                fixIts = [FixIt("write \(replacement)", edits: [TextEdit(range: sourceRange, replacement: replacement)])]
            }
            check.context.report(severity, code, message, at: sourceRange,
                                 help: help ?? suggestion.map { "did you mean \"\($0)\"?" }, fixIts: fixIts)
        }

        mutating func visitExpression(_ e: Expr) { visit(e, lenient: false) }

        /// `lenient`: the value may be undefined here (`x is defined`, `x ??? y`).
        mutating func visit(_ e: Expr, lenient: Bool) {
            switch e.kind {
            case .string, .integer, .number, .boolean, .null:
                return
            case .list(let items):
                for item in items { visit(item, lenient: false) }
            case .map(let entries):
                for entry in entries { visit(entry.key, lenient: false); visit(entry.value, lenient: false) }
            case .variable, .attribute, .subscriptAccess:
                reference(e, lenient: lenient)
            case .call(let name, let nameRange, let arguments):
                builtin(name, nameRange, arguments.count, in: catalog.functions, kind: "function")
                for argument in arguments { visit(argument.value, lenient: false) }
            case .filter(let base, let name, let nameRange, let arguments):
                visit(base, lenient: lenient || name == "default")
                builtin(name, nameRange, arguments.count, in: catalog.filters, kind: "filter")
                for argument in arguments { visit(argument.value, lenient: false) }
            case .test(let base, let name, let nameRange, let arguments, _):
                visit(base, lenient: lenient || ["defined", "null", "none", "empty"].contains(name))
                builtin(name, nameRange, arguments.count, in: catalog.tests, kind: "test")
                for argument in arguments { visit(argument.value, lenient: false) }
            case .unary(_, let operand):
                visit(operand, lenient: lenient)
            case .binary(let op, let left, let right):
                visit(left, lenient: lenient || op == "???" || op == "??")
                visit(right, lenient: lenient)
            case .ternary(let condition, let then, let otherwise):
                visit(condition, lenient: lenient)
                visit(then, lenient: lenient)
                if let otherwise { visit(otherwise, lenient: lenient) }
            }
        }

        mutating func builtin(_ name: String, _ range: Range<Int>, _ count: Int, in table: [String: Builtin], kind: String) {
            guard let builtin = table[name] else {
                let suggestion = Suggestions.closest(to: name, in: Array(table.keys).sorted())
                report(.error, DiagnosticCode("unknown-\(kind)"), "unknown \(kind) \"\(name)\"", range,
                       help: suggestion == nil ? "see grammar/expressions.md for the \(kind)s berth knows" : nil, suggestion: suggestion)
                return
            }
            if !builtin.accepts(count) {
                report(.error, "wrong-argument-count",
                       "\(kind) \"\(name)\" takes \(builtin.arityText), found \(count)", range, help: builtin.description)
            }
            if !builtin.availability.isAlways { recordDialectUse(builtin, range, kind: kind) }
        }

        /// A builtin of one dialect only, judged once the file's dialect is known; Kestra 2.0's
        /// new name replaces exactly the name's bytes (`json(` → `fromJson(`), never text in a
        /// string literal.
        mutating func recordDialectUse(_ builtin: Builtin, _ range: Range<Int>, kind: String) {
            if sourceMap == nil { sourceMap = ScalarSourceMap(node: node, file: check.context.file) }
            guard let map = sourceMap else { return }
            let source = map.sourceRange(ofValue: range)
            let exact = map.isExact
            check.context.recordDialectUse(builtin.availability, what: "\(kind) \"\(builtin.name)\"", range: source, removed: builtin.removed) {
                guard let target = builtin.migrateTo, exact else { return Migration() }
                return Migration(fixIts: [FixIt("use \(target)", edits: [TextEdit(range: source, replacement: target)])])
            }
        }

        typealias Step = ReferenceChain.Step

        /// A chain `root.a['b'][i]...`: checks the root and the first steps that name flow things.
        mutating func reference(_ e: Expr, lenient: Bool) {
            let chain = ReferenceChain(e)
            let steps = chain.steps, current = chain.root
            for index in chain.indexes { visit(index, lenient: false) }
            guard case .variable(let root) = current.kind else {
                visit(current, lenient: lenient)
                return
            }
            if locals.contains(root) { return }
            guard catalog.roots[root] != nil else {
                if lenient || itemFields { return }
                let suggestion = Suggestions.closest(to: root, in: Array(catalog.roots.keys).sorted() + locals.sorted())
                report(.error, "unknown-variable", "unknown variable \"\(root)\"", current.range,
                       help: suggestion == nil ? "variables: \(catalog.roots.keys.sorted().joined(separator: ", "))" : nil,
                       suggestion: suggestion)
                return
            }
            let first: (String, Range<Int>)? = if case .name(let n, let r)? = steps.first { (n, r) } else { nil }
            switch root {
            case "inputs":
                guard let (name, range) = first, !lenient, !check.inputs.contains(name) else { return }
                let suggestion = Suggestions.closest(to: name, in: check.inputs)
                report(.error, "unknown-input", "no input \"\(name)\" is declared", range,
                       help: suggestion == nil ? (check.inputs.isEmpty ? "the flow declares no inputs" : "inputs: \(check.inputs.joined(separator: ", "))") : nil,
                       suggestion: suggestion)
            case "vars":
                guard let (name, range) = first, !lenient, let variables = check.variables, !variables.contains(name) else { return }
                let suggestion = Suggestions.closest(to: name, in: variables)
                report(.error, "unknown-vars-entry", "no variable \"\(name)\" in the flow's variables", range,
                       help: suggestion == nil ? (variables.isEmpty ? "the flow has no variables" : "variables: \(variables.joined(separator: ", "))") : nil,
                       suggestion: suggestion)
            case "outputs":
                guard let (taskId, range) = first else { return }
                output(taskId, range, next: steps.dropFirst().first, lenient: lenient)
            case "tasks":
                guard let (taskId, range) = first, check.tree.byId[taskId] == nil, !lenient else { return }
                let suggestion = Suggestions.closest(to: taskId, in: check.tree.tasks.map(\.id))
                report(.error, "unknown-task-output", "no task \"\(taskId)\" in this flow", range, suggestion: suggestion)
            case "item":
                guard !lenient, !insideLoop else { return }
                report(.error, "loop-variable-outside-loop", "\"item\" exists only inside a Loop", current.range,
                       help: "a Loop (Kestra 2.0) sets item.value, item.index and item.key for the tasks of each iteration and its outputs")
            case "taskrun":
                guard let (name, range) = first, ["value", "iteration", "items"].contains(name), !lenient else { return }
                if insideLoop, name != "items" {
                    let renamed = name == "value" ? "item.value" : "item.index"
                    report(.error, "loop-variable-outside-loop", "inside a Loop, \"taskrun.\(name)\" is not the iteration's: Kestra 2.0 names it \(renamed)",
                           (current.range.lowerBound)..<range.upperBound, help: "a Loop gives each iteration its item (item.index counts from 0); there taskrun.\(name) fails with \"Unable to find\"",
                           replacement: renamed)
                    return
                }
                // ForEachItem renders its subflow inputs with the batch's items and iteration.
                if reader?.schema?.name == "io.kestra.plugin.core.flow.ForEachItem" && name != "value" { return }
                // LoopUntil numbers the task runs of each of its rounds.
                if name == "iteration", reader?.path.contains(where: { $0.containerType == "io.kestra.plugin.core.flow.LoopUntil" && $0.slot == "tasks" }) == true { return }
                if name == "items" {
                    report(.error, "loop-variable-outside-loop", "\"taskrun.items\" exists only in the inputs of a ForEachItem task", range,
                           help: "ForEachItem sets it to the URI of each batch's file")
                    return
                }
                switch reader.map({ TaskTree.loopValueAccess($0.path) }) ?? .outside {
                case .direct:
                    return
                case .outside:
                    report(.error, "loop-variable-outside-loop", "\"taskrun.\(name)\" exists only inside a ForEach loop", range,
                           help: "this task is not inside ForEach, EachSequential or EachParallel")
                case .ancestor(let ancestor):
                    let container = reader?.path.last?.container ?? ""
                    report(.error, "loop-variable-outside-loop",
                           "\"taskrun.\(name)\" is set only on the tasks directly inside a loop; \"\(readerId ?? "")\" is inside \"\(container)\"",
                           (current.range.lowerBound)..<range.upperBound,
                           help: "read the iteration's value from the enclosing task run: \(ancestor).taskrun.\(name)",
                           replacement: "\(ancestor).taskrun.\(name)")
                }
            case "parent", "parents":
                if (reader?.path.count ?? 0) < 2, !lenient {
                    report(.error, "loop-variable-outside-loop", "\"\(root)\" exists only inside a flowable task", current.range,
                           help: "parent and parents describe the task runs of the enclosing flowable tasks (ForEach, If, Sequential…)")
                }
            case "temp", "outputDirs":
                if reader?.schema?.typeDefaults["legacyScript"] == nil, !lenient {
                    report(.error, "unknown-variable", "\"\(root)\" exists only in the legacy script tasks (io.kestra.core.tasks.scripts.*)", current.range,
                           help: root == "temp" ? "its new name is outputFiles" : "write the files to {{ outputDir }} instead")
                }
            case "workerTaskrun":
                let inside = reader?.path.contains { $0.containerType == "io.kestra.plugin.core.flow.WorkingDirectory" } ?? false
                if !inside, !lenient {
                    report(.error, "unknown-variable", "\"workerTaskrun\" exists only inside a WorkingDirectory", current.range,
                           help: "it is the WorkingDirectory's task run, seen from the tasks it runs")
                }
            default:
                return
            }
        }

        mutating func output(_ taskId: String, _ range: Range<Int>, next: Step?, lenient: Bool) {
            if check.foreign.contains(where: { $0.contains(node.range.start.offset) }) { return }
            guard let target = check.tree.byId[taskId] else {
                if lenient { return }
                let suggestion = Suggestions.closest(to: taskId, in: check.tree.tasks.map(\.id))
                report(.error, "unknown-task-output", "no task \"\(taskId)\" in this flow", range,
                       help: suggestion == nil ? "outputs.<taskId> names a task of this flow" : nil, suggestion: suggestion)
                return
            }
            if let reader, !inLoopOutputs, let problem = check.tree.orderingProblem(reader: reader, target: target) {
                report(.warning, "output-not-available", "outputs of \"\(taskId)\" may not exist when \"\(reader.id)\" runs: \(problem)", range,
                       help: "Kestra resolves outputs at run time; this reference fails unless \"\(taskId)\" has run")
            }
            guard !target.inLoop, let produced = target.schema?.outputs, case .name(let attribute, let attributeRange)? = next,
                  !produced.contains(attribute) else { return }
            let suggestion = Suggestions.closest(to: attribute, in: produced)
            let typeName = target.schema?.name.split(separator: ".").last.map(String.init) ?? "task"
            report(.error, "unknown-output-attribute",
                   "\(typeName) task \"\(taskId)\" has no output \"\(attribute)\"", attributeRange,
                   help: suggestion == nil ? (produced.isEmpty ? "\(typeName) produces no outputs" : "outputs: \(produced.joined(separator: ", "))") : nil,
                   suggestion: suggestion)
        }
    }
}
