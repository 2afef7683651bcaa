import BerthCompiler
import BerthDiagnostics
import BerthEngine
import BerthExecutor
import BerthPlan
import BerthTestSupport
import Foundation
import Testing

/// The real engine and registry `.ci/run` starts. In CI an unreachable engine fails the tests;
/// elsewhere they skip with a printed reason.
enum Engine {
    static let environment = ProcessInfo.processInfo.environment
    static let socket = environment["BERTH_TEST_DOCKER_SOCKET"] ?? "/var/run/docker.sock"

    static var skipReason: String? {
        if environment["CI"] != nil { return nil }
        if FileManager.default.fileExists(atPath: socket) { return nil }
        let reason = "no Docker engine socket at \(socket); run .ci/services.sh"
        print("skipping executor tests: \(reason)")
        return reason
    }

    static func real() throws -> DockerEngine { try DockerEngine(host: "unix://" + socket) }
}

/// Compiles inline YAML and runs it — on the in-memory engine when one is given (or when the
/// flow has no container task), else on the real engine — capturing every log line.
final class TestRun: @unchecked Sendable {
    let lines: LockedLines
    var result: ExecutionResult!
    /// The state directory (kept until the test object goes).
    let state: URL

    init(state: URL, lines: LockedLines = LockedLines()) {
        self.state = state
        self.lines = lines
    }

    deinit { try? FileManager.default.removeItem(at: state) }

    final class LockedLines: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String] = []
        func append(_ s: String) { lock.withLock { storage.append(s) } }
        var all: [String] { lock.withLock { storage } }
    }

    static func compile(_ yaml: String) throws -> Plan {
        let result = FlowCompile.compile(SourceFile(path: "test.yaml", text: yaml))
        let errors = result.check.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let plan = result.plans.first else {
            throw ExecutorError.plan("test flow does not compile:\n" + ShortRenderer().render(result.check.diagnostics))
        }
        return plan
    }

    static func newState() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("berth-exec-\(UUID().uuidString)")
    }

    static func run(_ yaml: String, inputs: [String: String] = [:], environment: [String: String] = [:], allowVolumes: Bool = false,
                    engine: InMemoryEngine? = nil, state: URL? = nil, namespaceFiles: URL? = nil, workingDirectory: String? = nil) async throws -> TestRun {
        try await run(plan: try compile(yaml), inputs: inputs, environment: environment, allowVolumes: allowVolumes, engine: engine,
                      state: state, namespaceFiles: namespaceFiles, workingDirectory: workingDirectory)
    }

    /// `host`: a real engine other than the test socket (`unix://…`).
    static func run(plan: Plan, inputs: [String: String] = [:], environment: [String: String] = [:], allowVolumes: Bool = false,
                    engine: InMemoryEngine? = nil, host: String? = nil, state: URL? = nil, namespaceFiles: URL? = nil, workingDirectory: String? = nil,
                    resuming: String? = nil, lines: LockedLines? = nil, flows: [Plan]? = nil, preflight: Bool = false) async throws -> TestRun {
        let run = TestRun(state: state ?? newState(), lines: lines ?? LockedLines())
        let provider: any EngineProvider
        let needsReal = engine == nil && plan.allNodes.contains { $0.container != nil }
        if needsReal {
            let real = try host.map { try DockerEngine(host: $0) } ?? Engine.real()
            try await real.ping()
            provider = SingleEngineProvider(real)
        } else {
            provider = SingleEngineProvider(engine ?? InMemoryEngine())
        }
        let lines = run.lines
        let log = ExecutionLog { level, line in lines.append("\(level.rawValue) \(line)") }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SECRET_") }
        for (k, v) in environment { env[k] = v }
        let options = RunOptions(stateDirectory: run.state, inputs: inputs, allowHostVolumes: allowVolumes, environment: env,
                                 namespaceFilesDirectory: namespaceFiles, workingDirectory: workingDirectory ?? FileManager.default.currentDirectoryPath,
                                 flows: flows.map(PlanCatalog.init))
        let runner = try resuming.map { try PlanRunner(resuming: $0, engines: provider, options: options, log: log) }
            ?? PlanRunner(plan: plan, engines: provider, options: options, log: log)
        runner.pullBackoff = [0.01, 0.01, 0.01, 0.01]
        if preflight { try await runner.preflight() }
        run.result = await runner.run()
        if needsReal { for engine in provider.engines { await engine.shutdown() } }
        return run
    }

    func task(_ id: String) -> TaskRunSummary? { result.tasks.last { $0.taskId == id } }
    func runs(_ id: String) -> [TaskRunSummary] { result.tasks.filter { $0.taskId == id } }
    var text: String { lines.all.joined(separator: "\n") }
    /// The log lines of one task, without the level and prefix.
    func output(_ id: String) -> [String] {
        lines.all.compactMap { line in
            guard let range = line.range(of: "[\(id)] ") else { return nil }
            return String(line[range.upperBound...])
        }
    }
}

let flowHead = "id: t\nnamespace: company.team\n"

func shell(_ id: String, _ commands: [String], image: String = "busybox:1.36", extra: String = "", runner: String = "") -> String {
    var out = "  - id: \(id)\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: \(image)\n" + extra
    if !runner.isEmpty { out += "    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n" + runner }
    out += "    commands:\n" + commands.map { "      - \"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n" }.joined()
    return out
}

func log(_ id: String, _ message: String, extra: String = "") -> String {
    "  - id: \(id)\n    type: io.kestra.plugin.core.log.Log\n    message: \"\(message.replacingOccurrences(of: "\"", with: "\\\""))\"\n" + extra
}

/// Runs `command` with /bin/sh; returns its exit status and standard output (standard error
/// is kept apart). It gets `timeout` seconds, then its process group is killed and the test
/// fails with what it wrote to standard error. What it starts in the background (a daemon)
/// is left running.
@discardableResult
func runShell(_ command: String, timeout: Double = 300) -> (status: Int32, output: String) {
    guard let outcome = try? Child.run("/bin/sh", ["-c", command], errors: .apart, timeout: timeout, endGroup: false) else { return (-1, "") }
    if outcome.timedOut { Issue.record("`\(command)` ran past \(Int(timeout)) s and was killed:\n\(outcome.errors)") }
    return (outcome.status, outcome.output)
}

/// The standard output of `command`.
func shellOut(_ command: String) -> String { runShell(command).output }
