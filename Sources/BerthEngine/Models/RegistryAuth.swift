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
