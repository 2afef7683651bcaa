/// Why an engine call failed. The executor turns these into task failures (or, for an
/// unreachable engine, into an interrupted execution); messages name the engine and what to do.
public enum EngineError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Why a pull failed, as far as the engine's answer tells.
    public enum PullFailure: String, Sendable, Equatable {
        /// Authentication is required or was refused: retrying cannot help.
        case unauthorized
        /// The repository or tag does not exist (or is not visible with these credentials).
        case notFound
        /// A server error or a dropped connection: worth retrying.
        case transient
        case other
    }

    /// The engine could not be spoken to (socket missing, connection refused or reset, TLS).
    case unreachable(endpoint: String, reason: String)
    /// The engine answered `status` with `message` to `operation` ("create container").
    case api(status: Int, message: String, operation: String)
    /// The pull of `image` failed.
    case pull(image: String, message: String, failure: PullFailure)
    /// The engine's answer could not be read.
    case malformedAnswer(operation: String, detail: String)
    /// The host setting names no engine berth can speak to.
    case unsupportedHost(String)
    /// berth and the engine do not agree on how to talk (TLS, certificates): `problem` says
    /// what to fix. Like `.unreachable`, nothing can be run there until it is fixed.
    case misconfigured(endpoint: String, problem: String)
    /// A Docker context that cannot be used; the text says which and why.
    case context(String)
    /// What this task asks cannot be done on this backend (a Swarm service cannot be
    /// privileged); the text says what and what to do instead. The task fails, the run goes on.
    case unsupported(String)

    public var description: String {
        switch self {
        case .unreachable(let endpoint, let reason) where endpoint.hasPrefix("tcp://"):
            "cannot reach the Docker engine at \(endpoint) (\(reason)). Check that dockerd listens there (-H \(endpoint)) and that DOCKER_HOST or the runner's host is right; flows can also use the Process runner."
        case .unreachable(let endpoint, let reason):
            "cannot reach the Docker engine at \(endpoint) (\(reason)). Start dockerd, check that the socket exists and is readable (root or the docker group), or set DOCKER_HOST; flows can also use the Process runner."
        case .misconfigured(let endpoint, let problem):
            "the Docker engine at \(endpoint): \(problem)"
        case .context(let message), .unsupported(let message):
            message
        case .api(let status, let message, let operation):
            "\(operation): the Docker engine answered \(status): \(message)"
        case .pull(let image, let message, let failure):
            "pulling \(image) failed: \(message)" + (failure == .unauthorized ? " (check the registry credentials)" : "")
        case .malformedAnswer(let operation, let detail):
            "\(operation): the Docker engine's answer could not be read (\(detail))"
        case .unsupportedHost(let host):
            "unsupported Docker host \"\(host)\": use unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port]"
        }
    }

    /// True when the engine itself is gone (not a refusal of this one request).
    public var isUnreachable: Bool {
        switch self {
        case .unreachable, .misconfigured, .context: true
        default: false
        }
    }

    /// The HTTP status of an `.api` error.
    public var status: Int? {
        if case .api(let status, _, _) = self { return status }
        return nil
    }
}
