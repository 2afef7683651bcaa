import BerthFormats
import BerthExpressions
import BerthPlan
import BerthSchema
import Crypto
import Foundation

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
    /// Where Python dependencies go, on PYTHONPATH (Kestra's folder name).
    static let pythonLibraries = ".kestra_additional_python_lib"

    /// The runner a task ends up with.
    struct Runner {
        var type: String
        var properties: [String: JSONValue]
        /// The deprecated `runner` option turns the output directory on.
        var legacyOutputDirectory = false
        /// Built from the deprecated `docker:` options (or `runner: DOCKER`): no default entrypoint.
        var fromDockerOptions = false
    }

    func lower(_ node: inout PlanNode, schema: ObjectSchema, properties p: [String: JSONValue]) {
        if schema.typeDefaults["legacyScript"] != nil { return lowerLegacy(&node, schema: schema, properties: p) }
        let runner = resolveRunner(p, schema: schema)
        let isRun = schema.name == Self.runType
        let isProcess = runner.type == Self.processType
        let outputDirectory = runner.legacyOutputDirectory || (p["outputDirectory"].map { JSONConversion.bool($0, default: false) } == .bool(true))
        var files = FileSpec(inputFiles: inputFiles(p["inputFiles"]), outputFiles: ContainerBody.strings(p["outputFiles"]) ?? [],
                             outputDirectory: outputDirectory, namespaceFiles: p["namespaceFiles"].map { JSONConversion.planValue($0) })
        var env = Self.environment(p["env"])
        let python = PythonSetup(properties: p, schema: schema, process: isProcess, taskKey: "\(namespace).\(flowId).\(node.id)")
        let command = isRun ? (ContainerBody.strings(p["commands"]) ?? []) : commandLine(p, schema: schema, python: python, files: &files)
        // Plugin variables override the task's own; the runner's WORKING_DIR and OUTPUT_DIR come last.
        env += python.environment(script: schema.name.hasSuffix(".Script"), node: schema.name.contains(".node."))
        env.append(("WORKING_DIR", .template("{{ workingDir }}")))
        if outputDirectory { env.append(("OUTPUT_DIR", .template("{{ outputDir }}"))) }
        if isProcess {
            node.kind = .process
            node.process = ProcessSpec(command: command, env: Dictionary(env, uniquingKeysWith: { $1 }), files: files)
            return
        }
        node.kind = .container
        node.container = container(runner: runner, p: p, schema: schema, taskId: node.id, command: command, env: env, files: files, isRun: isRun)
    }

    /// The task's `env`, sorted by name, values as plan text (templates kept).
    static func environment(_ value: JSONValue?) -> [(String, JSONValue)] {
        guard case .object(let vars)? = value else { return [] }
        return vars.keys.sorted().map { ($0, JSONConversion.planValue(.string(JSONConversion.text(vars[$0]) ?? ""))) }
    }

    /// The runner as Kestra's CommandsWrapper picks it: the deprecated `runner` first (DOCKER
    /// builds a Docker runner from the `docker` options), then a Docker runner — the task's or
    /// the default — is replaced as a whole by one built from `docker` when that is given,
    /// else the task's `taskRunner`. Plugin defaults reach a runner only when it has a `type`.
    private func resolveRunner(_ p: [String: JSONValue], schema: ObjectSchema) -> Runner {
        if schema.name == Self.runType { return Runner(type: Self.dockerType, properties: p) }
        // Groovy Script replaces any runner with a Docker runner as root (for volume ownership).
        if let user = schema.typeDefaults["runnerUser"] { return Runner(type: Self.dockerType, properties: ["user": .string(user)]) }
        var explicit: (type: String, properties: [String: JSONValue])?
        if case .object(var runner)? = p["taskRunner"], let type = JSONConversion.text(runner["type"]) {
            let canonical = grammar.type(type, in: "runner")?.schema.name ?? type
            runner["type"] = nil
            explicit = (canonical, defaults.apply(to: runner, type: type))
        }
        if let legacy = JSONConversion.text(p["runner"]) {
            if legacy.uppercased() == "PROCESS" { return Runner(type: Self.processType, properties: [:], legacyOutputDirectory: true) }
            return Runner(type: Self.dockerType, properties: dockerOptions(p), legacyOutputDirectory: true, fromDockerOptions: p["docker"] != nil)
        }
        if (explicit == nil || explicit?.type == Self.dockerType), p["docker"] != nil {
            return Runner(type: Self.dockerType, properties: dockerOptions(p), fromDockerOptions: true)
        }
        if let explicit { return Runner(type: explicit.type, properties: explicit.properties) }
        return Runner(type: Self.dockerType, properties: [:])
    }

    /// Deprecated DockerOptions as runner properties: same names, plus the old spellings;
    /// its `image` wins over `containerImage`.
    func dockerOptions(_ p: [String: JSONValue]) -> [String: JSONValue] {
        guard case .object(var docker)? = p["docker"] else { return [:] }
        if let host = docker.removeValue(forKey: "dockerHost"), docker["host"] == nil { docker["host"] = host }
        if let config = docker.removeValue(forKey: "dockerConfig"), docker["config"] == nil { docker["config"] = config }
        docker["configPath"] = nil
        if let image = docker.removeValue(forKey: "image") { docker["$image"] = image }
        return docker
    }

    func inputFiles(_ value: JSONValue?) -> [String: JSONValue] {
        switch value {
        case .object(let files)?: return files.mapValues { $0 == .null ? .null : JSONConversion.planValue(.string(JSONConversion.text($0) ?? "")) }
        case .string(let s)?: return ["$json": .template(s, as: .json)]
        default: return [:]
        }
    }

    /// interpreter + [script] for script tasks; Script tasks of Python and Node write their
    /// script to a file in the working directory and run it.
    private func commandLine(_ p: [String: JSONValue], schema: ObjectSchema, python: PythonSetup, files: inout FileSpec) -> [JSONValue] {
        let language = schema.typeDefaults
        let interpreter = ContainerBody.strings(p["interpreter"])
            ?? (language["interpreter"] ?? "/bin/sh -c").split(separator: " ").map { JSONValue.string(String($0)) }
        let windows = JSONConversion.text(p["targetOS"])?.uppercased() == "WINDOWS"
        let separator = windows ? "\r\n" : "\n"
        var lines: [String] = []
        // failFast: `set -e` (PowerShell: its own line; Perl Commands: none); on Windows Kestra
        // puts an empty line where `set -e` would go.
        if JSONConversion.bool(p["failFast"], default: true) != .bool(false) {
            switch language["failFast"] {
            case "none"?: break
            case let line?: lines.append(line)
            case nil: lines.append(windows ? "" : "set -e")
            }
        }
        lines += python.installLines(files: &files)
        if let prelude = language["prelude"], schema.name.hasSuffix(".Script") { lines += prelude.components(separatedBy: "\n") }
        lines += listText(p["beforeCommands"])
        if schema.name.hasSuffix(".Script") {
            let script = JSONConversion.text(p["script"]) ?? ""
            if schema.name.contains(".python.") {
                let name = python.scriptName
                files.inputFiles[name] = JSONConversion.planValue(.string("true = True\nfalse = False\nnull = None\n" + script))
                lines.append(python.runLine(name))
            } else if let runLine = scriptRunLine(p, language: language, python: python, script: script, files: &files) {
                lines.append(runLine)
            } else {
                lines.append(script)
            }
        } else {
            lines += listText(p["commands"])
        }
        let script = lines.joined(separator: separator)
        return interpreter + [JSONConversion.planValue(.string(script))]
    }

    /// A Script task's source written to a file of the working directory, and the line that
    /// runs it (`Rscript {{ workingDir }}/<file>.R`); nil for shell, whose script is the command.
    private func scriptRunLine(_ p: [String: JSONValue], language: [String: String], python: PythonSetup, script: String,
                               files: inout FileSpec) -> String? {
        guard var fileExtension = language["scriptExtension"], let runner = language["scriptRunner"] else { return nil }
        let jbang = runner == "jbang"
        if jbang, let chosen = JSONConversion.text(p["extension"]) { fileExtension = chosen }
        let name = PythonSetup.tempName(python.taskKey, fileExtension)
        files.inputFiles[name] = JSONConversion.planValue(.string(script))
        let path = "{{ workingDir }}/" + (language["scriptPathPrefix"] ?? "") + name
        if runner == "-" { return path }
        if jbang {
            // Kestra joins ["jbang", quiet ? "--quiet" : "", path] with spaces.
            let quiet = JSONConversion.bool(p["quiet"], default: true) != .bool(false)
            return "jbang \(quiet ? "--quiet" : "") \(path)"
        }
        return "\(runner) \(path)"
    }

    /// A list property's lines; a property given as one `{{ … }}` expression renders to the
    /// joined lines. Other text is rejected by the checker; it would be kept as one line.
    static func listText(_ value: JSONValue?) -> [String] {
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

    private func listText(_ value: JSONValue?) -> [String] { Self.listText(value) }

    func container(runner: Runner, p: [String: JSONValue], schema: ObjectSchema, taskId: String, command: [JSONValue],
                           env: [(String, JSONValue)], files: FileSpec, isRun: Bool) -> ContainerSpec {
        let r = runner.properties
        var image = JSONConversion.text(r["$image"]) ?? JSONConversion.text(p["containerImage"]) ?? schema.typeDefaults["containerImage"] ?? "ubuntu"
        if isRun { image = Self.prefixed(image, registry: r["credentials"]?["registry"].flatMap { JSONConversion.text($0) }) }
        // Written as canonical JSON member by member: the body becomes the plan's bytes as is.
        var create = CanonicalWriter.Object()
        create.set("Image", JSONConversion.planValue(.string(image)))
        create.set("Env", .array(env.map { key, value in
            if let t = value.template { return .template("\(key)=\(t.text)") }
            return .string("\(key)=\(JSONConversion.text(value) ?? "")")
        }))
        create.set("WorkingDir", .template("{{ workingDir }}"))
        var labels = CanonicalWriter.Object()
        labels.set("kestra.io/flow-id", .string(flowId))
        labels.set("kestra.io/namespace", .string(namespace))
        labels.set("kestra.io/task-id", .string(taskId))
        create.set("Labels", labels)
        create.set("AttachStdout", .bool(true))
        create.set("AttachStderr", .bool(true))
        create.set("Tty", .bool(false))
        if !command.isEmpty { create.set("Cmd", .array(command)) }
        if let entry = ContainerBody.strings(r["entryPoint"]), !(isRun && entry.isEmpty) {
            create.set("Entrypoint", .array(entry))
        } else if !isRun && !runner.fromDockerOptions {
            // The Docker runner clears the image's entrypoint; docker.Run and the deprecated
            // docker options keep it.
            create.set("Entrypoint", .array([.string("")]))
        }
        if let user = JSONConversion.text(r["user"]) { create.set("User", JSONConversion.planValue(.string(user))) }
        let strategy = JSONConversion.text(r["fileHandlingStrategy"])?.uppercased() ?? "VOLUME"
        let mountBinds: [JSONValue] = strategy == "MOUNT" ? [.template("{{ workingDir }}:{{ workingDir }}:rw")] : []
        let (host, exposed, privileged) = ContainerBody.hostConfig(r, extraBinds: mountBinds)
        create.set("HostConfig", host)
        if !exposed.isEmpty { create.set("ExposedPorts", exposed) }
        var credentials: [String: JSONValue]?
        if case .object(let c)? = r["credentials"] { credentials = c.mapValues { JSONConversion.planValue($0) } }
        let killGrace = JSONConversion.text(r["killGracePeriod"]).flatMap(ISODuration.seconds) ?? 0
        let volumes = (ContainerBody.strings(r["volumes"]) ?? []).isEmpty == false
        let pullText = JSONConversion.text(r["pullPolicy"]) ?? "IF_NOT_PRESENT"
        let pullPolicy: JSONValue = TemplateParser.containsTemplate(pullText) ? .template(pullText) : .string(pullText.uppercased())
        return ContainerSpec(
            create: create.json, pullPolicy: pullPolicy,
            credentials: credentials, config: r["config"].map { JSONConversion.planValue($0, as: .json) },
            host: r["host"].map { JSONConversion.planValue($0) }, fileHandlingStrategy: strategy, files: files,
            delete: JSONConversion.bool(r["delete"], default: true), wait: JSONConversion.bool(r["wait"] ?? p["wait"], default: true),
            resume: JSONConversion.bool(r["resume"], default: true), killGracePeriodSeconds: max(0, killGrace),
            requiresHostVolumes: volumes, requiresPrivileged: privileged == .bool(true) || privileged?.template != nil)
    }

    /// docker.Run puts `credentials.registry` before an image that does not start with it
    /// (Docker Hub names excepted), as plugin-docker does.
    static func prefixed(_ image: String, registry: String?) -> String {
        guard var host = registry?.trimmingCharacters(in: .whitespaces), !host.isEmpty, !TemplateParser.containsTemplate(host) else { return image }
        if let scheme = host.range(of: "://") { host = String(host[scheme.upperBound...]) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        guard !["registry-1.docker.io", "index.docker.io", "docker.io"].contains(host), !image.hasPrefix(host) else { return image }
        return host + "/" + image
    }
}
