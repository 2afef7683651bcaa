import BerthDiagnostics
import BerthExpressions
import BerthYAML

/// `template-injection` and `secret-in-command`: a template in a script task's `commands`,
/// `beforeCommands` or `script` is rendered into the code itself before it runs, so a value
/// from outside the flow becomes code, and a secret shows on the command line. Kestra renders
/// these properties as text; `env` passes a value without making it code.
struct ScriptCodeAudit {
    let context: CheckContext
    let safeInputs: Set<String>

    /// Input types whose values cannot carry arbitrary text.
    static let safeInputTypes: Set<String> = ["INT", "FLOAT", "BOOLEAN", "BOOL", "DATETIME", "DATE", "TIME", "DURATION", "ENUM"]

    init(root: YAMLNode, context: CheckContext) {
        self.context = context
        var safe: Set<String> = []
        for input in root["inputs"]?.sequence ?? [] {
            guard let id = (input["id"] ?? input["name"])?.scalar, let type = input["type"]?.scalar?.uppercased() else { continue }
            let closedSelect = (type == "SELECT" || type == "MULTISELECT") && input["allowCustomValue"]?.scalar != "true"
            if Self.safeInputTypes.contains(type) || closedSelect { safe.insert(id) }
        }
        safeInputs = safe
    }

    func run() {
        for task in context.tasks where task.typeName.contains(".scripts.") {
            for property in ["commands", "beforeCommands", "script"] {
                guard let value = task.node[property] else { continue }
                let language = property == "script" ? ScriptLanguage(taskType: task.typeName) : .shell
                for scalar in value.sequence ?? [value] where scalar.isTemplate {
                    audit(scalar, property: property, language: language, task: task)
                }
            }
        }
    }

    private func audit(_ scalar: YAMLNode, property: String, language: ScriptLanguage, task: TaskRecord) {
        guard let text = scalar.scalar, case .success(let template) = TemplateParser().parse(text),
              let map = ScalarSourceMap(node: scalar, file: context.file) else { return }
        var sources = TemplateSources(safeInputs: safeInputs)
        for (expr, found) in sources.printed(template.nodes) {
            guard let source = found.sorted(by: { $0.confidence.rank < $1.confidence.rank }).first else { continue }
            let tag = TemplateTag.around(expr, in: text)
            let range = map.sourceRange(ofValue: tag)
            let fix = EnvFixIt(context: context, task: task.node, scalar: scalar, map: map, property: property)
                .make(tag: tag, in: text, name: source.variableName, language: language)
            let help = "pass it through env: (\(source.variableName): \"{{ … }}\") and read \(language.reference(source.variableName)) in the \(language.noun)"
            if case .secret(let name) = source {
                report("secret-in-command", "secret('\(name)') is rendered into the \(property) of task \"\(task.id)\": it shows in process lists and in the script's debug output",
                       range, help: help, fix: fix, rating: SecurityRating(.high, score: 7.5))
            } else {
                let others = found.filter { $0.isUntrusted && $0 != source }.count
                let also = others > 0 ? " (and \(others) other value\(others == 1 ? "" : "s"))" : ""
                report("template-injection", "\(source.phrase)\(also) is rendered into the \(property) of task \"\(task.id)\", where its text runs as \(language.noun) code",
                       range, help: help, fix: fix, rating: SecurityRating(source.confidence, score: source.confidence == .high ? 8.0 : 6.5))
            }
        }
    }

    private func report(_ code: DiagnosticCode, _ message: String, _ range: SourceRange, help: String, fix: FixIt?, rating: SecurityRating) {
        var diagnostic = Diagnostic(.warning, code, message, path: context.file.path, range: range, help: help, fixIts: fix.map { [$0] } ?? [])
        diagnostic.security = rating
        context.add(diagnostic)
    }
}

extension SecurityRating.Confidence {
    /// 0 for high, 2 for low: the most certain source names the finding.
    var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }
}
