/// `path:line:col: severity: message [code]`, one line per diagnostic: the format problem
/// matchers and quickfix lists parse.
public struct ShortRenderer: Sendable {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in DiagnosticOrder.normalized(diagnostics) {
            out += line(for: diagnostic)
            out += "\n"
        }
        return out
    }

    public func line(for d: Diagnostic) -> String {
        "\(d.path):\(d.range.start.line):\(d.range.start.column): \(d.severity.rawValue): \(d.message) [\(d.code.rawValue)]"
    }
}
