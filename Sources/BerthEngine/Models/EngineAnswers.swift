/// The answer to a create: the container id and the engine's warnings.
public struct CreatedContainer: Codable, Sendable, Equatable {
    public var id: String
    public var warnings: [String]

    public init(id: String, warnings: [String] = []) {
        self.id = id
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey { case id = "Id", warnings = "Warnings" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }
}

/// What `GET /info` says that berth uses.
public struct EngineInfo: Decodable, Sendable, Equatable {
    /// Names of the registered runtimes (`runc`, `nvidia`…).
    public var runtimes: [String]
    public var serverVersion: String?

    public init(runtimes: [String], serverVersion: String? = nil) {
        self.runtimes = runtimes
        self.serverVersion = serverVersion
    }

    enum CodingKeys: String, CodingKey { case runtimes = "Runtimes", serverVersion = "ServerVersion" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runtimes = try c.decodeIfPresent([String: IgnoredValue].self, forKey: .runtimes).map { $0.keys.sorted() } ?? []
        serverVersion = try c.decodeIfPresent(String.self, forKey: .serverVersion)
    }
}

/// Any JSON value, skipped.
struct IgnoredValue: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// A container as `GET /containers/{id}/json` describes it (the parts berth reads).
public struct ContainerInspection: Decodable, Sendable, Equatable {
    public struct State: Decodable, Sendable, Equatable {
        public var running: Bool
        public var exitCode: Int
        public var oomKilled: Bool
        /// `created`, `running`, `exited`…
        public var status: String?

        public init(running: Bool, exitCode: Int, oomKilled: Bool, status: String?) {
            self.running = running
            self.exitCode = exitCode
            self.oomKilled = oomKilled
            self.status = status
        }

        enum CodingKeys: String, CodingKey { case running = "Running", exitCode = "ExitCode", oomKilled = "OOMKilled", status = "Status" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            running = try c.decodeIfPresent(Bool.self, forKey: .running) ?? false
            exitCode = try c.decodeIfPresent(Int.self, forKey: .exitCode) ?? -1
            oomKilled = try c.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
            status = try c.decodeIfPresent(String.self, forKey: .status)
        }
    }

    public struct Config: Decodable, Sendable, Equatable {
        public var image: String?
        public var user: String?
        public var env: [String]?
        public var labels: [String: String]?
        public var workingDir: String?

        public init(image: String? = nil, user: String? = nil, env: [String]? = nil, labels: [String: String]? = nil, workingDir: String? = nil) {
            self.image = image
            self.user = user
            self.env = env
            self.labels = labels
            self.workingDir = workingDir
        }

        enum CodingKeys: String, CodingKey { case image = "Image", user = "User", env = "Env", labels = "Labels", workingDir = "WorkingDir" }
    }

    public var id: String
    public var state: State
    public var config: Config
    public var hostConfig: HostConfig

    public init(id: String, state: State, config: Config, hostConfig: HostConfig) {
        self.id = id
        self.state = state
        self.config = config
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey { case id = "Id", state = "State", config = "Config", hostConfig = "HostConfig" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        state = try c.decode(State.self, forKey: .state)
        config = try c.decodeIfPresent(Config.self, forKey: .config) ?? Config()
        hostConfig = try c.decodeIfPresent(HostConfig.self, forKey: .hostConfig) ?? HostConfig()
    }
}

/// One entry of `GET /containers/json`.
public struct ContainerSummary: Decodable, Sendable, Equatable {
    public var id: String
    public var labels: [String: String]
    /// Creation time, seconds since 1970.
    public var created: Int64
    /// `running`, `exited`…
    public var state: String?

    public init(id: String, labels: [String: String], created: Int64, state: String?) {
        self.id = id
        self.labels = labels
        self.created = created
        self.state = state
    }

    enum CodingKeys: String, CodingKey { case id = "Id", labels = "Labels", created = "Created", state = "State" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        created = try c.decodeIfPresent(Int64.self, forKey: .created) ?? 0
        state = try c.decodeIfPresent(String.self, forKey: .state)
    }
}

/// Registry authentication for a pull (`X-Registry-Auth`).
public struct RegistryAuth: Codable, Sendable, Equatable {
    public var username: String?
    public var password: String?
    public var identityToken: String?
    public var registryToken: String?
    /// The registry these credentials are for (`127.0.0.1:5000`, `https://index.docker.io/v1/`).
    public var serverAddress: String

    public init(username: String? = nil, password: String? = nil, identityToken: String? = nil, registryToken: String? = nil, serverAddress: String) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
        self.registryToken = registryToken
        self.serverAddress = serverAddress
    }

    enum CodingKeys: String, CodingKey {
        case username, password, identityToken = "identitytoken", registryToken = "registrytoken", serverAddress = "serveraddress"
    }

    /// Every secret part (for masking).
    public var secrets: [String] { [password, identityToken, registryToken].compactMap { $0 } }
}

/// A line of pull progress: the layer (`id`), its status and, while downloading, bytes.
public struct PullProgress: Sendable, Equatable {
    public var status: String
    public var layer: String?
    public var current: Int64?
    public var total: Int64?

    public init(status: String, layer: String? = nil, current: Int64? = nil, total: Int64? = nil) {
        self.status = status
        self.layer = layer
        self.current = current
        self.total = total
    }
}

/// What a wait waits for.
public enum WaitCondition: String, Sendable {
    /// The next exit after the wait is registered (before start).
    case nextExit = "next-exit"
    /// Not running (returns at once for an exited container).
    case notRunning = "not-running"
}
