/// A container engine as the executor sees it: typed requests and answers, no JSON. The
/// Docker Engine API client (``DockerEngine``) implements it for real engines; the
/// ``InMemoryEngine`` implements it for flow-semantics tests and fault injection.
///
/// Every method throws ``EngineError``: `.unreachable` when the engine cannot be spoken to at
/// all, `.api` when it answered with an error status, `.malformedAnswer` when it answered
/// nonsense, `.pull` when an image could not be pulled.
public protocol ContainerEngine: Sendable {
    /// Where the engine is, for messages (`unix:///var/run/docker.sock`, `tcp://127.0.0.1:2376`).
    var endpoint: String { get }

    /// Checks the engine answers and negotiates the API version; returns that version.
    @discardableResult
    func ping() async throws -> String
    /// What the engine says about itself (runtimes, version).
    func info() async throws -> EngineInfo
    /// Whether the image is present locally.
    func imageExists(_ image: String) async throws -> Bool
    /// Pulls `image`, reporting progress; an error in the pull stream is a thrown `.pull`.
    func pull(_ image: String, auth: RegistryAuth?, progress: @escaping @Sendable (PullProgress) -> Void) async throws
    /// Creates a container; returns its id and the engine's warnings.
    func create(_ request: ContainerCreateRequest) async throws -> CreatedContainer
    /// Extracts a tar archive into the container's filesystem at `path`.
    func putArchive(_ id: String, path: String, tar: [UInt8]) async throws
    /// A tar archive of `path` in the container (at most `limit` bytes), nil when the path does not exist.
    func getArchive(_ id: String, path: String, limit: Int) async throws -> [UInt8]?
    /// The container's output from now on (`replay`: from its start), until it ends.
    func attach(_ id: String, replay: Bool) async throws -> ContainerOutput
    /// Everything the container wrote so far (it has ended), without following.
    func logs(_ id: String) async throws -> ContainerOutput
    /// Registers a wait: when this returns, an exit after it is not missed.
    func wait(_ id: String, condition: WaitCondition) async throws -> ContainerWait
    func start(_ id: String) async throws
    func inspect(_ id: String) async throws -> ContainerInspection
    /// Kill (grace 0) or stop with a grace period in seconds; a container that is not running is fine.
    func stop(_ id: String, graceSeconds: Double) async throws
    /// Removes the container and its anonymous volumes; one that is already gone is fine.
    func remove(_ id: String) async throws
    /// Containers (running or not) carrying every one of `labels` (`key=value`, or `key` alone).
    func containers(labels: [String]) async throws -> [ContainerSummary]
    /// Releases connections (call before exiting).
    func shutdown() async
}
