import Foundation

/// A container as `GET /containers/{id}/json` describes it (the parts berth reads).
public struct ContainerInspection: Decodable, Sendable, Equatable {
    public struct State: Decodable, Sendable, Equatable {
        public var running: Bool
        public var exitCode: Int
        public var oomKilled: Bool
        /// `created`, `running`, `exited`…
        public var status: String?
        /// When it last ended (nil while it never did).
        public var finishedAt: Date?

        public init(running: Bool, exitCode: Int, oomKilled: Bool, status: String?, finishedAt: Date? = nil) {
            self.running = running
            self.exitCode = exitCode
            self.oomKilled = oomKilled
            self.status = status
            self.finishedAt = finishedAt
        }

        enum CodingKeys: String, CodingKey {
            case running = "Running", exitCode = "ExitCode", oomKilled = "OOMKilled", status = "Status", finishedAt = "FinishedAt"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            running = try c.decodeIfPresent(Bool.self, forKey: .running) ?? false
            exitCode = try c.decodeIfPresent(Int.self, forKey: .exitCode) ?? -1
            oomKilled = try c.decodeIfPresent(Bool.self, forKey: .oomKilled) ?? false
            status = try c.decodeIfPresent(String.self, forKey: .status)
            finishedAt = (try c.decodeIfPresent(String.self, forKey: .finishedAt)).flatMap(Self.date)
        }

        /// Docker's RFC 3339 time with nanoseconds; the zero time (`0001-01-01…`) is none.
        static func date(_ text: String) -> Date? {
            guard !text.hasPrefix("0001-") else { return nil }
            var trimmed = text
            // ISO8601DateFormatter reads at most milliseconds.
            if let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
                trimmed = String(text[..<dot]) + "." + String(text[text.index(after: dot)..<zone].prefix(3)) + String(text[zone...])
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: trimmed) ?? ISO8601DateFormatter().date(from: trimmed)
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
