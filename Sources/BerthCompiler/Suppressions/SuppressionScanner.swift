import BerthDiagnostics
import BerthYAML

/// Finds suppression comments. A `#` starts a comment at the start of a line or after a space or
/// tab, outside quoted and block scalars (whose ranges come from the YAML tree); a comment that
/// begins `# berth:` must be a suppression or it is reported.
struct SuppressionScanner {
    let file: SourceFile
    /// Byte ranges where a `#` is text, not a comment.
    let protected: [Range<Int>]

    init(_ stream: YAMLStream) {
        file = stream.file
        var ranges: [Range<Int>] = []
        var seen: Set<NodeKey> = []
        var pending = stream.documents.compactMap(\.root)
        // Nodes reached through aliases are shared: each range is visited once.
        while let node = pending.popLast() {
            guard seen.insert(NodeKey(start: node.range.start.offset, end: node.range.end.offset, isScalar: node.scalarStyle != nil)).inserted else { continue }
            if let style = node.scalarStyle, style != .plain { ranges.append(node.range.offsets) }
            if let items = node.sequence { pending += items }
            if let entries = node.mapping { pending += entries.filter { !$0.isMerged }.flatMap { [$0.key, $0.value] } }
        }
        protected = ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The suppressions, and the `# berth:` comments that are not one.
    func scan() -> (suppressions: [Suppression], problems: [Diagnostic]) {
        var suppressions: [Suppression] = [], problems: [Diagnostic] = []
        var waiting: [Int] = []  // indices of own-line suppressions waiting for the next content line
        for index in 0..<file.lineCount {
            let (comment, hasContent) = commentStart(lineIndex: index)
            if hasContent {
                for waiter in waiting { suppressions[waiter].line = index + 1 }
                waiting = []
            }
            guard let comment else { continue }
            let end = file.lineContentEnd(lineIndex: index, includeBreak: false)
            switch SuppressionSyntax.parse(Array(file.bytes[comment..<end]), at: comment, in: file) {
            case .none: continue
            case .invalid(let diagnostic): problems.append(diagnostic)
            case .suppression(var found):
                if found.line != nil {
                    found.line = index + 1
                    if !hasContent { waiting.append(suppressions.count) }
                }
                suppressions.append(found)
            }
        }
        // An own-line suppression with no line after it silences nothing: it stays, unused.
        return (suppressions, problems)
    }

    /// A node by its range and kind: a collection and its first scalar can share a range.
    private struct NodeKey: Hashable {
        let start: Int
        let end: Int
        let isScalar: Bool
    }

    /// The quoted or block scalar holding `offset`, found by binary search: the ranges are
    /// sorted and disjoint (a linear search per byte made large flows quadratic).
    private func protectedRange(containing offset: Int) -> Range<Int>? {
        var low = 0, high = protected.count
        while low < high {
            let middle = (low + high) / 2
            if protected[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0, protected[low - 1].contains(offset) else { return nil }
        return protected[low - 1]
    }

    /// Where the line's comment starts (nil for none), and whether the line has anything else.
    private func commentStart(lineIndex: Int) -> (Int?, Bool) {
        let start = file.lineStarts[lineIndex] + (lineIndex == 0 ? file.bomLength : 0)
        let end = file.lineContentEnd(lineIndex: lineIndex, includeBreak: false)
        var offset = start
        var content = false
        while offset < end {
            let byte = file.bytes[offset]
            if let inside = protectedRange(containing: offset) {
                content = true
                offset = inside.upperBound
                continue
            }
            if byte == UInt8(ascii: "#") && (offset == start || file.bytes[offset - 1] == 0x20 || file.bytes[offset - 1] == 0x09) {
                return (offset, content)
            }
            if byte != 0x20 && byte != 0x09 { content = true }
            offset += 1
        }
        return (nil, content)
    }
}
