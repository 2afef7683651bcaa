/// A point in a source file.
///
/// `offset` is the UTF-8 byte offset from the start of the file (0-based). `line` is 1-based.
/// `column` is 1-based and counts Unicode scalars from the start of the line (as libyaml and
/// rustc do); a tab counts as one column. Editors that need UTF-16 columns convert with
/// ``SourceFile/utf16Column(of:)``.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 0-based UTF-8 byte offset.
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` in one source file.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty range at `position`.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The byte offsets this range covers.
    public var offsets: Range<Int> { start.offset..<end.offset }

    public var isEmpty: Bool { start.offset == end.offset }

    public var description: String { "\(start)-\(end)" }
}
