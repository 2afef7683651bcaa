import BerthPlan
import BerthSchema
import Crypto
import Foundation

/// What Python and Node script tasks add to the command line and the environment, as
/// plugin-scripts does: the script file (a temp-style name of digits), its run line,
/// `PYTHONUNBUFFERED` and pip's settings, and for `dependencies` an install into
/// `.kestra_additional_python_lib` (on `PYTHONPATH`) from a requirements file.
///
/// Kestra installs dependencies on the worker and ships them with the working directory;
/// berth installs them inside the container, with the image's own Python (README
/// "Deliberate differences"), and on the worker for the Process runner.
struct PythonSetup {
    let isPython: Bool
    let process: Bool
    let dependencies: [String]
    let pythonVersion: String?
    let usesUV: Bool
    /// `namespace.flow.task`: what the deterministic file names derive from.
    let taskKey: String

    init(properties p: [String: JSONValue], schema: ObjectSchema, process: Bool, taskKey: String) {
        isPython = schema.name.contains(".python.")
        self.process = process
        dependencies = isPython ? ScriptLowering.listText(p["dependencies"]) : []
        pythonVersion = isPython ? JSONConversion.text(p["pythonVersion"]) : nil
        usesUV = JSONConversion.text(p["packageManager"])?.uppercased() != "PIP"
        self.taskKey = taskKey
    }

    /// A name like Java's temp files (`<digits><suffix>`), stable for a task so plans stay
    /// deterministic and no user file name collides with it.
    static func tempName(_ key: String, _ suffix: String) -> String {
        let digest = SHA256.hash(data: Data(key.utf8))
        let number = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % 9_000_000_000_000_000_000 + 1_000_000_000_000_000
        return String(number) + suffix
    }

    var scriptName: String { Self.tempName(taskKey, ".py") }

    /// The interpreter: `python` in a container; on the Process runner the first of
    /// `pythonX.Y`, `pythonX`, `python3`, `python` the worker has, as Kestra probes them.
    var interpreter: String {
        guard process else { return "python" }
        var candidates: [String] = []
        if let version = pythonVersion, !version.isEmpty, !version.contains("{{") {
            let parts = version.split(separator: ".")
            if parts.count >= 2 { candidates.append("python\(parts[0]).\(parts[1])") }
            if let major = parts.first { candidates.append("python\(major)") }
        }
        candidates += ["python3", "python"]
        return "$(" + candidates.map { "command -v \($0)" }.joined(separator: " || ") + " || echo python)"
    }

    /// Kestra's name for the requirements file: the SHA-256 of `#pyversion: V` and the requirements.
    var requirementsName: String {
        let lines = ["#pyversion: \(pythonVersion ?? "3.13")"] + dependencies
        let hex = SHA256.hash(data: Data(lines.joined().utf8)).map { String(format: "%02x", $0) }.joined()
        return "\(hex)-requirements.txt"
    }

    /// The lines that install `dependencies` (none without).
    func installLines(files: inout FileSpec) -> [String] {
        guard !dependencies.isEmpty else { return [] }
        files.inputFiles[requirementsName] = JSONConversion.planValue(.string(dependencies.joined(separator: "\n") + "\n"))
        let target = "--target=\"{{ workingDir }}/\(ScriptLowering.pythonLibraries)\""
        let requirement = "--requirement=\"{{ workingDir }}/\(requirementsName)\""
        let pip = "\(interpreter) -m pip install --quiet --no-cache-dir \(target) \(requirement)"
        guard usesUV else { return [pip] }
        let uv = "uv pip install --quiet --no-color --no-config --link-mode copy \(target) \(requirement) --python \"\(interpreter == "python" ? "$(command -v python)" : interpreter)\""
        return ["if command -v uv >/dev/null 2>&1; then \(uv); else \(pip); fi"]
    }

    /// How a Python Script's file runs: with dependencies `python <path>`; without, through
    /// an active virtualenv when there is one.
    func runLine(_ name: String) -> String {
        let path = "{{ workingDir }}/\(name)"
        if !dependencies.isEmpty { return "\(interpreter) \(path)" }
        return "if [ -n \"$VIRTUAL_ENV\" ]; then \"$VIRTUAL_ENV/bin/python\" \"\(path)\"; else \"\(interpreter)\" \"\(path)\"; fi"
    }

    /// Variables the plugin adds: Python tasks (and, as in plugin-scripts, node.Script) get
    /// unbuffered output and quiet pip; with dependencies, PYTHONPATH.
    func environment(script: Bool, node: Bool) -> [(String, JSONValue)] {
        if isPython {
            var env: [(String, JSONValue)] = [("PYTHONUNBUFFERED", .string("true")), ("PIP_ROOT_USER_ACTION", .string("ignore")),
                                              ("PIP_DISABLE_PIP_VERSION_CHECK", .string("1"))]
            if !dependencies.isEmpty { env.append(("PYTHONPATH", .template("{{ workingDir }}/\(ScriptLowering.pythonLibraries)"))) }
            return env
        }
        if node && script { return [("PYTHONUNBUFFERED", .string("true")), ("PIP_ROOT_USER_ACTION", .string("ignore"))] }
        return []
    }
}
