/// The text of one input file with a line table for position conversions.
///
/// Line breaks are those YAML recognises (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029) so that
/// positions agree with libyaml's marks.
public final class SourceFile: Sendable {
    /// The path shown to users (as given on the command line, or `--stdin-filename`).
    public let path: String
    /// The raw bytes, unmodified.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lineStarts = SourceFile.computeLineStarts(bytes)
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Number of lines (a trailing line break does not start a counted line with content,
    /// but an empty last line is still addressable).
    public var lineCount: Int { lineStarts.count }

    /// Length of a leading UTF-8 byte-order mark (0 or 3). It is invisible and takes no column.
    public var bomLength: Int { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0 }

    /// The first byte of a 0-based line's content (after a leading byte-order mark on line 0).
    func contentStart(lineIndex: Int) -> Int {
        lineIndex == 0 ? min(bomLength, bytes.count) : lineStarts[lineIndex]
    }

    /// The position of a byte offset (clamped to the file).
    public func position(at offset: Int) -> SourcePosition {
        let offset = min(max(0, offset), bytes.count)
        let lineIndex = lineIndex(containing: offset)
        let column = scalarCount(from: contentStart(lineIndex: lineIndex), to: offset) + 1
        return SourcePosition(offset: offset, line: lineIndex + 1, column: column)
    }

    /// The position of a 1-based line and 1-based scalar column (as libyaml reports them,
    /// converted to 1-based). Columns past the end of the line clamp to the line end.
    public func position(line: Int, column: Int) -> SourcePosition {
        let lineIndex = min(max(0, line - 1), lineStarts.count - 1)
        let end = lineContentEnd(lineIndex: lineIndex, includeBreak: true)
        var offset = contentStart(lineIndex: lineIndex)
        var remaining = max(0, column - 1)
        while remaining > 0 && offset < end {
            offset += 1
            while offset < end && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return SourcePosition(offset: offset, line: lineIndex + 1, column: column - remaining)
    }

    /// A range from two byte offsets.
    public func range(_ offsets: Range<Int>) -> SourceRange {
        SourceRange(start: position(at: offsets.lowerBound), end: position(at: offsets.upperBound))
    }

    /// The text of a 1-based line without its line break.
    public func lineText(_ line: Int) -> String {
        let index = line - 1
        guard index >= 0 && index < lineStarts.count else { return "" }
        let start = contentStart(lineIndex: index)
        let end = lineContentEnd(lineIndex: index, includeBreak: false)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The byte offset just past the content of a 0-based line (before its break).
    public func lineContentEnd(lineIndex: Int, includeBreak: Bool) -> Int {
        let next = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        if includeBreak { return next }
        var end = next
        if end > lineStarts[lineIndex] {
            // Strip the break: \n, \r\n, \r, or a 2/3-byte Unicode break.
            if bytes[end - 1] == 0x0A {
                end -= 1
                if end > lineStarts[lineIndex] && bytes[end - 1] == 0x0D { end -= 1 }
            } else if bytes[end - 1] == 0x0D {
                end -= 1
            } else if end - lineStarts[lineIndex] >= 2 && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0x85 {
                end -= 2
            } else if end - lineStarts[lineIndex] >= 3 && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80
                        && (bytes[end - 1] == 0xA8 || bytes[end - 1] == 0xA9) {
                end -= 3
            }
        }
        return end
    }

    /// The UTF-16 column (0-based) of a position, for LSP clients.
    public func utf16Column(of position: SourcePosition) -> Int {
        let start = contentStart(lineIndex: position.line - 1)
        let prefix = String(decoding: bytes[start..<max(start, position.offset)], as: UTF8.self)
        return prefix.utf16.count
    }

    /// The byte offset of a 0-based line and a 0-based UTF-16 (or UTF-8) column, for LSP clients.
    public func offset(line: Int, utf16Column: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        let start = contentStart(lineIndex: line)
        let end = lineContentEnd(lineIndex: line, includeBreak: false)
        var units = 0
        var offset = start
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        for scalar in text.unicodeScalars {
            if units >= utf16Column { break }
            units += scalar.utf16.count
            offset += scalar.utf8.count
        }
        return offset
    }

    func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private func scalarCount(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    private static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            } else if byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0x85 {
                index += 1
                starts.append(index + 1)
            } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                index += 2
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }
}
