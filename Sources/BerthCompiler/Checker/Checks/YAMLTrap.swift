import BerthDiagnostics
import BerthYAML

/// Where YAML made a mapping of what was meant as text: a one-line plain value with `: ` in it
/// (`- curl -H "Authorization: Bearer x"` is a key and a value), or an unquoted `{{ … }}`
/// (a flow mapping in a flow mapping). The help says why; the fix-it quotes the text.
struct YAMLTrap {
    let help: String
    let fixIt: FixIt

    init?(_ node: YAMLNode, file: SourceFile) {
        guard let entries = node.mapping, !entries.isEmpty else { return nil }
        let start = node.range.start.offset
        let lineEnd = file.lineContentEnd(lineIndex: node.range.start.line - 1, includeBreak: false)
        let text = String(decoding: file.bytes[start..<lineEnd], as: UTF8.self)
        let written = Self.withoutComment(text)
        if node.collectionStyle == .flow && written.hasPrefix("{{") {
            // The flow mapping must end on this line for a one-line quoting fix.
            guard node.range.end.offset <= lineEnd else { return nil }
            help = "YAML reads a value that starts with { as a mapping: quote the whole template"
        } else if node.collectionStyle == .block, entries.count == 1, entries[0].key.scalarStyle == .plain,
                  entries[0].value.range.end.line == node.range.start.line, entries[0].value.scalar != nil {
            help = "the \": \" in this line makes YAML read it as a key and a value: quote the whole line to keep it text"
        } else {
            return nil
        }
        let trimmed = written.trimmingCharacters(in: .whitespaces)
        let quoted = trimmed.contains("'") && !trimmed.contains("\"") && !trimmed.contains("\\")
            ? "\"\(trimmed)\"" : "'" + trimmed.replacingOccurrences(of: "'", with: "''") + "'"
        let end = start + trimmed.utf8.count
        fixIt = FixIt("quote it", edits: [TextEdit(range: file.range(start..<end), replacement: quoted)])
    }

    /// The text before a ` #` comment.
    static func withoutComment(_ text: String) -> String {
        guard let range = text.range(of: " #") else { return text }
        return String(text[..<range.lowerBound])
    }
}
