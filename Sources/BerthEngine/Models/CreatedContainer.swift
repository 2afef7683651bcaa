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
