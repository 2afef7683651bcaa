import Foundation

/// The documented, stable JSON output (`--format json`); see README "Output formats".
///
/// Shape: `{"version": 1, "diagnostics": [...], "summary": {"errors", "warnings", "infos"}}`.
/// Keys are sorted; positions carry a 0-based byte `offset`, a 1-based `line` and a 1-based
/// `column` in Unicode scalars.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let sorted = DiagnosticOrder.normalized(diagnostics)
        let document = Document(
            version: 1,
            diagnostics: sorted.map(Entry.init),
            summary: Summary(
                errors: sorted.count(of: .error), warnings: sorted.count(of: .warning),
                infos: sorted.count(of: .info)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        var version: Int
        var diagnostics: [Entry]
        var summary: Summary
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var infos: Int
    }

    struct Position: Encodable {
        var offset: Int
        var line: Int
        var column: Int
        init(_ p: SourcePosition) { offset = p.offset; line = p.line; column = p.column }
    }

    struct Range: Encodable {
        var start: Position
        var end: Position
        init(_ r: SourceRange) { start = Position(r.start); end = Position(r.end) }
    }

    struct NoteEntry: Encodable {
        var message: String
        var path: String?
        var range: Range?
    }

    struct Edit: Encodable {
        var range: Range
        var replacement: String
    }

    struct Fix: Encodable {
        var message: String
        var edits: [Edit]
        /// `machine-applicable` (`lint --fix` applies it) or `maybe-incorrect`.
        var applicability: String
    }

    struct Entry: Encodable {
        var path: String
        var severity: String
        var code: String
        var message: String
        var range: Range
        var notes: [NoteEntry]
        var help: String?
        var fixes: [Fix]
        /// Audits only: `high`, `medium` or `low`.
        var confidence: String?
        /// Audits only: 0.0–10.0.
        var securitySeverity: Double?

        init(_ d: Diagnostic) {
            path = d.path
            severity = d.severity.rawValue
            code = d.code.rawValue
            message = d.message
            range = Range(d.range)
            notes = d.notes.map { NoteEntry(message: $0.message, path: $0.range == nil ? nil : ($0.path ?? d.path), range: $0.range.map(Range.init)) }
            help = d.help
            fixes = d.fixIts.map { Fix(message: $0.message, edits: $0.edits.map { Edit(range: Range($0.range), replacement: $0.replacement) },
                                       applicability: $0.applicability.rawValue) }
            confidence = d.security?.confidence.rawValue
            securitySeverity = d.security?.score
        }
    }
}
