import AsyncHTTPClient
import BerthExpressions
import BerthPlan
import Foundation

/// The result of running one attempt of a script task.
struct ScriptResult {
    var state: TaskState
    var exitCode: Int?
    var message: String?
    var vars: ValueMap
    var outputFiles: [String: String]
    var containerId: String?
}

/// One attempt of a container task, Kestra's Docker runner semantics: pull per policy, create
/// with labels, copy the working directory in, attach and register the wait before start,
/// stream lines (the tail included), inspect for OOM, copy files out, delete.
struct ContainerTask: Sendable {
    let engine: DockerEngine
    let spec: ContainerSpec
    let node: PlanNode
    let labels: [String: String]
    let files: WorkingFiles
    let outputDir: String?
    let log: ExecutionLog
    let evaluator: Evaluator
    /// Called with the container id right after create, before anything else (the journal).
    let onCreated: @Sendable (String) -> Void

    func run() async throws -> ScriptResult {
        var create = try Values.render(spec.create, with: evaluator)
        guard case .object(var body) = create, let image = body["Image"]?.stringValue, !image.isEmpty else {
            throw ExecutorError.plan("task \"\(node.id)\" has no image")
        }
        var allLabels: [String: JSONValue] = [:]
        if case .object(let existing)? = body["Labels"] { allLabels = existing }
        for (key, value) in labels { allLabels[key] = .string(key.hasPrefix("kestra.io/") ? Self.labelValue(value) : value) }
        body["Labels"] = .object(allLabels)
        create = .object(body)
        try await ensureImage(image)
        let data = try JSONEncoder().encode(create)
        let (id, warnings) = try await engine.create(body: [UInt8](data))
        onCreated(id)
        for warning in warnings { log.task(node.id, .warn, "engine: \(warning)") }
        return try await guarded(id) { try await runCreated(id) }
    }

    /// Picks up the container of an attempt that was running when berth stopped: replays its
    /// output, waits for it (or reads its exit code), collects files — without creating another.
    func reattach(_ id: String) async throws -> ScriptResult {
        let inspect: [String: Any]
        do {
            inspect = try await engine.inspect(id)
        } catch ExecutorError.api(404, _, _) {
            throw ExecutorError.engine("container \(id.prefix(12)) of this attempt no longer exists; its result is lost")
        }
        let running = ((inspect["State"] as? [String: Any])?["Running"] as? Bool) ?? false
        let recordedExit = ((inspect["State"] as? [String: Any])?["ExitCode"] as? Int) ?? -1
        log.task(node.id, .info, "reattaching to container \(id.prefix(12)) (\(running ? "running" : "exited"))")
        return try await guarded(id) {
            if running {
                let attach = try await engine.openAttach(id, replay: true)
                let wait = try await engine.openWait(id, condition: "not-running")
                let lines = try await stream(attach)
                return try await complete(id, exitCode: try await DockerEngine.exitCode(of: wait), lines: lines)
            }
            let lines = try await stream(try await engine.openLogs(id))
            return try await complete(id, exitCode: recordedExit, lines: lines)
        }
    }

    /// On failure or cancellation: stop the container (honouring killGracePeriod) and delete it
    /// per the policy.
    private func guarded(_ id: String, _ body: @escaping @Sendable () async throws -> ScriptResult) async throws -> ScriptResult {
        // The container's lifecycle runs in a task a stop request does not cancel: a stop asks
        // the container to end (within killGracePeriod) and the output is still read to the end.
        let work = Task.detached { try await body() }
        do {
            var result = try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                let engine = self.engine, grace = spec.killGracePeriodSeconds
                Task.detached { try? await engine.stop(id, graceSeconds: grace) }
            }
            if Task.isCancelled {
                result.state = .killed
                result.message = "stopped" + (spec.killGracePeriodSeconds > 0 ? " (grace period \(Int(spec.killGracePeriodSeconds)) s)" : "")
            }
            return result
        } catch {
            let grace = Task.isCancelled ? spec.killGracePeriodSeconds : 0
            try? await Task.detached { [engine] in try await engine.stop(id, graceSeconds: grace) }.value
            if JSONValue.bool(true) == (try? Values.render(spec.delete, with: evaluator)) {
                _ = try? await Task.detached { [engine] in try await engine.remove(id) }.value
            }
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Label values as Kestra writes them: at most 63 characters, no trailing `-`, `.`, `_`.
    static func labelValue(_ value: String) -> String {
        var cut = String(value.prefix(63))
        while let last = cut.last, "-._".contains(last) { cut.removeLast() }
        return cut
    }

    private func ensureImage(_ image: String) async throws {
        switch spec.pullPolicy {
        case "NEVER":
            guard try await engine.imageExists(image) else {
                throw ExecutorError.plan("image \(image) is not present and the pull policy is NEVER")
            }
        case "ALWAYS":
            try await pull(image)
        default:
            if try await !engine.imageExists(image) { try await pull(image) }
        }
    }

    /// One line per image pulled (start and result), as the terminal shows it.
    private func pull(_ image: String) async throws {
        log.system(.info, "pulling \(image) for \(node.id)…")
        let start = Date()
        try await engine.pull(image, registryAuth: try registryAuth(image))
        log.system(.info, "pulled \(image) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }

    /// `X-Registry-Auth` from the task's credentials, rendered at run time (base64url JSON).
    private func registryAuth(_ image: String) throws -> String? {
        guard let credentials = spec.credentials else { return RegistryCredentials.fromDockerConfig(image: image, log: log) }
        var rendered: [String: String] = [:]
        for (key, value) in credentials {
            if case .string(let s) = try Values.render(value, with: evaluator) { rendered[key] = s }
        }
        for key in ["password", "auth", "registryToken", "identityToken"] { if let v = rendered[key] { log.mask([v]) } }
        let registry = rendered["registry"] ?? RegistryCredentials.registryHost(of: image)
        var auth: [String: String] = ["serveraddress": registry]
        if let username = rendered["username"] { auth["username"] = username }
        if let password = rendered["password"] { auth["password"] = password }
        if let token = rendered["identityToken"] { auth["identitytoken"] = token }
        if let token = rendered["registryToken"] { auth["registrytoken"] = token }
        if let basic = rendered["auth"] { auth["auth"] = basic }
        return RegistryCredentials.header(auth)
    }

    private func runCreated(_ id: String) async throws -> ScriptResult {
        // The working directory goes in when it has files, an output directory, or a non-root
        // user who must be able to write it (the daemon creates it root-owned, 0755).
        let user = (try? Values.render(spec.create, with: evaluator))?["User"]?.stringValue ?? ""
        if !files.allFiles().isEmpty || outputDir != nil || !(user.isEmpty || user == "0" || user.hasPrefix("root") || user.hasPrefix("0:")) {
            try await engine.putArchive(id, path: "/", tar: try workingDirectoryArchive())
        }
        if (try Values.render(spec.wait, with: evaluator)) == .bool(false) {
            // wait: false — start and return with the container id; nothing is streamed or deleted.
            try await engine.start(id)
            log.task(node.id, .info, "started container \(id.prefix(12)) without waiting (wait: false)")
            return ScriptResult(state: .success, exitCode: 0, message: nil, vars: ValueMap(), outputFiles: [:], containerId: id)
        }
        let attach = try await engine.openAttach(id, replay: false)
        let wait = try await engine.openWait(id, condition: "next-exit")
        try await engine.start(id)
        let lines = try await stream(attach)
        return try await complete(id, exitCode: try await DockerEngine.exitCode(of: wait), lines: lines)
    }

    struct StreamResult {
        var vars: ValueMap
        var stderrLines: Int
    }

    /// Reads a multiplexed stream to EOF, logging lines and reading the outputs protocol.
    private func stream(_ response: HTTPClientResponse) async throws -> StreamResult {
        var protocolState = OutputProtocol()
        var stderrLines = 0
        var decoder = FrameDecoder()
        var splitters: [FrameDecoder.Stream: LineSplitter] = [.stdout: LineSplitter(), .stderr: LineSplitter()]
        func emit(_ stream: FrameDecoder.Stream, _ line: String) {
            if stream == .stderr { stderrLines += 1 }
            switch protocolState.handle(line) {
            case .log(let text): log.task(node.id, stream == .stderr ? .error : .info, text)
            case .consumed(let logs): for (level, message) in logs { log.task(node.id, ExecutionLog.Level(rawValue: level.uppercased()) ?? .info, message) }
            case .malformed(let warning): log.task(node.id, .warn, warning)
            }
        }
        // Read until EOF: the attach stream closes after the container's output is complete.
        for try await chunk in response.body {
            for (stream, payload) in try decoder.feed(chunk.readableBytesView) {
                if stream == .system { log.task(node.id, .error, "engine: \(String(decoding: payload, as: UTF8.self))"); continue }
                for line in splitters[stream]!.feed(payload) { emit(stream, line) }
            }
        }
        for stream in [FrameDecoder.Stream.stdout, .stderr] { if let tail = splitters[stream]!.flush() { emit(stream, tail) } }
        return StreamResult(vars: protocolState.outputs, stderrLines: stderrLines)
    }

    /// After the exit: OOM, files out, delete, the state.
    private func complete(_ id: String, exitCode: Int, lines: StreamResult) async throws -> ScriptResult {
        let workingDir = files.directory.path
        let stderrLines = lines.stderrLines
        let inspect = try await engine.inspect(id)
        let oomKilled = ((inspect["State"] as? [String: Any])?["OOMKilled"] as? Bool) ?? false
        // Copy files out only when outputs are declared (as Kestra does since #17311).
        if !spec.files.outputFiles.isEmpty || outputDir != nil, let archive = try await engine.getArchive(id, path: workingDir) {
            try extract(archive)
        }
        let outputFiles = try files.collectOutputs(globs: spec.files.outputFiles, outputDir: outputDir, taskId: node.id)
        if JSONValue.bool(true) == (try Values.render(spec.delete, with: evaluator)) { try await engine.remove(id) }
        var state: TaskState = .success
        var message: String?
        if exitCode != 0 {
            state = .failed
            message = "exit code \(exitCode)"
            if oomKilled {
                let limit = ((inspect["HostConfig"] as? [String: Any])?["Memory"] as? Int).map { " (limit \(Self.size($0)))" } ?? ""
                message = "exit code \(exitCode), killed: out of memory\(limit)"
            }
        } else if stderrLines > 0, (try Values.render(spec.warningOnStdErr, with: evaluator)) == .bool(true) {
            state = .warning
        }
        return ScriptResult(state: state, exitCode: exitCode, message: message, vars: lines.vars, outputFiles: outputFiles, containerId: id)
    }

    static func size(_ bytes: Int) -> String {
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30)GB" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20)MB" }
        return "\(bytes) bytes"
    }

    /// The working directory as a tar rooted at `/`: parent directories, the directory itself
    /// world-writable (so a non-root `user` can write outputs), and its files with their modes.
    private func workingDirectoryArchive() throws -> [UInt8] {
        var entries: [Tar.Entry] = []
        let components = files.directory.standardizedFileURL.path.split(separator: "/").map(String.init)
        for i in 1..<components.count { entries.append(Tar.Entry(path: components[0..<i].joined(separator: "/"), kind: .directory, mode: 0o755, data: [])) }
        let root = components.joined(separator: "/")
        entries.append(Tar.Entry(path: root, kind: .directory, mode: 0o777, data: []))
        let fm = FileManager.default
        for relative in files.allFiles() {
            let url = files.directory.appendingPathComponent(relative)
            let parts = relative.split(separator: "/").dropLast()
            for i in 0..<parts.count { entries.append(Tar.Entry(path: root + "/" + parts[0...i].joined(separator: "/"), kind: .directory, mode: 0o777, data: [])) }
            let mode = ((try? fm.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int) ?? 0o644
            entries.append(Tar.Entry(path: root + "/" + relative, kind: .file, mode: mode | 0o666, data: [UInt8](try Data(contentsOf: url))))
        }
        if let outputDir {
            entries.append(Tar.Entry(path: root + "/" + outputDir, kind: .directory, mode: 0o777, data: []))
        }
        return Tar.archive(entries)
    }

    /// Extracts the copied-out working directory (already checked by Tar.read).
    private func extract(_ archive: [UInt8]) throws {
        let fm = FileManager.default
        for entry in try Tar.read(archive, stripFirst: true) {
            let target = files.directory.appendingPathComponent(entry.path)
            switch entry.kind {
            case .directory:
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
            case .file:
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try Data(entry.data).write(to: target)
                try? fm.setAttributes([.posixPermissions: entry.mode & 0o777], ofItemAtPath: target.path)
            case .symlink(let destination):
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? fm.destinationOfSymbolicLink(atPath: target.path)) != nil || fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
            }
        }
    }
}
