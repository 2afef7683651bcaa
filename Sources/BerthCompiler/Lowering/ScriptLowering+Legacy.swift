import BerthPlan
import BerthSchema

/// The script tasks of Kestra before 0.11 (`io.kestra.core.tasks.scripts.Bash`, `Python`,
/// `Node`) as plugin-scripts' emulation runs them in Kestra 1.x: the Process runner unless
/// `runner: DOCKER` (then a Docker runner from `dockerOptions`, files mounted), the script handed
/// to `interpreter` + `interpreterArgs`, `set -o errexit` when `exitOnFailed`, output files
/// created empty and named by `{{ outputFiles.NAME }}`.
extension ScriptLowering {
    func lowerLegacy(_ node: inout PlanNode, schema: ObjectSchema, properties p: [String: JSONValue]) {
        let names = ["outputFiles", "outputsFiles", "files"].flatMap { Self.listText(p[$0]) }
        let directories = Self.listText(p["outputDirs"])
        var inputs = inputFiles(p["inputFiles"])
        for name in names where inputs[name] == nil { inputs[name] = .string("") }
        let short = schema.name.split(separator: ".").last.map(String.init) ?? ""
        if short == "Python" { inputs["kestra.py"] = .string(LegacyHelpers.python) }
        if short == "Node" { inputs["kestra.js"] = .string(LegacyHelpers.javascript) }
        let files = FileSpec(inputFiles: inputs, outputFiles: (names + directories.map { $0 + "/**" }).map { JSONConversion.planValue(.string($0)) },
                             outputDirectory: false, outputDirs: directories)
        let interpreter = [JSONConversion.text(p["interpreter"]) ?? "/bin/sh"] + (ContainerBody.strings(p["interpreterArgs"])?.compactMap { JSONConversion.text($0) } ?? ["-c"])
        let script = legacyLines(short, p, inputs: inputs).joined(separator: "\n")
        let command = interpreter.map { JSONConversion.planValue(.string($0)) } + [JSONConversion.planValue(.string(script))]
        var env = Self.environment(p["env"])
        if short == "Python" { env.append(("PYTHONUNBUFFERED", .string("true"))) }
        env.append(("WORKING_DIR", .template("{{ workingDir }}")))
        if JSONConversion.text(p["runner"])?.uppercased() != "DOCKER" {
            node.kind = .process
            node.process = ProcessSpec(command: command, env: Dictionary(env, uniquingKeysWith: { $1 }), files: files)
            return
        }
        var options = p
        options["docker"] = p["dockerOptions"]
        var properties = dockerOptions(options)
        properties["fileHandlingStrategy"] = .string("MOUNT")
        let runner = Runner(type: Self.dockerType, properties: properties, fromDockerOptions: true)
        node.kind = .container
        node.container = container(runner: runner, p: [:], schema: schema, taskId: node.id, command: command, env: env, files: files, isRun: false)
    }

    /// The script's lines as each legacy task builds them.
    private func legacyLines(_ task: String, _ p: [String: JSONValue], inputs: [String: JSONValue]) -> [String] {
        let errexit = JSONConversion.bool(p["exitOnFailed"], default: true) != .bool(false)
        let arguments = Self.listText(p["args"])
        let suffix = arguments.isEmpty ? "" : " " + arguments.joined(separator: " ")
        switch task {
        case "Python":
            let uv = JSONConversion.text(p["packageManager"])?.uppercased() == "UV"
            var lines: [String] = []
            if JSONConversion.bool(p["virtualEnv"], default: true) != .bool(false) {
                var setup: [String] = errexit ? ["set -o errexit"] : []
                let requirements = Self.listText(p["requirements"]).joined(separator: " ")
                if uv {
                    setup.append("uv venv --system-site-packages .venv > /dev/null")
                    if !requirements.isEmpty { setup.append("./.venv/bin/uv pip install \(requirements) > /dev/null") }
                } else {
                    // The virtual environment is the working directory itself: ./bin/python, ./bin/pip.
                    setup.append("\(JSONConversion.text(p["pythonPath"]) ?? "python") -m venv --system-site-packages {{ workingDir }} > /dev/null")
                    if !requirements.isEmpty {
                        setup += ["./bin/pip install pip --upgrade > /dev/null", "./bin/pip install \(requirements) > /dev/null"]
                    }
                }
                lines.append(setup.joined(separator: "\n"))
            } else if errexit {
                lines.append("set -o errexit")
            }
            let commands = p["commands"] == nil ? ["./bin/python main.py"] : Self.listText(p["commands"])
            for command in commands {
                var line = command + suffix
                if uv && line.hasPrefix("./bin/python") { line = "./.venv/bin/python" + line.dropFirst("./bin/python".count) }
                lines.append(line)
            }
            return lines
        case "Node":
            let nodePath = JSONConversion.text(p["nodePath"]) ?? "node"
            // Java's File.getParent of a bare name is null, and the plugin writes it as such.
            let parent = nodePath.contains("/") ? String(nodePath[..<nodePath.lastIndex(of: "/")!]) : "null"
            let npm = inputs["package.json"] == nil ? "" : "\(JSONConversion.text(p["npmPath"]) ?? "npm") i > /dev/null"
            return (errexit ? ["set -o errexit"] : []) + ["PATH=\"$PATH:\(parent.isEmpty ? "/" : parent)\"", npm, "\(nodePath) main.js\(suffix)"]
        default:
            return (errexit ? ["set -o errexit"] : []) + Self.listText(p["commands"])
        }
    }
}
