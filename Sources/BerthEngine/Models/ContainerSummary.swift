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
