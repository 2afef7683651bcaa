import Foundation

/// Docker Swarm as the engine: every container task runs as a service in `replicated-job` mode
/// (one completion, restart policy `none`) on whichever node Swarm picks. The container calls
/// the executor makes map onto services: `create` prepares the spec, `putArchive` turns the
/// working directory into Swarm configs, `start` creates the service, `attach`/`wait` follow
/// its log and its task, and files come back through the engine of the node that ran it
/// (``SwarmNodes``). The container id the executor sees is the service's name.
public final class SwarmEngine: ContainerEngine, @unchecked Sendable {
    /// The manager's engine: every service call goes there.
    let manager: DockerEngine
    let nodes: SwarmNodes
    let lock = NSLock()
    /// Services created by `create` and not yet started, by name.
    var pending: [String: Pending] = [:]
    /// Services this process removed before their task ran (`stop`): their wait ends as killed.
    var stoppedEarly: Set<String> = []
    /// Credentials of berth's own pulls, for the nodes' pulls (sent with the service).
    var auths: [String: RegistryAuth] = [:]
    var checkedSwarm = false

    struct Pending {
        var spec: ServiceSpec
        /// Config names this service mounts (removed with it).
        var configs: [String] = []
    }

    public var endpoint: String { manager.endpoint }

    /// - Parameters:
    ///   - manager: the engine of a swarm manager.
    ///   - environment: where the TLS settings of other nodes' engines come from.
    public init(manager: DockerEngine, environment: [String: String]) {
        self.manager = manager
        nodes = SwarmNodes(manager: manager, environment: environment)
    }

    public func shutdown() async {
        await nodes.shutdown()
        await manager.shutdown()
    }

    /// Pings the manager and, once, checks that it is an active swarm manager.
    @discardableResult
    public func ping() async throws -> String {
        let version = try await manager.ping()
        guard !lock.withLock({ checkedSwarm }) else { return version }
        let info = try manager.decode(SwarmInfo.self, try await manager.call(.GET, "/info", operation: "info").body, operation: "info")
        let state = info.Swarm?.LocalNodeState ?? "inactive"
        guard state == "active" else {
            let why = info.Swarm?.Error.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            throw EngineError.misconfigured(endpoint: endpoint, problem: "is not part of a swarm (swarm state: \(state)\(why)); run docker swarm init there, or point --context or DOCKER_HOST at a manager, or use --backend docker")
        }
        guard info.Swarm?.ControlAvailable == true else {
            throw EngineError.misconfigured(endpoint: endpoint, problem: "is a swarm worker, not a manager: services can only be created on a manager; point --context or DOCKER_HOST at one")
        }
        nodes.localNode = info.Swarm?.NodeID
        lock.withLock { checkedSwarm = true }
        return version
    }

    public func info() async throws -> EngineInfo { try await manager.info() }

    /// Why a task with these container settings cannot run as a Swarm service, nil when it can
    /// (for preflight: the same refusal `create` would make).
    public static func refusal(for host: HostConfig) -> String? {
        do { try ServiceSpec.refuseWhatSwarmCannotDo(host) } catch { return error.description }
        return nil
    }

    public func imageExists(_ image: String) async throws -> Bool { try await manager.imageExists(image) }

    /// Pulls on the manager (so a wrong credential or a missing tag fails before any service
    /// exists) and keeps the credentials for the nodes, which pull for themselves.
    public func pull(_ image: String, auth: RegistryAuth?, progress: @escaping @Sendable (PullProgress) -> Void) async throws {
        try await manager.pull(image, auth: auth, progress: progress)
        if let auth { lock.withLock { auths[image] = auth } }
    }

    public func create(_ request: ContainerCreateRequest) async throws -> CreatedContainer {
        let name = Self.serviceName()
        let (spec, warnings) = try ServiceSpec.job(request, name: name)
        lock.withLock { pending[name] = Pending(spec: spec) }
        return CreatedContainer(id: name, warnings: warnings)
    }

    /// `berth-` and 20 random lowercase letters and digits (a service name is at most 63).
    static func serviceName() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "berth-" + String((0..<20).map { _ in alphabet.randomElement()! })
    }

    public func start(_ id: String) async throws {
        guard let prepared = lock.withLock({ pending[id] }) else {
            throw EngineError.api(status: 404, message: "no service \(id) was prepared by this berth process", operation: "create service")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = [UInt8]((try? encoder.encode(prepared.spec)) ?? Data())
        var headers: [(String, String)] = []
        if let auth = lock.withLock({ auths[prepared.spec.TaskTemplate.ContainerSpec.Image] }) {
            headers.append(("X-Registry-Auth", DockerEngine.registryAuthHeader(auth)))
        }
        _ = try await manager.call(.POST, "/services/create", body: body, headers: headers, operation: "create service \(id)")
        lock.withLock { _ = pending.removeValue(forKey: id) }
    }

    /// The service by name, nil when there is none.
    func service(_ name: String) async throws(EngineError) -> SwarmService? {
        let answer = try await manager.call(.GET, "/services/\(name)", accept: [404], operation: "inspect service \(name)", deadline: 60)
        if answer.status == 404 { return nil }
        return try manager.decode(SwarmService.self, answer.body, operation: "inspect service \(name)")
    }

    /// The service's newest task, nil while Swarm has not made one.
    func task(of name: String) async throws(EngineError) -> SwarmTask? {
        let filters = String(decoding: (try? JSONEncoder().encode(["service": [name]])) ?? Data(), as: UTF8.self)
        // A filter naming a service that does not exist (yet, or any more) is answered 404.
        let answer = try await manager.call(.GET, "/tasks?filters=\(DockerEngine.encodeQuery(filters))", accept: [404], operation: "list tasks of \(name)", deadline: 60)
        if answer.status == 404 { return nil }
        return try manager.decode([SwarmTask].self, answer.body, operation: "list tasks of \(name)").max { ($0.CreatedAt ?? "") < ($1.CreatedAt ?? "") }
    }

    public func inspect(_ id: String) async throws -> ContainerInspection {
        guard let service = try await service(id) else {
            if let prepared = lock.withLock({ pending[id] }) {
                return ContainerInspection(id: id, state: .init(running: false, exitCode: 0, oomKilled: false, status: "created"),
                                           config: .init(image: prepared.spec.TaskTemplate.ContainerSpec.Image, labels: prepared.spec.Labels),
                                           hostConfig: HostConfig())
            }
            throw EngineError.api(status: 404, message: "no such service: \(id)", operation: "inspect service")
        }
        let task = try await task(of: id)
        var state = ContainerInspection.State(running: !(task?.hasEnded ?? false), exitCode: -1, oomKilled: false,
                                              status: task.map { $0.hasEnded ? "exited" : "running" } ?? "running")
        if let task, task.hasEnded {
            state.exitCode = task.Status.ContainerStatus?.ExitCode ?? (task.Status.State == "complete" ? 0 : -1)
            state.finishedAt = task.Status.Timestamp.flatMap(ContainerInspection.State.date)
            // The task status has no OOM flag: the node's engine knows it from the container.
            if let container = task.containerId, let node = try? await nodes.engine(for: task) {
                state.oomKilled = (try? await node.inspect(container))?.state.oomKilled ?? false
            }
        }
        var host = HostConfig()
        host.memory = service.Spec.TaskTemplate?.Resources?.Limits?.MemoryBytes
        let container = service.Spec.TaskTemplate?.ContainerSpec
        return ContainerInspection(id: id, state: state, config: .init(image: container?.Image, user: container?.User, env: container?.Env,
                                                                        labels: service.Spec.Labels, workingDir: container?.Dir), hostConfig: host)
    }

    /// Stops the task's container on its node with the grace period, as `docker stop` would;
    /// a task that has no container yet is stopped by removing its service.
    public func stop(_ id: String, graceSeconds: Double) async throws {
        if lock.withLock({ pending[id] != nil }) { return }
        let task = try await task(of: id)
        if let task, task.hasEnded { return }
        if let task, let container = task.containerId {
            try await nodes.engine(for: task).stop(container, graceSeconds: graceSeconds)
            return
        }
        lock.withLock { _ = stoppedEarly.insert(id) }
        try await removeService(id)
    }

    /// Removes the service (its task and container go with it) and the configs made for it.
    public func remove(_ id: String) async throws {
        lock.withLock { _ = pending.removeValue(forKey: id) }
        try await removeService(id)
        try await removeConfigs(of: id)
    }

    func removeService(_ id: String) async throws(EngineError) {
        _ = try await manager.call(.DELETE, "/services/\(id)", accept: [404], operation: "remove service \(id)")
    }

    /// Services (as containers) carrying every one of `labels`; `created` and `state` from the
    /// service and its task.
    public func containers(labels: [String]) async throws -> [ContainerSummary] {
        let filters = String(decoding: try JSONEncoder().encode(["label": labels]), as: UTF8.self)
        let answer = try await manager.call(.GET, "/services?filters=\(DockerEngine.encodeQuery(filters))", operation: "list services")
        let services = try manager.decode([SwarmService].self, answer.body, operation: "list services")
        var found: [ContainerSummary] = []
        for service in services {
            let created = service.CreatedAt.flatMap(ContainerInspection.State.date)?.timeIntervalSince1970 ?? 0
            let task = try? await task(of: service.Spec.Name)
            found.append(ContainerSummary(id: service.Spec.Name, labels: service.Spec.Labels ?? [:], created: Int64(created),
                                          state: task.map { $0.hasEnded ? "exited" : "running" }))
        }
        return found
    }
}
