import BerthExpressions
import BerthPlan
import BerthSchema

/// Script tasks and `docker.Run` → a container or process spec, building the command line as
/// Kestra does: interpreter + one script joining `set -e` (failFast), beforeCommands and
/// commands with the target OS line separator.
struct ScriptLowering {
    let grammar: Grammar
    let defaults: PluginDefaults
    let flowId: String
    let namespace: String

    static let dockerType = "io.kestra.plugin.scripts.runner.docker.Docker"
    static let processType = "io.kestra.plugin.core.runner.Process"
    static let runType = "io.kestra.plugin.docker.Run"

    func lower(_ node: inout PlanNode, schema: ObjectSchema, properties p: [String: JSONValue]) {
        let (runnerType, runner, legacyOutputDir) = resolveRunner(p, schema: schema)
        let isRun = schema.name == Self.runType
        let outputDirectory = legacyOutputDir || (p["outputDirectory"].map { JSONConversion.bool($0, default: false) } == .bool(true))
        var files = FileSpec(inputFiles: inputFiles(p["inputFiles"]), outputFiles: (ContainerBody.strings(p["outputFiles"]) ?? []).compactMap { $0.stringValue ?? $0.template?.text },
                             outputDirectory: outputDirectory)
        let command = isRun ? (ContainerBody.strings(p["commands"]) ?? []) : commandLine(p, schema: schema, taskId: node.id, files: &files)
        var env: [(String, JSONValue)] = []
        if case .object(let vars)? = p["env"] {
            for key in vars.keys.sorted() { env.append((key, JSONConversion.planValue(.string(JSONConversion.text(vars[key]) ?? "")))) }
        }
        if !isRun {
            env.append(("WORKING_DIR", .template("{{ workingDir }}")))
            if outputDirectory { env.append(("OUTPUT_DIR", .template("{{ outputDir }}"))) }
            if schema.name.contains(".python.") {
                env += [("PYTHONUNBUFFERED", .string("true")), ("PIP_ROOT_USER_ACTION", .string("ignore")), ("PIP_DISABLE_PIP_VERSION_CHECK", .string("1"))]
            } else if schema.name.contains(".node.") {
                env += [("PYTHONUNBUFFERED", .string("true")), ("PIP_ROOT_USER_ACTION", .string("ignore"))]
            }
        }
        let warning = isRun ? JSONValue.bool(false) : JSONConversion.bool(p["warningOnStdErr"], default: true)
        if runnerType == Self.processType {
            node.kind = .process
            node.process = ProcessSpec(command: command, env: Dictionary(env, uniquingKeysWith: { $1 }), files: files, warningOnStdErr: warning)
            return
        }
        node.kind = .container
        node.container = container(runner: runner, p: p, schema: schema, taskId: node.id, command: command, env: env,
                                   files: files, isRun: isRun, warning: warning)
    }

    /// The runner's canonical type, its properties after plugin defaults, and whether the
    /// deprecated `runner` option turned the output directory on.
    private func resolveRunner(_ p: [String: JSONValue], schema: ObjectSchema) -> (String, [String: JSONValue], Bool) {
        if schema.name == Self.runType { return (Self.dockerType, p, false) }
        if case .object(var runner)? = p["taskRunner"], let type = JSONConversion.text(runner["type"]) {
            let canonical = grammar.type(type, in: "runner")?.schema.name ?? type
            runner["type"] = nil
            return (canonical, defaults.apply(to: runner, type: canonical), false)
        }
        if case .object(var docker)? = p["docker"] {
            // Deprecated DockerOptions: same names as the runner, plus the old spellings.
            if let host = docker.removeValue(forKey: "dockerHost"), docker["host"] == nil { docker["host"] = host }
            if let config = docker.removeValue(forKey: "dockerConfig"), docker["config"] == nil { docker["config"] = config }
            if let image = docker.removeValue(forKey: "image"), p["containerImage"] == nil { docker["$image"] = image }
            return (Self.dockerType, defaults.apply(to: docker, type: Self.dockerType), false)
        }
        if let legacy = JSONConversion.text(p["runner"]) {
            if legacy.uppercased() == "PROCESS" { return (Self.processType, [:], true) }
            return (Self.dockerType, defaults.apply(to: [:], type: Self.dockerType), true)
        }
        return (Self.dockerType, defaults.apply(to: [:], type: Self.dockerType), false)
    }

    private func inputFiles(_ value: JSONValue?) -> [String: JSONValue] {
        switch value {
        case .object(let files)?: return files.mapValues { JSONConversion.planValue(.string(JSONConversion.text($0) ?? "")) }
        case .string(let s)?: return ["$json": .template(s, as: .json)]
        default: return [:]
        }
    }

    /// interpreter + [script] for script tasks; Script tasks of Python and Node write their
    /// script to a file in the working directory and run it.
    private func commandLine(_ p: [String: JSONValue], schema: ObjectSchema, taskId: String, files: inout FileSpec) -> [JSONValue] {
        let interpreter = (ContainerBody.strings(p["interpreter"]) ?? [.string("/bin/sh"), .string("-c")])
        let windows = JSONConversion.text(p["targetOS"])?.uppercased() == "WINDOWS"
        let separator = windows ? "\r\n" : "\n"
        var lines: [String] = []
        if JSONConversion.bool(p["failFast"], default: true) != .bool(false) && !windows { lines.append("set -e") }
        lines += listText(p["beforeCommands"])
        let isScript = schema.name.hasSuffix(".Script")
        if isScript {
            let script = JSONConversion.text(p["script"]) ?? ""
            if schema.name.contains(".python.") {
                let name = "\(taskId).py"
                files.inputFiles[name] = JSONConversion.planValue(.string("true = True\nfalse = False\nnull = None\n" + script))
                lines.append("if [ -n \"$VIRTUAL_ENV\" ]; then \"$VIRTUAL_ENV/bin/python\" \"{{ workingDir }}/\(name)\"; else python \"{{ workingDir }}/\(name)\"; fi")
            } else if schema.name.contains(".node.") {
                let name = "\(taskId).js"
                files.inputFiles[name] = JSONConversion.planValue(.string(script))
                lines.append("node \"{{ workingDir }}/\(name)\"")
            } else {
                lines.append(script)
            }
        } else {
            lines += listText(p["commands"])
        }
        let script = lines.joined(separator: separator)
        return interpreter + [JSONConversion.planValue(.string(script))]
    }

    /// A list property's lines; a property given as one `{{ … }}` expression renders to the
    /// joined lines. Other text is rejected by the checker; it would be kept as one line.
    private func listText(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let items)?: return items.compactMap { JSONConversion.text($0) }
        case .string(let s)?:
            guard TemplateParser.containsTemplate(s), case .success(let template) = TemplateParser().parse(s),
                  let expression = template.loneExpression else { return [s] }
            let body = String(decoding: Array(s.utf8)[expression.range], as: UTF8.self)
            return ["{{ (\(body)) | join('\\n') }}"]
        default: return []
        }
    }

    private func container(runner: [String: JSONValue], p: [String: JSONValue], schema: ObjectSchema, taskId: String, command: [JSONValue],
                           env: [(String, JSONValue)], files: FileSpec, isRun: Bool, warning: JSONValue) -> ContainerSpec {
        let image = JSONConversion.text(p["containerImage"]) ?? JSONConversion.text(runner["$image"]) ?? schema.typeDefaults["containerImage"] ?? "ubuntu"
        var create: [String: JSONValue] = [
            "Image": JSONConversion.planValue(.string(image)),
            "Env": .array(env.map { key, value in
                if let t = value.template { return .template("\(key)=\(t.text)") }
                return .string("\(key)=\(JSONConversion.text(value) ?? "")")
            }),
            "WorkingDir": .template("{{ workingDir }}"),
            "Labels": .object(["kestra.io/flow-id": .string(flowId), "kestra.io/namespace": .string(namespace), "kestra.io/task-id": .string(taskId)]),
            "AttachStdout": .bool(true),
            "AttachStderr": .bool(true),
            "Tty": .bool(false),
        ]
        if !command.isEmpty { create["Cmd"] = .array(command) }
        if let entry = ContainerBody.strings(runner["entryPoint"]) {
            create["Entrypoint"] = .array(entry)
        } else if !isRun {
            create["Entrypoint"] = .array([.string("")])
        }
        if let user = JSONConversion.text(runner["user"]) { create["User"] = JSONConversion.planValue(.string(user)) }
        let strategy = JSONConversion.text(runner["fileHandlingStrategy"])?.uppercased() ?? "VOLUME"
        let mountBinds: [JSONValue] = strategy == "MOUNT" ? [.template("{{ workingDir }}:{{ workingDir }}:rw")] : []
        let (host, exposed) = ContainerBody.hostConfig(runner, extraBinds: mountBinds)
        create["HostConfig"] = .object(host)
        if !exposed.isEmpty { create["ExposedPorts"] = .object(exposed) }
        var credentials: [String: JSONValue]?
        if case .object(let c)? = runner["credentials"] { credentials = c.mapValues { JSONConversion.planValue($0) } }
        let killGrace = JSONConversion.text(runner["killGracePeriod"]).flatMap(ISODuration.seconds) ?? 0
        let volumes = (ContainerBody.strings(runner["volumes"]) ?? []).isEmpty == false
        return ContainerSpec(
            create: .object(create), pullPolicy: JSONConversion.text(runner["pullPolicy"])?.uppercased() ?? "IF_NOT_PRESENT",
            credentials: credentials, config: runner["config"].map { JSONConversion.planValue($0, as: .json) },
            host: runner["host"].map { JSONConversion.planValue($0) }, fileHandlingStrategy: strategy, files: files,
            delete: JSONConversion.bool(runner["delete"], default: true), wait: JSONConversion.bool(runner["wait"] ?? p["wait"], default: true),
            resume: JSONConversion.bool(runner["resume"], default: true), killGracePeriodSeconds: killGrace, warningOnStdErr: warning,
            requiresHostVolumes: volumes, requiresPrivileged: host["Privileged"] == .bool(true) || host["Privileged"]?.template != nil)
    }
}
