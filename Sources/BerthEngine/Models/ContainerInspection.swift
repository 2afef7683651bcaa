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
