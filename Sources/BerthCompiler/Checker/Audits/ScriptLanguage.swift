/// The language a script task's `script` is written in, for the advice of the code audits
/// (`commands` and `beforeCommands` are always shell lines).
enum ScriptLanguage {
    case shell, python, node, other

    init(taskType: String) {
        if taskType.contains(".python.") { self = .python } else if taskType.contains(".node.") { self = .node } else if taskType.contains(".shell.") {
            self = .shell
        } else {
            self = .other
        }
    }

    var noun: String {
        switch self {
        case .shell: "shell"
        case .python: "Python"
        case .node: "JavaScript"
        case .other: "script"
        }
    }

    /// How the script reads the environment variable `name`.
    func reference(_ name: String) -> String {
        switch self {
        case .shell: "\"$\(name)\""
        case .python: "os.environ[\"\(name)\"]"
        case .node: "process.env.\(name)"
        case .other: "the environment variable \(name)"
        }
    }
}
