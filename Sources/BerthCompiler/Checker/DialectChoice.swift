import BerthSchema

/// Which Kestra dialect a flow is checked as.
public enum DialectChoice: Sendable, Equatable {
    /// From the constructs that exist in one dialect only; 1.x when none (or both) appear.
    case detect
    /// Chosen by the user; `source` names where (`--kestra`, a `.berth.yaml` path) for messages.
    case fixed(KestraDialect, source: String)
}
