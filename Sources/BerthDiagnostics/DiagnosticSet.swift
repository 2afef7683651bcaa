/// Helpers over a list of diagnostics: the canonical order and de-duplication every renderer uses.
public enum DiagnosticOrder {
    /// Sorted by path, line, column, then severity (errors first), code and message;
    /// exact duplicates removed.
    public static func normalized(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        var unique: [Diagnostic] = []
        unique.reserveCapacity(diagnostics.count)
        for diagnostic in diagnostics where seen.insert(diagnostic).inserted {
            unique.append(diagnostic)
        }
        return unique.sorted(by: precedes)
    }

    static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.range.start.offset != b.range.start.offset { return a.range.start.offset < b.range.start.offset }
        if a.severity != b.severity { return a.severity > b.severity }
        if a.code != b.code { return a.code < b.code }
        if a.message != b.message { return a.message < b.message }
        return a.range.end.offset < b.range.end.offset
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error, or (when `strict`) a warning.
    public func failsCheck(strict: Bool) -> Bool {
        contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// Counts per severity.
    public func count(of severity: Severity) -> Int {
        reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}
