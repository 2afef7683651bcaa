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
