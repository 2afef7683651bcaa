import BerthCompiler
import BerthDiagnostics
import BerthExecutor
import BerthPlan
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
}

/// Compiles inline YAML and runs it on the engine, capturing every log line.
final class TestRun: @unchecked Sendable {
    let lines = LockedLines()
    var result: ExecutionResult!

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

    static func run(_ yaml: String, inputs: [String: String] = [:], environment: [String: String] = [:],
                    allowVolumes: Bool = false) async throws -> TestRun {
        let run = TestRun()
        let plan = try compile(yaml)
        let engine = try DockerEngine(host: "unix://" + Engine.socket)
        try await engine.ping()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("berth-exec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let lines = run.lines
        let log = ExecutionLog { level, line in lines.append("\(level.rawValue) \(line)") }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let runner = try PlanRunner(plan: plan, engine: engine, options: RunOptions(stateDirectory: state, inputs: inputs, allowHostVolumes: allowVolumes, environment: env), log: log)
        run.result = await runner.run()
        await engine.shutdown()
        return run
    }

    func task(_ id: String) -> TaskRunSummary? { result.tasks.last { $0.taskId == id } }
    var text: String { lines.all.joined(separator: "\n") }
}

let flowHead = "id: t\nnamespace: company.team\n"

func shell(_ id: String, _ commands: [String], image: String = "busybox:1.36", extra: String = "", runner: String = "") -> String {
    var out = "  - id: \(id)\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: \(image)\n" + extra
    if !runner.isEmpty { out += "    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n" + runner }
    out += "    commands:\n" + commands.map { "      - \"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"\n" }.joined()
    return out
}
