/// The body of `POST /containers/create`, as the plan holds it (Engine API field names).
/// Only the fields berth's plans use; the executor refuses a plan with others rather than
/// dropping them silently.
public struct ContainerCreateRequest: Codable, Sendable, Equatable {
    public var image: String
    public var cmd: [String]?
    public var entrypoint: [String]?
    /// `NAME=value` entries.
    public var env: [String]?
    public var workingDir: String?
    public var user: String?
    public var labels: [String: String]?
    public var hostConfig: HostConfig?
    /// `"80/tcp": {}` entries.
    public var exposedPorts: [String: EmptyObject]?
    public var attachStdout: Bool?
    public var attachStderr: Bool?
    public var tty: Bool?

    public init(image: String, cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String]? = nil, workingDir: String? = nil,
                user: String? = nil, labels: [String: String]? = nil, hostConfig: HostConfig? = nil) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.workingDir = workingDir
        self.user = user
        self.labels = labels
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image", cmd = "Cmd", entrypoint = "Entrypoint", env = "Env", workingDir = "WorkingDir", user = "User"
        case labels = "Labels", hostConfig = "HostConfig", exposedPorts = "ExposedPorts", attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr", tty = "Tty"
    }
}

/// `{}` in the Engine API (ExposedPorts values).
public struct EmptyObject: Codable, Sendable, Equatable {
    public init() {}
}
