import BerthDiagnostics

/// Converts libyaml marks (0-based character index, line and column) to source positions
/// (byte offset, 1-based line and column).
///
/// libyaml counts characters, not bytes. Marks arrive nearly in order, so a cursor that walks
/// from the previous mark keeps the whole conversion linear — converting each mark from its
/// line start would be quadratic on a minified flow with a very long line.
struct MarkConverter {
    let file: SourceFile
    /// When every byte is ASCII a mark's character index is its byte offset.
    let isASCII: Bool
    let lineCount: Int
    /// The character index and byte offset of the last converted mark.
    private var cursorIndex = 0
    private var cursorOffset: Int

    init(file: SourceFile, isASCII: Bool) {
        self.file = file
        self.isASCII = isASCII
        lineCount = file.lineCount
        // libyaml skips a leading byte-order mark without counting it, as SourceFile does.
        cursorOffset = file.bomLength
    }

    mutating func position(_ mark: Mark) -> SourcePosition {
        // libyaml puts the stream end of a file without a final line break on a line of its
        // own, one past the last line; the offset path clamps it to the end of the file.
        guard mark.line < lineCount else {
            return file.position(at: isASCII ? mark.index : byteOffset(ofCharacter: mark.index))
        }
        let offset = isASCII ? min(mark.index, file.bytes.count) : byteOffset(ofCharacter: mark.index)
        return SourcePosition(offset: offset, line: mark.line + 1, column: mark.column + 1)
    }

    /// The byte offset of the character with libyaml index `index`, walking from the cursor.
    private mutating func byteOffset(ofCharacter index: Int) -> Int {
        let bytes = file.bytes
        let start = file.bomLength
        while cursorIndex < index && cursorOffset < bytes.count {
            cursorOffset += 1
            while cursorOffset < bytes.count && bytes[cursorOffset] & 0xC0 == 0x80 { cursorOffset += 1 }
            cursorIndex += 1
        }
        while cursorIndex > index && cursorOffset > start {
            cursorOffset -= 1
            while cursorOffset > start && bytes[cursorOffset] & 0xC0 == 0x80 { cursorOffset -= 1 }
            cursorIndex -= 1
        }
        return cursorOffset
    }

    mutating func range(_ start: Mark, _ end: Mark) -> SourceRange {
        SourceRange(start: position(start), end: position(end))
    }

    /// `range` with trailing spaces and line breaks removed (block scalars' end marks lie
    /// after their trailing line breaks).
    func trimmedTrailingWhitespace(_ range: SourceRange) -> SourceRange {
        var end = range.end.offset
        let bytes = file.bytes
        while end > range.start.offset + 1, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        return SourceRange(start: range.start, end: file.position(at: end))
    }
}
