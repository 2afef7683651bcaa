import Foundation

/// Where the executor gets engines: the default one, and one per runner `host`.
public protocol EngineProvider: Sendable {
    /// The engine for a runner's `host` (`unix://…`, `tcp://…`), or the default one for nil.
    func engine(host: String?) throws(EngineError) -> any ContainerEngine
    /// Every engine handed out so far (to shut down, or to kill containers on all of them).
    var engines: [any ContainerEngine] { get }
}

/// Docker Engine API clients, one per host, created on first use: the default from
/// `DOCKER_HOST` (or the local socket), others from a runner's `host`.
public final class DockerEngineProvider: EngineProvider, @unchecked Sendable {
    private let environment: [String: String]
    private let context: String?
    private let lock = NSLock()
    private var cache: [String: DockerEngine] = [:]

    /// - Parameter context: a Docker context by name (`--context`); nil resolves the default
    ///   engine as the Docker CLI does (see ``DockerContext``).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, context: String? = nil) {
        self.environment = environment
        self.context = context
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
        cache[key] = engine
        return engine
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
