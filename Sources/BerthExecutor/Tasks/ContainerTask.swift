import BerthEngine
import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

/// One attempt of a container task with Kestra's Docker runner semantics: pull per policy,
/// create with the `kestra.io/*` labels, copy the working directory in, attach and register
/// the wait before start, stream lines, inspect for OOM, copy the working directory back
/// (also after a failure), delete.
struct ContainerTask: Sendable {
    let runner: PlanRunner
    let node: PlanNode
    let spec: ContainerSpec
    let files: WorkingFiles
    let outputDir: String?
    let evaluator: Evaluator
    let engine: any ContainerEngine
    let run: TaskRunContext
    let attempt: Int
    let key: String
    var log: ExecutionLog { runner.log }

    init(runner: PlanRunner, node: PlanNode, spec: ContainerSpec, files: WorkingFiles, outputDir: String?, evaluator: Evaluator,
         run: TaskRunContext, attempt: Int, key: String) async throws(ExecutorError) {
        self.runner = runner
        self.node = node
        self.spec = spec
        self.files = files
        self.outputDir = outputDir
        self.evaluator = evaluator
        self.run = run
        self.attempt = attempt
        self.key = key
        var host: String?
        if let value = spec.host {
            let rendered = try Values.text(value, with: evaluator)
            host = rendered.isEmpty ? nil : rendered
        }
        do { engine = try runner.engines.engine(host: host) } catch { throw ExecutorError.engine(error) }
        if host != nil {
            do { try await engine.ping() } catch { throw ExecutorError.from(error) }
        }
    }

    /// Runs the attempt; with `reattaching`, picks up that container instead of creating one.
    func run(reattaching container: String?) async throws(ExecutorError) -> ScriptResult {
        if let container {
            if try Values.render(spec.resume, with: evaluator) == .bool(false) {
                // resume: false — the container of the interrupted attempt is not picked up again.
                log.task(node.id, .info, "resume is false: removing container \(container.prefix(12)) of the interrupted attempt and starting a new one")
                try? await engine.remove(container)
            } else if let result = try await reattach(container) {
                return result
            }
        }
        try await removeOrphans()
        let request = try containerRequest()
        try await ImagePuller(engine: engine, log: log, taskId: node.id, backoff: runner.pullBackoff, key: key, attempt: attempt, runner: runner)
            .ensure(request.image, policy: try pullPolicy(), auth: { () throws(ExecutorError) in try registryAuth(request.image) })
        let created = try await onceMore("create the container") { try await engine.create(request) }
        var record = JournalRecord(kind: .containerCreated, key: key)
        record.attempt = attempt
        record.taskrunId = run.id
        record.containerId = created.id
        guard runner.record(record) else {
            // Without its record a resume would not know this container: take it away again.
            try? await engine.remove(created.id)
            throw runner.control.fatal ?? ExecutorError.journal("the journal could not be written")
        }
        for warning in created.warnings { log.task(node.id, .warn, "engine: \(warning)") }
        return try await guarded(created.id) { () throws(ExecutorError) in try await self.startAndFollow(created.id, user: request.user) }
    }

    /// An engine call tried a second time after a transient failure (a server error): the
    /// flow's own retry is for the task, not for the engine.
    private func onceMore<T: Sendable>(_ what: String, _ call: () async throws -> T) async throws(ExecutorError) -> T {
        do {
            return try await call()
        } catch let error as EngineError where (error.status ?? 0) >= 500 {
            log.task(node.id, .warn, "\(error); trying to \(what) once more")
            do {
                try await SafeSleep.sleep(seconds: 1)
                return try await call()
            } catch {
                throw ExecutorError.from(error)
            }
        } catch {
            throw ExecutorError.from(error)
        }
    }

    /// A container created for this attempt whose record never reached the journal (berth
    /// died between the two): it never started, so it is removed before a new one is made.
    private func removeOrphans() async throws(ExecutorError) {
        guard runner.recovery.started[key] != nil else { return }
        let labels = ["kestra.io/execution-id=\(runner.executionId)", "kestra.io/taskrun-id=\(Labels.normalize(run.id))", "berth.attempt=\(attempt)"]
        let found: [ContainerSummary]
        do { found = try await engine.containers(labels: labels) } catch { throw ExecutorError.from(error) }
        for orphan in found {
            log.task(node.id, .info, "removing container \(orphan.id.prefix(12)), created for this attempt before berth stopped and never started")
            try? await engine.remove(orphan.id)
        }
    }

    /// The plan's create body rendered, storage URIs in the command localised, as a typed request.
    private func containerRequest() throws(ExecutorError) -> ContainerCreateRequest {
        var body = try Values.render(spec.create.value, with: evaluator)
        if case .object(var object) = body, case .array(let cmd)? = object["Cmd"] {
            var localized: [JSONValue] = []
            for part in cmd {
                guard case .string(let text) = part else { localized.append(part); continue }
                localized.append(.string(try files.localizeStorageURIs(in: text, storage: runner.storage)))
            }
            object["Cmd"] = .array(localized)
            body = .object(object)
        }
        var request = try CreateBody.decode(body, taskId: node.id)
        guard !request.image.isEmpty else { throw ExecutorError.task("task \"\(node.id)\" has no image") }
        var labels = request.labels ?? [:]
        for (key, value) in labels where key.hasPrefix("kestra.io/") { labels[key] = Labels.normalize(value) }
        let attemptsCount = String(run.attemptsCount)
        let own: [String: String] = [
            "kestra.io/execution-id": runner.executionId, "kestra.io/taskrun-id": run.id, "kestra.io/taskrun-attempt": attemptsCount,
            "berth.runner": "berth", "berth.state": runner.options.stateDirectory.path, "berth.attempt": String(attempt),
        ]
        for (key, value) in own { labels[key] = key.hasPrefix("kestra.io/") ? Labels.normalize(value) : value }
        request.labels = labels
        return request
    }

    private func pullPolicy() throws(ExecutorError) -> String {
        let policy = try Values.text(spec.pullPolicy, with: evaluator)
        guard ["IF_NOT_PRESENT", "ALWAYS", "NEVER"].contains(policy) else {
            throw ExecutorError.task("pullPolicy must be IF_NOT_PRESENT, ALWAYS or NEVER, not \"\(policy)\"")
        }
        return policy
    }

    private func registryAuth(_ image: String) throws(ExecutorError) -> RegistryAuth? {
        try RegistryAuthResolver(masker: runner.masker, environment: runner.options.environment)
            .auth(for: image, credentials: spec.credentials, config: spec.config, evaluator: evaluator)
    }

    /// Picks up the container of an attempt that was running when berth stopped: replays its
    /// output, waits for it (or reads its exit code), collects files — without creating another.
    /// Nil when the attempt must start afresh: its container never started, or it was stopped
    /// by the engine going down (not by the task).
    private func reattach(_ id: String) async throws(ExecutorError) -> ScriptResult? {
        let inspection: ContainerInspection
        do {
            inspection = try await engine.inspect(id)
        } catch let error as EngineError where error.status == 404 {
            // A Swarm service exists only once started: the journal says whether it was.
            if runner.recovery.containers[key]?.started == false {
                log.task(node.id, .info, "container \(id.prefix(12)) of this attempt was never started; starting the attempt afresh")
                return nil
            }
            throw ExecutorError.task("container \(id.prefix(12)) of this attempt no longer exists; its result is lost")
        } catch {
            throw ExecutorError.from(error)
        }
        if inspection.state.status == "created" {
            log.task(node.id, .info, "container \(id.prefix(12)) was created but never started; starting the attempt afresh")
            try? await engine.remove(id)
            return nil
        }
        if stoppedWithTheEngine(inspection) {
            log.task(node.id, .warn, "container \(id.prefix(12)) was stopped when the engine went down (exit code \(inspection.state.exitCode)); running the attempt again")
            try? await engine.remove(id)
            return nil
        }
        let running = inspection.state.running
        log.task(node.id, .info, "reattaching to container \(id.prefix(12)) (\(running ? "running" : "exited"))")
        return try await guarded(id) { () throws(ExecutorError) in
            do {
                if running {
                    let output = try await engine.attach(id, replay: true)
                    let wait = try await engine.wait(id, condition: .notRunning)
                    let streamed = try await stream(output)
                    return try await complete(id, exitCode: try await wait.exitCode(), streamed: streamed)
                }
                let streamed = try await stream(try await engine.logs(id))
                return try await complete(id, exitCode: inspection.state.exitCode, streamed: streamed)
            } catch {
                throw ExecutorError.from(error)
            }
        }
    }

    /// A container of the attempt that was in flight when berth recorded the engine lost, ended
    /// by a signal (not out of memory): a daemon without live-restore stops its containers when
    /// it shuts down, so the attempt did not end of its own accord.
    private func stoppedWithTheEngine(_ inspection: ContainerInspection) -> Bool {
        guard !inspection.state.running, inspection.state.exitCode >= 128, !inspection.state.oomKilled,
              let lost = runner.recovery.interruptedAt, let started = runner.recovery.containerCreatedAt[key] else { return false }
        return lost > started && (inspection.state.finishedAt.map { $0 > started } ?? true)
    }

    /// Copies the working directory in, then attach and wait before start, so no output and
    /// no exit is missed.
    private func startAndFollow(_ id: String, user: String?) async throws(ExecutorError) -> ScriptResult {
        do {
            // VOLUME: the working directory goes in when it has files, an output directory, or a
            // non-root user who must be able to write it (the daemon creates it root-owned, 0755).
            // MOUNT binds the host directory itself: nothing is copied, as in Kestra.
            let user = user ?? ""
            let nonRoot = !(user.isEmpty || user == "0" || user.hasPrefix("root") || user.hasPrefix("0:"))
            if spec.fileHandlingStrategy != "MOUNT" && (!files.allFiles().isEmpty || outputDir != nil || nonRoot) {
                try await engine.putArchive(id, path: "/", tar: try files.archive(outputDir: outputDir))
            }
            if try Values.render(spec.wait, with: evaluator) == .bool(false) {
                // wait: false — start and return with the container id; nothing is streamed or deleted.
                try await engine.start(id)
                log.task(node.id, .info, "started container \(id.prefix(12)) without waiting (wait: false)")
                return ScriptResult(state: .success, exitCode: 0, message: nil, vars: ValueMap(), containerId: id)
            }
            let output = try await engine.attach(id, replay: false)
            let wait = try await engine.wait(id, condition: .nextExit)
            try await onceMore("start the container") { try await engine.start(id) }
            mark(.containerStarted, id)
            let streamed = try await stream(output)
            let exitCode = try await wait.exitCode()
            mark(.containerExited, id, exitCode: exitCode)
            return try await complete(id, exitCode: exitCode, streamed: streamed)
        } catch {
            throw ExecutorError.from(error)
        }
    }

    /// A mark on the report's timeline. A journal that cannot be written stops the execution
    /// through `record` (the attempt then ends as interrupted on its next step).
    private func mark(_ kind: JournalRecord.Kind, _ id: String, exitCode: Int? = nil) {
        var record = JournalRecord(kind: kind, key: key)
        record.attempt = attempt
        record.containerId = id
        record.exitCode = exitCode
        _ = runner.record(record)
    }

    /// Reads the output to its end, logging lines and reading the output protocol.
    private func stream(_ output: ContainerOutput) async throws -> (vars: ValueMap, metrics: [MetricEntry]) {
        let collector = LineCollector(taskId: node.id, log: log, dropBlankLines: true)
        for try await chunk in output { collector.feed(chunk.stream, chunk.bytes) }
        return collector.finish()
    }

    /// After the exit: OOM, the working directory back, delete, the state.
    private func complete(_ id: String, exitCode: Int, streamed: (vars: ValueMap, metrics: [MetricEntry])) async throws -> ScriptResult {
        let inspection = try await engine.inspect(id)
        if exitCode >= 128, !inspection.state.oomKilled, !Task.isCancelled { try await confirmTheEngineStaysUp() }
        if spec.fileHandlingStrategy != "MOUNT" {
            // Kestra copies the whole working directory back after every exit, so files reach
            // later tasks of a WorkingDirectory; a failure matters only when outputs are declared.
            do {
                if let archive = try await engine.getArchive(id, path: files.directory.path, limit: 1 << 30) {
                    try files.extract(archive) { log.task(node.id, .warn, $0) }
                }
            } catch {
                let failure = ExecutorError.from(error)
                if failure.stopsTheExecution || !spec.files.outputFiles.isEmpty || outputDir != nil { throw failure }
                log.task(node.id, .warn, "could not copy the working directory back: \(failure)")
            }
        }
        if try Values.render(spec.delete, with: evaluator) == .bool(true) { try await engine.remove(id) }
        var state: TaskState = .success
        var message: String?
        if exitCode != 0 {
            state = .failed
            message = "Command failed with exit code \(exitCode)"
            if inspection.state.oomKilled {
                let limit = inspection.hostConfig.memory.flatMap { $0 > 0 ? " (limit \(Self.size($0)))" : nil } ?? ""
                message = "Command failed with exit code \(exitCode), killed: out of memory\(limit)"
            }
        }
        return ScriptResult(state: state, exitCode: exitCode, message: message, vars: streamed.vars, metrics: streamed.metrics, containerId: id)
    }

    /// A container killed by a signal berth did not send may have been stopped by a daemon
    /// shutting down (it stops its containers, then closes its API): if the engine is gone a
    /// moment later, the execution is interrupted rather than the task failed.
    private func confirmTheEngineStaysUp() async throws {
        try await SafeSleep.sleep(seconds: 2)
        try await engine.ping()
    }

    static func size(_ bytes: Int64) -> String {
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30)GB" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20)MB" }
        return "\(bytes) bytes"
    }

    /// On cancellation (a stop request or a timeout) the container is stopped honouring
    /// killGracePeriod and its output is still read to the end; when the execution is aborted
    /// (berth cannot go on) it is left running for a resume. On a failure it is stopped and
    /// deleted per the policy.
    private func guarded(_ id: String, _ body: @escaping @Sendable () async throws(ExecutorError) -> ScriptResult) async throws(ExecutorError) -> ScriptResult {
        // The container's lifecycle runs in a task a stop request does not cancel.
        let work = Task.detached { () async throws -> ScriptResult in try await body() }
        let engine = self.engine, grace = spec.killGracePeriodSeconds, control = runner.control
        do {
            var result = try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                Task.detached {
                    if control.leavesContainers { return }
                    try? await engine.stop(id, graceSeconds: grace)
                }
            }
            if Task.isCancelled && !control.leavesContainers {
                result.state = .killed
                result.message = "stopped" + (grace > 0 ? " (grace period \(DurationText.hms(grace)))" : "")
            }
            return result
        } catch {
            let failure = ExecutorError.from(error)
            if failure.stopsTheExecution {
                runner.abort(failure)
                throw failure
            }
            if control.leavesContainers { throw failure }
            let stopGrace = Task.isCancelled ? grace : 0
            try? await Task.detached { try await engine.stop(id, graceSeconds: stopGrace) }.value
            if (try? Values.render(spec.delete, with: evaluator)) == .bool(true) {
                _ = try? await Task.detached { try await engine.remove(id) }.value
            }
            throw failure
        }
    }
}
