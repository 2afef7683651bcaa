import Foundation

/// A container engine in memory, for flow-semantics tests and fault injection: containers are
/// ``SimulatedContainer``s driven by a behaviour (by default ``MiniShell``, which runs the
/// simple shell lines tests write), images are a set of names, and any operation can be made
/// to fail (`inject`) or the whole engine to disappear (`vanish`). It never stands in for the
/// real engine in container-lifecycle tests; those run against `dockerd`.
public final class InMemoryEngine: ContainerEngine, @unchecked Sendable {
    /// Runs a started container; returns its exit code. Cancellation means a stop or kill.
    public typealias Behavior = @Sendable (SimulatedContainer) async -> Int

    /// The operations faults can be injected into.
    public enum Operation: String, Sendable, CaseIterable {
        case ping, info, imageExists, pull, create, putArchive, getArchive, attach, logs, wait, start, inspect, stop, remove, containers
    }

    /// One call the engine received (for assertions).
    public struct Call: Sendable, Equatable {
        public var operation: Operation
        /// The container id, image or path the call was about.
        public var subject: String
    }

    public let endpoint: String
    private let lock = NSLock()
    private var images: Set<String>
    /// Images a pull can fetch, with the credentials the registry wants (nil: anonymous).
    private var registry: [String: RegistryAuth?]
    /// Live containers (created, not removed).
    private var containersById: [String: SimulatedContainer] = [:]
    /// Every container ever created, in creation order.
    private var created: [SimulatedContainer] = []
    private var removedIds: Set<String> = []
    private var faults: [Operation: [(id: UUID, error: EngineError, matches: @Sendable (String) -> Bool)]] = [:]
    private var gone: EngineError?
    private var log: [Call] = []
    private let behavior: Behavior
    private var counter = 0

    /// - Parameters:
    ///   - images: present locally from the start.
    ///   - registry: images a pull can fetch, each with the credentials it needs (nil: none).
    ///   - behavior: what a started container does (default: ``MiniShell/run(_:)``).
    public init(endpoint: String = "memory://test", images: Set<String> = ["busybox:1.36", "ubuntu", "ubuntu:latest", "centos"],
                registry: [String: RegistryAuth?] = [:], behavior: @escaping Behavior = { await MiniShell.run($0) }) {
        self.endpoint = endpoint
        self.images = images
        self.registry = registry
        self.behavior = behavior
    }

    // MARK: test controls

    /// The next `times` calls of `operation` (whose subject `matches`) fail with `error`.
    public func inject(_ error: EngineError, on operation: Operation, times: Int = 1, matching: @escaping @Sendable (String) -> Bool = { _ in true }) {
        lock.withLock { for _ in 0..<times { faults[operation, default: []].append((UUID(), error, matching)) } }
    }

    /// The engine disappears: every call from now on, every open output stream and every
    /// pending wait fails with `.unreachable`. Containers keep their state (as a daemon's do).
    /// With `stoppingContainers`, running containers are stopped as a daemon without live-restore
    /// stops them when it shuts down (SIGTERM: exit 143).
    public func vanish(reason: String = "connection refused", stoppingContainers: Bool = false) {
        let error = EngineError.unreachable(endpoint: endpoint, reason: reason)
        let all = lock.withLock { () -> [SimulatedContainer] in
            gone = error
            return Array(containersById.values)
        }
        for container in all { container.breakStreams(error) }
        if stoppingContainers { for container in all { container.deliver(15) } }
    }

    /// The engine is back.
    public func comeBack() { lock.withLock { gone = nil } }

    /// Every call so far, in order.
    public var calls: [Call] { lock.withLock { log } }

    /// Every container created so far (removed ones too), in creation order.
    public var containers: [SimulatedContainer] { lock.withLock { created } }

    /// Whether the container was removed.
    public func wasRemoved(_ id: String) -> Bool { lock.withLock { removedIds.contains(id) } }

    /// Makes an image present (as after a build or a pull).
    public func add(image: String) { _ = lock.withLock { images.insert(image) } }

    private func enter(_ operation: Operation, _ subject: String) throws(EngineError) {
        let (gone, pending) = lock.withLock { () -> (EngineError?, [(id: UUID, error: EngineError, matches: @Sendable (String) -> Bool)]) in
            log.append(Call(operation: operation, subject: subject))
            return (self.gone, faults[operation] ?? [])
        }
        if let gone { throw gone }
        // Predicates run outside the lock: they may ask the engine about its containers.
        guard let fault = pending.first(where: { $0.matches(subject) }) else { return }
        let taken = lock.withLock { () -> Bool in
            guard let index = faults[operation]?.firstIndex(where: { $0.id == fault.id }) else { return false }
            faults[operation]?.remove(at: index)
            return true
        }
        if taken { throw fault.error }
    }

    private func container(_ id: String, _ operation: String) throws(EngineError) -> SimulatedContainer {
        guard let container = lock.withLock({ containersById[id] }) else {
            throw EngineError.api(status: 404, message: "No such container: \(id)", operation: operation)
        }
        return container
    }

    // MARK: ContainerEngine

    public func ping() async throws -> String {
        try enter(.ping, endpoint)
        return "1.41"
    }

    public func info() async throws -> EngineInfo {
        try enter(.info, endpoint)
        return EngineInfo(runtimes: ["runc"], serverVersion: "in-memory")
    }

    public func imageExists(_ image: String) async throws -> Bool {
        try enter(.imageExists, image)
        return lock.withLock { images.contains(image) }
    }

    public func pull(_ image: String, auth: RegistryAuth?, progress: @escaping @Sendable (PullProgress) -> Void) async throws {
        try enter(.pull, image)
        guard let wanted = lock.withLock({ registry[image] }) else {
            throw EngineError.pull(image: image, message: "manifest for \(image) not found: manifest unknown", failure: .notFound)
        }
        if let wanted, wanted.username != auth?.username || wanted.password != auth?.password {
            throw EngineError.pull(image: image, message: "unauthorized: authentication required", failure: .unauthorized)
        }
        progress(PullProgress(status: "Pulling from \(ImageReference.split(image).repository)"))
        progress(PullProgress(status: "Status: Downloaded newer image for \(image)"))
        _ = lock.withLock { images.insert(image) }
    }

    public func create(_ request: ContainerCreateRequest) async throws -> CreatedContainer {
        try enter(.create, request.image)
        let id = lock.withLock { () -> String? in
            guard images.contains(request.image) else { return nil }
            counter += 1
            let id = String(format: "%012x", counter) + String(repeating: "0", count: 52)
            let container = SimulatedContainer(id: id, request: request)
            containersById[id] = container
            created.append(container)
            return id
        }
        guard let id else { throw EngineError.api(status: 404, message: "No such image: \(request.image)", operation: "create container") }
        return CreatedContainer(id: id)
    }

    public func putArchive(_ id: String, path: String, tar: [UInt8]) async throws {
        try enter(.putArchive, id)
        let target = try container(id, "copy files into the container")
        do {
            target.extract(try Tar.read(tar, stripFirst: false), at: path)
        } catch {
            throw EngineError.api(status: 400, message: "unreadable archive: \(error)", operation: "copy files into the container")
        }
    }

    public func getArchive(_ id: String, path: String, limit: Int) async throws -> [UInt8]? {
        try enter(.getArchive, id)
        return try container(id, "copy files out of the container").archive(path)
    }

    public func attach(_ id: String, replay: Bool) async throws -> ContainerOutput {
        try enter(.attach, id)
        return try container(id, "attach container").subscribe(replay: replay)
    }

    public func logs(_ id: String) async throws -> ContainerOutput {
        try enter(.logs, id)
        let target = try container(id, "container logs")
        let (stream, continuation) = AsyncThrowingStream<OutputChunk, any Error>.makeStream()
        for chunk in target.recordedOutput() { continuation.yield(chunk) }
        continuation.finish()
        return ContainerOutput(stream)
    }

    public func wait(_ id: String, condition: WaitCondition) async throws -> ContainerWait {
        try enter(.wait, id)
        let slot = try container(id, "wait container").registerWait(immediateIfExited: condition == .notRunning)
        return ContainerWait { try await slot.wait().get() }
    }

    public func start(_ id: String) async throws {
        try enter(.start, id)
        let target = try container(id, "start container")
        guard target.currentStatus == .created else { return }
        target.markRunning()
        let behavior = self.behavior
        target.runner = Task.detached {
            var code = await behavior(target)
            if let signal = target.deliveredSignal { code = 128 + Int(signal) }
            target.markExited(code)
        }
    }

    public func inspect(_ id: String) async throws -> ContainerInspection {
        try enter(.inspect, id)
        let target = try container(id, "inspect container")
        let status = target.currentStatus
        return ContainerInspection(
            id: id,
            state: .init(running: status == .running, exitCode: status == .exited ? target.currentExitCode : 0,
                         oomKilled: target.oomKilled, status: status.rawValue, finishedAt: target.currentFinishedAt),
            config: .init(image: target.request.image, user: target.request.user, env: target.request.env,
                          labels: target.request.labels, workingDir: target.request.workingDir),
            hostConfig: target.request.hostConfig ?? HostConfig())
    }

    public func stop(_ id: String, graceSeconds: Double) async throws {
        try enter(.stop, id)
        guard let target = lock.withLock({ containersById[id] }) else { return }
        target.deliver(graceSeconds > 0 ? 15 : 9)
    }

    public func remove(_ id: String) async throws {
        try enter(.remove, id)
        let target = lock.withLock { () -> SimulatedContainer? in
            removedIds.insert(id)
            return containersById.removeValue(forKey: id)
        }
        target?.deliver(9)
    }

    public func containers(labels: [String]) async throws -> [ContainerSummary] {
        try enter(.containers, labels.joined(separator: ","))
        let live = lock.withLock { created.filter { containersById[$0.id] != nil } }
        return live.filter { container in
            let own = container.request.labels ?? [:]
            return labels.allSatisfy { filter in
                guard let eq = filter.firstIndex(of: "=") else { return own[filter] != nil }
                return own[String(filter[..<eq])] == String(filter[filter.index(after: eq)...])
            }
        }.map { ContainerSummary(id: $0.id, labels: $0.request.labels ?? [:], created: Int64(Date().timeIntervalSince1970), state: $0.currentStatus.rawValue) }
    }

    public func shutdown() async {}
}
