/// How serious a diagnostic is. Ordered: `info` < `warning` < `error`.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable kebab-case identifier of a kind of problem, documented in grammar/diagnostics.md.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A secondary message attached to a diagnostic, with its own range ("first defined here").
public struct Note: Hashable, Sendable {
    public var message: String
    /// The file the range is in; `nil` means the diagnostic's own file.
    public var path: String?
    public var range: SourceRange?

    public init(_ message: String, path: String? = nil, range: SourceRange? = nil) {
        self.message = message
        self.path = path
        self.range = range
    }
}

/// Replace the bytes of `range` with `replacement`.
public struct TextEdit: Hashable, Sendable {
    public var range: SourceRange
    public var replacement: String

    public init(range: SourceRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A suggested change: a title and the edits that implement it.
public struct FixIt: Hashable, Sendable {
    /// Whether a tool may apply the fix without a person choosing it (rustc's terms).
    public enum Applicability: String, Hashable, Sendable {
        /// The fix is what the author meant (`berth lint --fix` applies it).
        case machineApplicable = "machine-applicable"
        /// A guess ("did you mean") or a change of what Kestra runs: applied only with
        /// `--fix-suggestions`, preferred in no editor.
        case maybeIncorrect = "maybe-incorrect"
    }

    public var message: String
    public var edits: [TextEdit]
    public var applicability: Applicability

    public init(_ message: String, edits: [TextEdit], applicability: Applicability = .machineApplicable) {
        self.message = message
        self.edits = edits
        self.applicability = applicability
    }
}

/// One problem found in one file.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var code: DiagnosticCode
    /// What was found and what was expected; user names quoted with "…".
    public var message: String
    /// The file the primary range is in, as shown to users.
    public var path: String
    /// The primary range (start and end).
    public var range: SourceRange
    public var notes: [Note]
    /// One line of advice ("did you mean \"commands\"?").
    public var help: String?
    public var fixIts: [FixIt]
    /// Set by security audits: confidence and severity score.
    public var security: SecurityRating?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        path: String, range: SourceRange,
        notes: [Note] = [], help: String? = nil, fixIts: [FixIt] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.range = range
        self.notes = notes
        self.help = help
        self.fixIts = fixIts
    }
}
