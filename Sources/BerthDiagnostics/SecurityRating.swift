/// How sure a security audit is of a finding and how much it matters, for code-scanning tools
/// (JSON `confidence` and `securitySeverity`; SARIF `security-severity` and `precision`).
public struct SecurityRating: Hashable, Sendable {
    public enum Confidence: String, Hashable, Sendable, CaseIterable {
        /// The pattern is the problem itself (a secret in a command line).
        case high
        /// It is a problem unless something berth cannot see makes it safe.
        case medium
        /// Worth a look; often deliberate.
        case low
    }

    public var confidence: Confidence
    /// 0.0 to 10.0 as GitHub code scanning reads it: 9 and above critical, 7 high, 4 medium, below low.
    public var score: Double

    public init(_ confidence: Confidence, score: Double) {
        self.confidence = confidence
        self.score = score
    }

    /// The score as SARIF writes it ("7.5").
    public var scoreText: String { "\((min(max(score, 0), 10) * 10).rounded() / 10)" }
}
