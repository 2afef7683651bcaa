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
