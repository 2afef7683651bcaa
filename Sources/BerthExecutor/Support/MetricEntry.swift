
/// A metric a task reported through the output protocol.
public struct MetricEntry: Codable, Sendable, Equatable {
    /// `counter`, `timer` or `gauge`.
    public var type: String
    public var name: String
    /// The count, or for a timer the duration in seconds.
    public var value: Double
    public var tags: [String: String]
}
