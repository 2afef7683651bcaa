import BerthExpressions
import BerthPlan
import Foundation

/// How to run a plan.
public struct RunOptions: Sendable {
    /// Where executions keep working directories and output files (`.berth/` by default).
    public var stateDirectory: URL
    /// Input values as given (`--input key=value`), typed against the declarations.
    public var inputs: [String: String]
    /// Operator permissions a flow cannot grant itself.
    public var allowHostVolumes: Bool
    public var allowPrivileged: Bool
    /// The environment secrets and `envs` come from.
    public var environment: [String: String]

    public init(stateDirectory: URL, inputs: [String: String] = [:], allowHostVolumes: Bool = false, allowPrivileged: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.stateDirectory = stateDirectory
        self.inputs = inputs
        self.allowHostVolumes = allowHostVolumes
        self.allowPrivileged = allowPrivileged
        self.environment = environment
    }
}

/// The outcome of an execution (`--json` prints it).
public struct ExecutionResult: Codable, Sendable {
    public var executionId: String
    public var flow: String
    public var state: TaskState
    public var durationSeconds: Double
    public var tasks: [TaskRunSummary]
    public var outputs: JSONValue
}

/// Runs a plan: Kestra's flow semantics over container, process and internal tasks.
public final class PlanRunner: @unchecked Sendable {
    let plan: Plan
    let engine: DockerEngine?
    let options: RunOptions
    let log: ExecutionLog
    let state = ExecutionState()
    public let executionId: String
    let inputs: ValueMap
    let startDate = Date()
    let executionDirectory: URL
    let journal: Journal
    let recovered: Journal.Recovered
    let givenInputs: [String: String]
    let engines = EngineCache()

    public init(plan: Plan, engine: DockerEngine?, options: RunOptions, log: ExecutionLog) throws {
        try Self.refuseOperatorSettings(plan.tasks + plan.errors + plan.finally + plan.afterExecution, options)
        self.plan = plan
        self.engine = engine
        self.options = options
        self.log = log
        self.executionId = PlanRunner.newId()
        self.givenInputs = options.inputs
        self.inputs = try InputValues.resolve(plan.inputs, given: options.inputs)
        self.executionDirectory = options.stateDirectory.standardizedFileURL.appendingPathComponent("executions/\(executionId)")
        self.journal = try Journal(directory: executionDirectory)
        self.recovered = Journal.Recovered()
        try plan.encoded().write(to: executionDirectory.appendingPathComponent("plan.json"), options: .atomic)
    }

    /// Continues an execution after berth died: finished tasks are not run again, containers of
    /// unfinished attempts are reattached by id (never created twice), then the flow goes on.
    public init(resuming executionId: String, engine: DockerEngine?, options: RunOptions, log: ExecutionLog) throws {
        let directory = options.stateDirectory.standardizedFileURL.appendingPathComponent("executions/\(executionId)")
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("journal.jsonl").path) else {
            throw ExecutorError.plan("no execution \(executionId) under \(options.stateDirectory.path)")
        }
        let records = try Journal.load(directory)
        if let end = records.last(where: { $0.kind == .executionFinished }) {
            throw ExecutorError.plan("execution \(executionId) already ended \(end.state ?? "")")
        }
        let plan = try Plan.decode(Data(contentsOf: directory.appendingPathComponent("plan.json")))
        try Self.refuseOperatorSettings(plan.tasks + plan.errors + plan.finally + plan.afterExecution, options)
        self.plan = plan
        self.engine = engine
        self.options = options
        self.log = log
        self.executionId = executionId
        self.recovered = Journal.recover(records)
        self.givenInputs = recovered.inputs
        self.inputs = try InputValues.resolve(plan.inputs, given: recovered.inputs)
        self.executionDirectory = directory
        self.journal = try Journal(directory: directory)
    }

    /// The once-per-run checks before any container starts (see ``Preflight``).
    public func preflight(_ engine: DockerEngine) async throws {
        try await Preflight.check(plan, engine: engine, environment: options.environment)
    }

    /// The engine for a task's `host` (the default one when none is given), created once per host.
    func engine(for spec: ContainerSpec, _ evaluator: Evaluator) throws -> DockerEngine? {
        guard let hostValue = spec.host, case .string(let host) = try Values.render(hostValue, with: evaluator), !host.isEmpty else { return engine }
        return try engines.engine(for: host, environment: options.environment)
    }

    /// Kills every container of this execution at once (a second Ctrl-C).
    public func killAll() async {
        guard let engine else { return }
        let containers = (try? await engine.containers(labels: ["kestra.io/execution-id=\(executionId)"])) ?? []
        for container in containers {
            if let id = container["Id"] as? String { try? await engine.stop(id, graceSeconds: 0) }
        }
    }

    static func newId() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return String((0..<22).map { _ in alphabet.randomElement()! })
    }

    /// Host volumes and privileged mode need the operator's permission (never the flow's).
    static func refuseOperatorSettings(_ nodes: [PlanNode], _ options: RunOptions) throws {
        for node in nodes {
            if let c = node.container {
                if c.requiresHostVolumes && !options.allowHostVolumes {
                    throw ExecutorError.plan("task \"\(node.id)\" (line \(node.source.line)) binds host volumes; the operator must allow them with --allow-volumes")
                }
                if c.requiresPrivileged && !options.allowPrivileged {
                    throw ExecutorError.plan("task \"\(node.id)\" (line \(node.source.line)) asks for a privileged container; the operator must allow it with --allow-privileged")
                }
            }
            try refuseOperatorSettings(node.children.values.flatMap { $0 } + node.errors + node.finally, options)
        }
    }

    /// Runs the flow's tasks, then `errors` if they failed, then `finally` and `afterExecution`.
    public func run() async -> ExecutionResult {
        log.system(.info, "execution \(executionId) of \(plan.flow.namespace).\(plan.flow.id) \(recovered.started.isEmpty ? "started" : "resumed")")
        var started = JournalRecord(kind: .executionStarted)
        started.flow = "\(plan.flow.namespace).\(plan.flow.id)"
        started.pid = getpid()
        started.outputs = .object(givenInputs.mapValues { .string($0) })
        journal.append(started)
        var final = await runList(plan.tasks, scope: Scope())
        let cancelled = Task.isCancelled
        if cancelled { final = .killed }
        // Handlers run even after a stop request (in a task the stop does not cancel).
        let plan = self.plan
        if final.isFailure && !plan.errors.isEmpty && !cancelled {
            _ = await Task.detached { await self.runList(plan.errors, scope: Scope()) }.value
        }
        let finallyState = await Task.detached { await self.runList(plan.finally, scope: Scope()) }.value
        if finallyState.isFailure && !final.isFailure { final = .failed }
        if !cancelled { _ = await runList(plan.afterExecution, scope: Scope()) }
        var finished = JournalRecord(kind: .executionFinished)
        finished.state = final.rawValue
        journal.append(finished)
        let outputs = await flowOutputs()
        let runs = await state.runs
        log.system(final.isFailure ? .error : .info, "execution \(executionId) ended \(final.rawValue)")
        return ExecutionResult(executionId: executionId, flow: "\(plan.flow.namespace).\(plan.flow.id)", state: final,
                               durationSeconds: Date().timeIntervalSince(startDate), tasks: runs, outputs: outputs)
    }

    /// Where a node runs: loop values, and a shared working directory (WorkingDirectory).
    struct Scope {
        var loopValues: [Value] = []
        var sharedDirectory: URL?
        var value: Value? { loopValues.last }
        var valueKey: String? { loopValues.isEmpty ? nil : loopValues.map { TemplateText.render($0) }.joined(separator: "/") }
    }

    func evaluator(task: PlanNode?, scope: Scope, extra: [(String, Value)] = []) async -> Evaluator {
        var variables = ValueMap([
            ("flow", .object([("id", .string(plan.flow.id)), ("namespace", .string(plan.flow.namespace)),
                              ("revision", plan.flow.revision.map { .int(Int64($0)) } ?? .null)])),
            ("execution", .object([("id", .string(executionId)), ("startDate", .date(startDate, TimeZone(identifier: "UTC")!))])),
            ("inputs", .map(inputs)),
            ("outputs", .map(await state.outputs)),
            ("tasks", .map(await state.taskStates)),
            ("vars", Values.value(.object(plan.variables))),
            ("labels", .map(ValueMap(plan.labels.keys.sorted().map { ($0, .string(plan.labels[$0]!)) }))),
            ("envs", .map(ValueMap(options.environment.filter { $0.key.hasPrefix("ENV_") }.map { (String($0.key.dropFirst(4)).lowercased(), Value.string($0.value)) }.sorted { $0.0 < $1.0 }))),
        ])
        if let task {
            var taskrun: [(String, Value)] = [("id", .string(task.id)), ("startDate", .date(Date(), TimeZone(identifier: "UTC")!))]
            if let value = scope.value { taskrun.append(("value", value)) }
            variables["task"] = .object([("id", .string(task.id)), ("type", .string(task.type))])
            variables["taskrun"] = .object(taskrun)
            if !scope.loopValues.isEmpty {
                let parents = scope.loopValues.reversed().map { Value.object([("taskrun", .object([("value", $0)]))]) }
                variables["parents"] = .list(parents)
                variables["parent"] = parents.first
            }
        }
        for (key, value) in extra { variables[key] = value }
        let context = EvaluationContext(variables: variables, secret: EvaluationContext.environmentSecrets(options.environment))
        return Evaluator(context: context)
    }

    /// Renders and records what a template revealed (secrets are masked from then on).
    func render(_ value: JSONValue, _ evaluator: Evaluator) throws -> JSONValue {
        let result = try Values.render(value, with: evaluator)
        log.mask(evaluator.revealedSecrets)
        return result
    }

    // MARK: lists

    /// Sequential: stops at the first failure that is not allowed.
    func runList(_ nodes: [PlanNode], scope: Scope) async -> TaskState {
        var worst: TaskState = .success
        for node in nodes {
            if Task.isCancelled { return .killed }
            let result = await runNode(node, scope: scope)
            if result.isFailure { return result }
            if result == .warning { worst = .warning }
        }
        return worst
    }

    /// Parallel with a concurrency limit (0 = no limit).
    func runConcurrently(_ nodes: [PlanNode], limit: Int, scopes: [Scope]? = nil, scope: Scope) async -> TaskState {
        let width = limit <= 0 ? max(1, nodes.count) : limit
        return await withTaskGroup(of: TaskState.self) { group in
            var worst: TaskState = .success
            var index = 0
            func launch() {
                let node = nodes[index]
                let nodeScope = scopes?[index] ?? scope
                group.addTask { await self.runNode(node, scope: nodeScope) }
                index += 1
            }
            while index < min(width, nodes.count) { launch() }
            for await result in group {
                worst = max(worst, result)
                if index < nodes.count && !Task.isCancelled { launch() }
            }
            return worst == .skipped ? .success : worst
        }
    }

    func flowOutputs() async -> JSONValue {
        var result: [String: JSONValue] = [:]
        for output in plan.outputs {
            let evaluator = await evaluator(task: nil, scope: Scope())
            result[output.id] = (try? render(output.value, evaluator)) ?? .null
        }
        return .object(result)
    }
}


/// Engines per `host`, so tasks naming another daemon get their own client.
final class EngineCache: @unchecked Sendable {
    private let lock = NSLock()
    private var engines: [String: DockerEngine] = [:]

    func engine(for host: String, environment: [String: String]) throws -> DockerEngine {
        try lock.withLock {
            if let existing = engines[host] { return existing }
            let engine = try DockerEngine(host: host, environment: environment)
            engines[host] = engine
            return engine
        }
    }
}
