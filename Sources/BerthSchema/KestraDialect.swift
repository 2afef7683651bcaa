/// A Kestra flow dialect: 1.x (the 1.3 LTS line) or 2.0 (LTS since September 2026).
public enum KestraDialect: Int, Sendable, Comparable, CaseIterable {
    case v1 = 1
    case v2 = 2

    /// Reads `1`, `1.x`, `1.3`, `2`, `2.0`, `2.x` (what `--kestra`, `.berth.yaml` and the
    /// grammar's `since`/`until` accept); nil otherwise.
    public init?(text: String) {
        switch text {
        case "1", "1.x", "1.3": self = .v1
        case "2", "2.0", "2.x": self = .v2
        default: return nil
        }
    }

    /// "Kestra 1.x" or "Kestra 2.0", as messages name it.
    public var name: String { self == .v1 ? "Kestra 1.x" : "Kestra 2.0" }

    /// The value `--kestra` and `.berth.yaml` take: "1" or "2".
    public var flag: String { String(rawValue) }

    public static func < (lhs: KestraDialect, rhs: KestraDialect) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The dialects a grammar construct exists in: from `since` (inclusive) up to `until`
/// (exclusive); nil ends are open.
public struct Availability: Sendable, Hashable {
    public var since: KestraDialect?
    public var until: KestraDialect?

    public init(since: KestraDialect? = nil, until: KestraDialect? = nil) {
        self.since = since
        self.until = until
    }

    /// In every dialect.
    public static let always = Availability()

    public var isAlways: Bool { since == nil && until == nil }

    public func contains(_ dialect: KestraDialect) -> Bool {
        (since.map { dialect >= $0 } ?? true) && (until.map { dialect < $0 } ?? true)
    }
}
