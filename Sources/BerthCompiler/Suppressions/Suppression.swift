import BerthDiagnostics

/// One `# berth: ignore[CODE, …]` (or `ignore-file[…]`) comment of a flow file.
struct Suppression: Sendable {
    /// The codes it names, in order, each with where it is written.
    var codes: [(code: String, range: SourceRange)]
    /// The 1-based line whose diagnostics it silences; nil for the whole file (`ignore-file`).
    var line: Int?
    /// The directive, from `#` to its `]`.
    var range: SourceRange
    /// The whole comment, from `#` to the end of the line (a reason may follow the directive).
    var comment: SourceRange

    func covers(_ diagnostic: Diagnostic) -> Bool {
        line == nil || line == diagnostic.range.start.line
    }
}
