import BerthDiagnostics
import BerthYAML

/// Adds `key: value` to a mapping right after one of its entries, written the way the mapping
/// is: a line of its own at the entry's indentation in a block mapping (after any comment that
/// ends the entry's line), `, key: value` in a flow mapping.
enum KeyInsertion {
    /// The edit, or nil when the entry's value is not a one-line scalar (a block scalar or a
    /// collection: where its last line ends is not a place to add a key) or the line holds
    /// something other than spaces and `- ` before the key.
    static func edit(inserting text: String, after entry: YAMLMappingEntry, in mapping: YAMLNode, _ file: SourceFile) -> TextEdit? {
        let value = entry.value
        if mapping.collectionStyle == .flow {
            return TextEdit(range: SourceRange(at: value.range.end), replacement: ", " + text)
        }
        guard value.scalar != nil, value.scalarStyle != .literal, value.scalarStyle != .folded,
              entry.key.range.start.line == value.range.end.line else { return nil }
        let keyLine = entry.key.range.start.line - 1
        let lineStart = file.lineStarts[keyLine]
        let prefix = file.bytes[lineStart..<entry.key.range.start.offset]
        guard prefix.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) else { return nil }
        let end = file.lineContentEnd(lineIndex: keyLine, includeBreak: false)
        let breakEnd = file.lineContentEnd(lineIndex: keyLine, includeBreak: true)
        let lineBreak = breakEnd - end == 2 ? "\r\n" : "\n"
        return TextEdit(range: file.range(end..<end), replacement: lineBreak + String(repeating: " ", count: prefix.count) + text)
    }
}
