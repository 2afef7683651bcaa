import BerthDiagnostics

/// The text of a suppression comment: `# berth: ignore[CODE, CODE]` or
/// `# berth: ignore-file[CODE]`, optionally followed by a reason.
enum SuppressionSyntax {
    enum Parsed {
        /// Not a `# berth:` comment.
        case none
        case invalid(Diagnostic)
        /// `line` is 0 for a line suppression (the scanner sets it), nil for a file one.
        case suppression(Suppression)
    }

    static func parse(_ comment: [UInt8], at offset: Int, in file: SourceFile) -> Parsed {
        let text = String(decoding: comment, as: UTF8.self)
        guard text.firstMatch(of: /^#\s*berth\s*:/) != nil else { return .none }
        let whole = file.range(offset..<offset + comment.count)
        let directive = /^#\s*berth\s*:\s*(ignore-file|ignore)\[([^\]]*)\]/
        guard let match = text.firstMatch(of: directive) else {
            return .invalid(Diagnostic(.warning, "invalid-suppression", "this \"# berth:\" comment is not a suppression",
                                       path: file.path, range: whole,
                                       help: "write # berth: ignore[CODE, …] to silence codes on this line (or, alone on a line, on the next one), or # berth: ignore-file[CODE, …]"))
        }
        let listStart = offset + text.utf8.distance(from: text.startIndex, to: match.output.2.startIndex)
        var codes: [(String, SourceRange)] = []
        var cursor = listStart
        for part in match.output.2.split(separator: ",", omittingEmptySubsequences: false) {
            let raw = String(part)
            let leading = raw.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let code = raw.trimmingCharacters(in: .whitespaces)
            defer { cursor += raw.utf8.count + 1 }
            guard !code.isEmpty else { continue }
            let range = file.range(cursor + leading..<cursor + leading + code.utf8.count)
            guard code.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil else {
                return .invalid(Diagnostic(.warning, "invalid-suppression", "\"\(code)\" is not a diagnostic code (codes are kebab-case, like \"deprecated\")",
                                           path: file.path, range: range))
            }
            codes.append((code, range))
        }
        let end = offset + text.utf8.distance(from: text.startIndex, to: match.range.upperBound)
        guard !codes.isEmpty else {
            return .invalid(Diagnostic(.warning, "invalid-suppression", "this suppression names no code", path: file.path,
                                       range: file.range(offset..<end), help: "name the codes to silence: # berth: ignore[deprecated]"))
        }
        let isFile = match.output.1 == "ignore-file"
        return .suppression(Suppression(codes: codes, line: isFile ? nil : 0, range: file.range(offset..<end), comment: whole))
    }
}
