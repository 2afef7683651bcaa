import Foundation

/// The engines of the swarm's nodes, for what only a node's engine can do: copy files out of
/// a task's container, stop it with a grace period, read its OOM flag. The manager's own node
/// is the manager's engine; another node's engine is the one its `berth.engine` label names
/// (`docker node update --label-add berth.engine=tcp://node2:2376 node2`), with the same TLS
/// settings (`DOCKER_CERT_PATH`, `DOCKER_TLS_VERIFY`) as the manager.
final class SwarmNodes: @unchecked Sendable {
    /// The label on a node that says where its engine answers.
    static let engineLabel = "berth.engine"

    let manager: DockerEngine
    let environment: [String: String]
    private let lock = NSLock()
    private var local: String?
    private var engines: [String: DockerEngine] = [:]

    init(manager: DockerEngine, environment: [String: String]) {
        self.manager = manager
        self.environment = environment
    }

    /// The manager's node id (from `/info`).
    var localNode: String? {
        get { lock.withLock { local } }
        set { lock.withLock { local = newValue } }
    }

    /// The engine of the node that ran `task`.
    func engine(for task: SwarmTask) async throws(EngineError) -> DockerEngine {
        guard let nodeId = task.NodeID, !nodeId.isEmpty, nodeId != localNode else { return manager }
        if let known = lock.withLock({ engines[nodeId] }) { return known }
        let answer = try await manager.call(.GET, "/nodes/\(nodeId)", operation: "inspect node \(nodeId)", deadline: 60)
        let node = try manager.decode(SwarmNode.self, answer.body, operation: "inspect node \(nodeId)")
        let name = node.Description?.Hostname ?? nodeId
        guard let host = node.Spec?.Labels?[Self.engineLabel], !host.isEmpty else {
            throw EngineError.unsupported("the task ran on node \(name), whose engine berth cannot reach: label it with where its engine answers (docker node update --label-add \(Self.engineLabel)=tcp://\(name):2376 \(nodeId))")
        }
        let engine: DockerEngine
        do { engine = try DockerEngine(host: host, environment: environment) } catch let error as EngineError { throw error } catch {
            throw EngineError.unsupportedHost(host)
        }
        lock.withLock { engines[nodeId] = engine }
        return engine
    }

    func shutdown() async {
        for engine in lock.withLock({ Array(engines.values) }) { await engine.shutdown() }
    }
}
