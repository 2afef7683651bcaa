import ArgumentParser
import BerthEngine
import BerthExecutor
import Foundation

/// What the state directory knows about one execution.
struct ExecutionInfo {
    let id: String
    let flow: String
    let state: String
    let started: Date
    let duration: Double?
    let live: Bool

    static func all(in stateDir: URL) -> [ExecutionInfo] {
        let root = stateDir.appendingPathComponent("executions")
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return ids.compactMap { id in
            guard let records = try? Journal.load(root.appendingPathComponent(id)), let first = records.first(where: { $0.kind == .executionStarted }) else { return nil }
            let starts = records.filter { $0.kind == .executionStarted }
            let end = records.last { $0.kind == .executionFinished }
            let pid = starts.last?.pid ?? 0
            let alive = end == nil && pid > 0 && kill(pid, 0) == 0
            let state = end?.state ?? (alive ? "RUNNING" : "INTERRUPTED")
            return ExecutionInfo(id: id, flow: first.flow ?? "", state: state, started: Date(timeIntervalSince1970: first.time),
                                 duration: end.map { $0.time - first.time }, live: alive)
        }.sorted { $0.started < $1.started }
    }
}

/// `berth executions`: past executions with state and duration.
struct ExecutionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "executions", abstract: "List executions with their state and duration.")

    @Option(help: "Where executions keep their files.")
    var stateDir: String = ".berth"

    func run() throws {
        let context = CLIContext.current
        let formatter = ISO8601DateFormatter()
        var out = ""
        for info in ExecutionInfo.all(in: URL(fileURLWithPath: context.absolutePath(stateDir))) {
            let duration = info.duration.map { String(format: "%.1fs", $0) } ?? "-"
            out += "\(info.id)  \(info.state.padding(toLength: 11, withPad: " ", startingAt: 0))  \(formatter.string(from: info.started))  \(duration.padding(toLength: 8, withPad: " ", startingAt: 0))  \(info.flow)\n"
        }
        context.writeOut(out.isEmpty ? "no executions under \(stateDir)\n" : out)
    }
}

/// `berth gc`: removes berth-labelled containers that no live execution owns.
struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove leftover containers of executions that are no longer running.",
        discussion: "A container is kept while the berth process of its execution is alive; --older-than spares recent ones (e.g. 30m, 1h, 2d)."
    )

    @Option(help: "Only containers created longer ago than this (s, m, h, d).")
    var olderThan: String = "0s"

    @Option(help: "Where executions keep their files.")
    var stateDir: String = ".berth"

    @Flag(help: "List what would be removed without removing it.")
    var dryRun = false

    @Flag(help: "Also consider containers of other state directories (by default only this one's).")
    var allStateDirs = false

    @Option(help: "The Docker context whose engine to sweep (default: as the Docker CLI picks it).")
    var context: String?

    @Option(help: "docker sweeps berth's containers; swarm sweeps berth's services and the configs left without one.")
    var backend: EngineBackend = .docker

    func run() async throws {
        let context = CLIContext.current
        guard let age = Self.seconds(olderThan) else { throw ValidationError("--older-than takes a number with s, m, h or d, e.g. 1h") }
        let stateURL = URL(fileURLWithPath: context.absolutePath(stateDir)).standardizedFileURL
        let live = Set(ExecutionInfo.all(in: stateURL).filter(\.live).map(\.id))
        let engine: any ContainerEngine
        do {
            engine = try DockerEngineProvider(environment: context.environment, context: self.context, backend: backend).engine(host: nil)
            try await engine.ping()
        } catch {
            throw CommandFailure("\(error)", exitCode: BerthExit.internalError)
        }
        let what = backend == .swarm ? "service" : "container"
        var removed = 0
        do {
            let containers = try await engine.containers(labels: allStateDirs ? ["berth.runner=berth"] : ["berth.runner=berth", "berth.state=\(stateURL.path)"])
            for container in containers {
                let execution = container.labels["kestra.io/execution-id"] ?? ""
                let created = Date(timeIntervalSince1970: TimeInterval(container.created))
                guard !live.contains(execution), Date().timeIntervalSince(created) >= age else { continue }
                if !dryRun { try await engine.remove(container.id) }
                removed += 1
                let name = backend == .swarm ? container.id : String(container.id.prefix(12))
                context.writeOut("\(dryRun ? "would remove" : "removed") \(name) (execution \(execution), task \(container.labels["kestra.io/task-id"] ?? "?"))\n")
            }
            if let swarm = engine as? SwarmEngine {
                for config in try await swarm.sweepConfigs(dryRun: dryRun) {
                    context.writeOut("\(dryRun ? "would remove" : "removed") config \(config) (its service is gone)\n")
                }
            }
        } catch {
            await engine.shutdown()
            throw CommandFailure("\(error)", exitCode: BerthExit.internalError)
        }
        await engine.shutdown()
        context.writeOut("\(removed) \(what)\(removed == 1 ? "" : "s") \(dryRun ? "to remove" : "removed")\n")
    }

    static func seconds(_ text: String) -> Double? {
        guard let unit = text.last, let number = Double(text.dropLast()) else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86400
        default: return nil
        }
    }
}
