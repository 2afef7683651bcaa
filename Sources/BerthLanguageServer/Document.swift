import BerthDiagnostics
import Foundation

/// An open document: its text, version, and position conversions in the negotiated encoding.
struct Document {
    var uri: String
    var text: String
    var version: Int

    enum Encoding: String { case utf16 = "utf-16", utf8 = "utf-8" }

    var file: SourceFile { SourceFile(path: Document.path(of: uri), text: text) }

    static func path(of uri: String) -> String {
        if uri.hasPrefix("file://") { return URL(string: uri)?.path ?? String(uri.dropFirst(7)) }
        return uri
    }

    /// A byte offset from an LSP position.
    static func offset(_ position: [String: Any], in file: SourceFile, encoding: Encoding) -> Int {
        let line = position["line"] as? Int ?? 0
        let character = position["character"] as? Int ?? 0
        guard line < file.lineStarts.count else { return file.bytes.count }
        if encoding == .utf8 {
            let end = file.lineContentEnd(lineIndex: line, includeBreak: false)
            return min(file.lineStarts[line] + character, end)
        }
        return file.offset(line: line, utf16Column: character)
    }

    /// An LSP position from a source position.
    static func position(_ p: SourcePosition, in file: SourceFile, encoding: Encoding) -> [String: Any] {
        let character = encoding == .utf8 ? p.offset - file.lineStarts[p.line - 1] : file.utf16Column(of: p)
        return ["line": p.line - 1, "character": character]
    }

    static func range(_ r: SourceRange, in file: SourceFile, encoding: Encoding) -> [String: Any] {
        ["start": position(r.start, in: file, encoding: encoding), "end": position(r.end, in: file, encoding: encoding)]
    }

    /// Applies a `didChange` content change (whole text, or a range replacement).
    mutating func apply(_ change: [String: Any], encoding: Encoding) {
        guard let newText = change["text"] as? String else { return }
        guard let range = change["range"] as? [String: Any], let start = range["start"] as? [String: Any],
              let end = range["end"] as? [String: Any] else {
            text = newText
            return
        }
        let current = file
        let lower = Document.offset(start, in: current, encoding: encoding)
        let upper = max(lower, Document.offset(end, in: current, encoding: encoding))
        var bytes = current.bytes
        bytes.replaceSubrange(lower..<upper, with: Array(newText.utf8))
        text = String(decoding: bytes, as: UTF8.self)
    }
}
