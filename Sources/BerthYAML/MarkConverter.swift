import BerthDiagnostics

/// Turns libyaml marks (0-based line, 0-based character column) into exact byte positions.
struct MarkConverter {
    let file: SourceFile
    /// When every byte is ASCII a mark's character index is its byte offset.
    let isASCII: Bool

    init(file: SourceFile) {
        self.file = file
        isASCII = !file.bytes.contains { $0 >= 0x80 }
    }

    func position(_ mark: Mark) -> SourcePosition {
        // libyaml puts the stream end of a file without a final line break on a line of its
        // own, one past the last line; the offset path clamps it to the end of the file.
        if isASCII && mark.line < file.lineCount {
            return SourcePosition(offset: min(mark.index, file.bytes.count), line: mark.line + 1, column: mark.column + 1)
        }
        if isASCII { return file.position(at: mark.index) }
        // libyaml skips a leading byte-order mark without counting it, as SourceFile does.
        return file.position(line: mark.line + 1, column: mark.column + 1)
    }

    func range(_ start: Mark, _ end: Mark) -> SourceRange {
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
