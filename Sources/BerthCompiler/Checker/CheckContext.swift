import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Options of the checker.
public struct CheckOptions: Sendable {
    /// Severity of `unknown-type`. Teams using plugins berth does not model set `.warning`
    /// (`--allow-unknown-types`); such tasks then skip property checks.
    public var unknownTypeSeverity: Severity
    /// Which security audits run.
    public var audits: AuditProfile
    /// The project's `.berth.yaml` (levels, allowed images); `.none` for the defaults.
    public var config: ProjectConfig = .none
    /// The Kestra dialect: detected per file unless `--kestra` or `.berth.yaml` chose it.
    public var kestra: DialectChoice = .detect

    public init(unknownTypeSeverity: Severity = .error, audits: AuditProfile = .regular) {
        self.unknownTypeSeverity = unknownTypeSeverity
        self.audits = audits
    }

    public static let standard = CheckOptions()
}

/// The security audits that run (`berth lint --audits`).
public enum AuditProfile: String, Sendable, CaseIterable {
    /// Every audit at its regular confidence.
    case regular
    /// Also the low-confidence findings (images not pinned by digest).
    case pedantic
    /// No audit.
    case off
}

/// A task found while walking the flow, for the flow-wide checks.
struct TaskRecord {
    let id: String
    let idNode: YAMLNode
    let typeName: String
    let schema: ObjectSchema?
    let node: YAMLNode
}

extension TaskRecord {
    /// The mapping holding the task's container settings (its Docker runner, deprecated
    /// `docker` options, or the task itself for docker.Run and the implicit runner), or nil
    /// when the task starts no container.
    var containerSettings: YAMLNode? {
        if schema?.name == "io.kestra.plugin.docker.Run" { return node }
        guard schema?.property("containerImage") != nil else { return nil }
        if let runner = node["taskRunner"] {
            return runner["type"]?.scalar?.hasSuffix(".Process") == true ? nil : runner
        }
        if node["runner"]?.scalar == "PROCESS" { return nil }
        return node["docker"] ?? node
    }
}

/// State shared by the walker and the checks of one document.
final class CheckContext {
    let file: SourceFile
    let grammar: Grammar
    let options: CheckOptions
    private(set) var diagnostics: [Diagnostic] = []
    var tasks: [TaskRecord] = []
    /// Runner mappings with their resolved type (for runner rules).
    var runners: [(node: YAMLNode, schema: ObjectSchema)] = []
    /// Deprecated `docker` option mappings of script tasks (for runner rules).
    var dockerOptions: [YAMLNode] = []
    /// Scalars holding templates in dynamic places, with the task that owns them (nil: flow level).
    /// Every template with the task holding it; `itemFields`: rendered per item with the
    /// item's fields as variables (FilterItems), so unknown roots are the item's.
    var templates: [(node: YAMLNode, taskId: String?, itemFields: Bool)] = []
    /// Ids of the tasks being walked, innermost last.
    var taskStack: [String] = []
    /// Type suggestions per unknown name: a flow full of plugin tasks repeats the same few names.
    var typeSuggestions: [String: String?] = [:]
    /// Constructs of one dialect only, judged at the end (`DialectCheck`).
    var dialectUses: [DialectUse] = []
    /// The flow's task tree, built when a check first asks.
    let lazyTree: LazyTaskTree

    init(file: SourceFile, root: YAMLNode, grammar: Grammar, options: CheckOptions) {
        self.lazyTree = LazyTaskTree(root: root, grammar: grammar)
        self.file = file
        self.grammar = grammar
        self.options = options
    }

    func report(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange,
                notes: [Note] = [], help: String? = nil, fixIts: [FixIt] = []) {
        diagnostics.append(Diagnostic(severity, code, message, path: file.path, range: range,
                                      notes: notes, help: help, fixIts: fixIts))
    }

    /// Every mapping that sets up a container: runners, Docker Run tasks, deprecated `docker` options.
    var containerSettings: [YAMLNode] {
        runners.map(\.node) + tasks.filter { $0.schema?.name == "io.kestra.plugin.docker.Run" }.map(\.node) + dockerOptions
    }

    /// The literal images the flow names (`containerImage`, deprecated `docker.image`), each
    /// written once, templates left out (known only at run time).
    var literalImages: [(node: YAMLNode, image: String)] {
        var seen: Set<Int> = []
        return (tasks.compactMap { $0.node["containerImage"] } + dockerOptions.compactMap { $0["image"] }).compactMap { node in
            guard seen.insert(node.range.start.offset).inserted, let image = node.scalar, !image.isEmpty, !node.isTemplate else { return nil }
            return (node, image)
        }
    }

    /// Removes and returns the diagnostics reported since there were `count`.
    func takeDiagnostics(since count: Int) -> [Diagnostic] {
        let taken = Array(diagnostics[count...])
        diagnostics.removeLast(diagnostics.count - count)
        return taken
    }

    /// Records a use of a dialect-limited construct; what `report` adds meanwhile (its
    /// deprecation warning) is held with it.
    /// `migrate` is asked only when the file is checked as Kestra 2.0.
    func recordDialectUse(_ availability: Availability, what: String, range: SourceRange, removed: String?,
                          migrate: (() -> Migration)? = nil, while body: () -> Void = {}) {
        let before = diagnostics.count
        body()
        var use = DialectUse(availability: availability, what: what, range: range, removed: removed, migrate: migrate)
        use.held = takeDiagnostics(since: before)
        dialectUses.append(use)
    }

    /// Adds a diagnostic made by the caller (audits set its security rating).
    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Reports an audit finding with its security rating.
    func audit(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange, rating: SecurityRating,
               notes: [Note] = [], help: String? = nil, fixIts: [FixIt] = []) {
        var diagnostic = Diagnostic(severity, code, message, path: file.path, range: range, notes: notes, help: help, fixIts: fixIts)
        diagnostic.security = rating
        diagnostics.append(diagnostic)
    }

    /// A fix-it replacing the text of `node` with `replacement`.
    func replace(_ node: YAMLNode, with replacement: String, title: String,
                 applicability: FixIt.Applicability = .machineApplicable) -> FixIt {
        FixIt(title, edits: [TextEdit(range: node.range, replacement: replacement)], applicability: applicability)
    }
}

extension YAMLNode {
    /// True when the scalar holds a Pebble template (`{{`, `{%`), rendered at run time.
    var isTemplate: Bool {
        withScalarUTF8 { bytes in
            var previousBrace = false
            for byte in bytes {
                if previousBrace && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%")) { return true }
                previousBrace = byte == UInt8(ascii: "{")
            }
            return false
        } ?? false
    }
}
