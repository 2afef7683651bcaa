import Foundation

/// Where the executor gets engines: the default one, and one per runner `host`.
public protocol EngineProvider: Sendable {
    /// The engine for a runner's `host` (`unix://…`, `tcp://…`), or the default one for nil.
    func engine(host: String?) throws(EngineError) -> any ContainerEngine
    /// Every engine handed out so far (to shut down, or to kill containers on all of them).
    var engines: [any ContainerEngine] { get }
    /// How container tasks run on those engines (a resume must use the same).
    var backend: EngineBackend { get }
}

extension EngineProvider {
    public var backend: EngineBackend { .docker }
}

/// How berth runs container tasks on an engine.
public enum EngineBackend: String, Sendable, CaseIterable, Codable {
    /// As containers of that engine.
    case docker
    /// As Swarm services (`replicated-job`) through that engine, a swarm manager (``SwarmEngine``).
    case swarm
}

/// Docker Engine API clients, one per host, created on first use: the default from
/// `DOCKER_HOST` (or the local socket), others from a runner's `host`.
public final class DockerEngineProvider: EngineProvider, @unchecked Sendable {
    private let environment: [String: String]
    private let context: String?
    public let backend: EngineBackend
    private let lock = NSLock()
    private var cache: [String: any ContainerEngine] = [:]

    /// - Parameters:
    ///   - context: a Docker context by name (`--context`); nil resolves the default engine as
    ///     the Docker CLI does (see ``DockerContext``).
    ///   - backend: `.swarm` wraps every engine in a ``SwarmEngine`` (each must be a manager).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, context: String? = nil, backend: EngineBackend = .docker) {
        self.environment = environment
        self.context = context
        self.backend = backend
    }

    public func engine(host: String?) throws(EngineError) -> any ContainerEngine {
        let key = host ?? ""
        lock.lock()
        defer { lock.unlock() }
        if let existing = cache[key] { return existing }
        let engine: DockerEngine
        do {
            engine = try host.map { try DockerEngine(host: $0, environment: environment) }
                ?? DockerEngine(context: DockerContext.resolve(flag: context, environment: environment))
        } catch let error as EngineError { throw error } catch {
            throw EngineError.unsupportedHost("\(host ?? "default"): \(error)")
        }
        let made: any ContainerEngine = backend == .swarm ? SwarmEngine(manager: engine, environment: environment) : engine
        cache[key] = made
        return made
    }

    public var engines: [any ContainerEngine] { lock.withLock { Array(cache.values) } }
}

/// One engine for every host (tests with the ``InMemoryEngine``).
public struct SingleEngineProvider: EngineProvider {
    public let engine: any ContainerEngine

    public init(_ engine: any ContainerEngine) {
        self.engine = engine
    }

    public func engine(host: String?) throws(EngineError) -> any ContainerEngine { engine }
    public var engines: [any ContainerEngine] { [engine] }
}
