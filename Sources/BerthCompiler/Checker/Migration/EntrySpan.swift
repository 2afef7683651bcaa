import BerthDiagnostics
import BerthYAML

/// The text of one mapping entry, for edits that replace or delete it whole.
enum EntrySpan {
    /// Where the entry's text ends: a flow collection or a quoted/plain scalar at its own end, a
    /// block collection at the end of the line of its last scalar (a block collection's own end
    /// is the next line's indentation); nil when it ends in a block scalar.
    static func end(of entry: YAMLMappingEntry, _ file: SourceFile) -> Int? {
        if entry.value.collectionStyle == .flow || (entry.value.scalar != nil && entry.value.scalarStyle != .literal && entry.value.scalarStyle != .folded) {
            return entry.value.range.end.offset
        }
        var last = entry.value
        while true {
            if let next = last.sequence?.last { last = next } else if let next = last.mapping?.last?.value { last = next } else { break }
        }
        guard last.scalar != nil, last.scalarStyle != .literal, last.scalarStyle != .folded else { return nil }
        return file.lineContentEnd(lineIndex: last.range.end.line - 1, includeBreak: false)
    }

    /// The edit deleting an entry of a block mapping with its lines (a trailing comment on them
    /// goes too); nil when the entry shares a line with something else (`- key: v`, a flow
    /// mapping, text after it).
    static func deletion(of entry: YAMLMappingEntry, in mapping: YAMLNode, _ file: SourceFile) -> TextEdit? {
        guard mapping.collectionStyle != .flow, let end = end(of: entry, file) else { return nil }
        let first = entry.key.range.start.line - 1
        let lineStart = file.lineStarts[first]
        guard file.bytes[lineStart..<entry.key.range.start.offset].allSatisfy({ $0 == UInt8(ascii: " ") }) else { return nil }
        let last = file.position(at: end).line - 1
        let rest = file.bytes[end..<file.lineContentEnd(lineIndex: last, includeBreak: false)]
        // Only a comment may follow on the entry's last line.
        let trimmed = rest.drop { $0 == UInt8(ascii: " ") }
        guard trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") else { return nil }
        return TextEdit(range: file.range(lineStart..<file.lineContentEnd(lineIndex: last, includeBreak: true)), replacement: "")
    }
}

extension YAMLMappingEntry {
    /// Written at this place in the file: not merged in with `<<`, and its value not an alias of
    /// a node written elsewhere (an edit there would change every use of the anchor).
    var isWrittenInPlace: Bool { !isMerged && value.range.start.offset >= key.range.end.offset }
}
