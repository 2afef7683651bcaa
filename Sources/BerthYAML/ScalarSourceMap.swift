import BerthDiagnostics

/// Maps positions inside a scalar's decoded value back to the file, through quotes, escapes,
/// line folding and block indentation — so a problem at `{{ inputs.x }}` inside a
/// double-quoted or block scalar is reported at its exact line and column.
///
/// Built by re-decoding the scalar's source text per style while recording, for every UTF-8
/// byte of the value, the source offset it came from. If the re-decoded text does not equal
/// libyaml's value (an exotic construct), every value offset maps to the start of the scalar's
/// content, which is still inside the right token. A scalar the tree reads in place (written
/// without escapes or folding, the common case) needs no decoding: value byte `i` is source
/// byte `first + i`.
public struct ScalarSourceMap: Sendable {
    /// `offsets[i]` is the source byte offset of value byte `i`; one extra entry for the end.
    /// Empty when the value lies in the source as is (then `inPlace` says where).
    let offsets: [Int]
    /// The source offset of value byte 0 of a value that lies in the source as is.
    let inPlace: Int?
    let inPlaceCount: Int
    /// Whether the map is exact (false: the coarse fallback was used).
    public let isExact: Bool
    let file: SourceFile

    /// The map of a scalar node, or nil for collections.
    public init?(node: YAMLNode, file: SourceFile) {
        let record = node.record
        if node.isScalar, !record.decodedAside, record.kind.rawValue <= TreeStorage.Kind.doubleQuoted.rawValue, file === node.tree.file {
            self.file = file
            offsets = []
            inPlace = Int(record.first)
            inPlaceCount = Int(record.count)
            isExact = true
            return
        }
        guard let value = node.scalar, let style = node.scalarStyle else { return nil }
        self.file = file
        inPlace = nil
        inPlaceCount = 0
        var decoder = Decoder(bytes: file.bytes, start: node.range.start.offset, end: node.range.end.offset)
        switch style {
        case .plain: decoder.decodeFlow(quote: nil)
        case .singleQuoted: decoder.decodeFlow(quote: UInt8(ascii: "'"))
        case .doubleQuoted: decoder.decodeFlow(quote: UInt8(ascii: "\""))
        case .literal: decoder.decodeBlock(folded: false)
        case .folded: decoder.decodeBlock(folded: true)
        }
        let expected = Array(value.utf8)
        if decoder.value == expected {
            decoder.map.append(decoder.endOffset)
            offsets = decoder.map
            isExact = true
        } else {
            let start = min(node.range.start.offset + (style == .plain ? 0 : 1), node.range.end.offset)
            offsets = Array(repeating: start, count: expected.count + 1)
            isExact = false
        }
    }

    /// The source range of the value's UTF-8 byte range `valueRange`.
    public func sourceRange(ofValue valueRange: Range<Int>) -> SourceRange {
        if let inPlace {
            let lower = min(max(0, valueRange.lowerBound), inPlaceCount)
            var upper = inPlace + min(max(lower, valueRange.upperBound), inPlaceCount)
            // As below: a range ending inside a character ends after it.
            if valueRange.upperBound > valueRange.lowerBound {
                while upper < file.bytes.count && file.bytes[upper] & 0xC0 == 0x80 { upper += 1 }
            }
            return file.range(inPlace + lower..<upper)
        }
        let lower = offsets[min(max(0, valueRange.lowerBound), offsets.count - 1)]
        let upperIndex = min(max(0, valueRange.upperBound), offsets.count - 1)
        // The end is just past the last byte of the range, not the start of the next one,
        // which may be on another line after folding.
        var upper = offsets[upperIndex]
        if valueRange.upperBound > valueRange.lowerBound {
            let last = offsets[upperIndex - 1]
            upper = last + 1
            while upper < file.bytes.count && file.bytes[upper] & 0xC0 == 0x80 { upper += 1 }
        }
        return file.range(lower..<max(lower, upper))
    }

    /// Re-decodes scalar source text, recording provenance per value byte.
    struct Decoder {
        let bytes: [UInt8]
        var position: Int
        let end: Int
        var value: [UInt8] = []
        var map: [Int] = []
        var endOffset: Int

        init(bytes: [UInt8], start: Int, end: Int) {
            self.bytes = bytes
            self.position = start
            self.end = min(end, bytes.count)
            self.endOffset = self.end
        }

        mutating func emit(_ byte: UInt8, from offset: Int) {
            value.append(byte)
            map.append(offset)
        }

        mutating func emit(scalar: UInt32, from offset: Int) {
            guard let s = Unicode.Scalar(scalar) else { return }
            for byte in String(s).utf8 { emit(byte, from: offset) }
        }

        func isBreak(_ i: Int) -> Bool { i < end && (bytes[i] == 0x0A || bytes[i] == 0x0D) }
        func isBlank(_ i: Int) -> Bool { i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) }

        /// Skips one line break (\n, \r\n or \r) at `position`.
        mutating func skipBreak() {
            if bytes[position] == 0x0D && position + 1 < end && bytes[position + 1] == 0x0A { position += 2 } else { position += 1 }
        }

        /// Plain, single- and double-quoted scalars: flow folding and escapes.
        mutating func decodeFlow(quote: UInt8?) {
            var stop = end
            if quote != nil {
                position += 1
                stop = end - 1
                endOffset = stop
            }
            while position < stop {
                let byte = bytes[position]
                if quote == UInt8(ascii: "'") && byte == UInt8(ascii: "'") && position + 1 < stop && bytes[position + 1] == byte {
                    emit(byte, from: position)
                    position += 2
                } else if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                    decodeEscape(stop: stop)
                } else if byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 {
                    foldWhitespace(stop: stop)
                } else {
                    emit(byte, from: position)
                    position += 1
                }
            }
        }

        /// Whitespace inside a flow scalar: kept unless a line break follows; a single break
        /// becomes one space, n+1 breaks become n newlines; leading blanks of lines dropped.
        mutating func foldWhitespace(stop: Int) {
            let blankStart = position
            while position < stop && isBlank(position) { position += 1 }
            guard position < stop && isBreak(position) else {
                for i in blankStart..<position { emit(bytes[i], from: i) }
                return
            }
            let firstBreak = position
            var breaks = 0
            while position < stop && (isBreak(position) || isBlank(position)) {
                if isBreak(position) { breaks += 1; skipBreak() } else { position += 1 }
            }
            if breaks == 1 {
                emit(0x20, from: firstBreak)
            } else {
                for _ in 1..<breaks { emit(0x0A, from: firstBreak) }
            }
        }

        mutating func decodeEscape(stop: Int) {
            let start = position
            position += 1
            guard position < stop else { return }
            let c = bytes[position]
            position += 1
            let simple: [UInt8: UInt32] = [
                UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, 0x09: 9,
                UInt8(ascii: "n"): 10, UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13,
                UInt8(ascii: "e"): 0x1B, 0x20: 0x20, UInt8(ascii: "\""): 0x22, UInt8(ascii: "/"): 0x2F,
                UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "N"): 0x85, UInt8(ascii: "_"): 0xA0,
                UInt8(ascii: "L"): 0x2028, UInt8(ascii: "P"): 0x2029,
            ]
            if let scalar = simple[c] {
                emit(scalar: scalar, from: start)
                return
            }
            let digits: Int = switch c {
            case UInt8(ascii: "x"): 2
            case UInt8(ascii: "u"): 4
            case UInt8(ascii: "U"): 8
            default: 0
            }
            if digits > 0 {
                var number: UInt32 = 0
                for _ in 0..<digits where position < stop {
                    number = number &* 16 &+ UInt32(hexValue(bytes[position]))
                    position += 1
                }
                emit(scalar: number, from: start)
                return
            }
            if c == 0x0A || c == 0x0D {
                // An escaped line break joins the lines without a space.
                position -= 1
                skipBreak()
                while position < stop && (isBlank(position) || isBreak(position)) {
                    if isBreak(position) { emit(0x0A, from: position); skipBreak() } else { position += 1 }
                }
            }
        }

        func hexValue(_ byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: 0
            }
        }

        /// Literal and folded block scalars: header, indentation, chomping, folding.
        mutating func decodeBlock(folded: Bool) {
            // Header: indicator, optional chomping/indent digits, optional comment.
            position += 1
            var chomp: UInt8 = 0
            var explicitIndent = 0
            while position < end && !isBreak(position) {
                let c = bytes[position]
                if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { chomp = c }
                if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") { explicitIndent = Int(c - UInt8(ascii: "0")) }
                if c == UInt8(ascii: "#") { break }
                position += 1
            }
            while position < end && !isBreak(position) { position += 1 }
            guard position < end else { return }
            skipBreak()
            let lines = contentLines()
            guard !lines.isEmpty else { return }
            var indent = explicitIndent
            if indent == 0 {
                indent = lines.first(where: { !$0.isEmpty })?.indent ?? 0
            } else {
                indent += parentIndent()
            }
            var pendingBreaks: [Int] = []
            var previousMoreIndented = true
            var first = true
            for line in lines {
                let contentStart = min(line.start + indent, line.end)
                let isEmpty = line.end <= line.start + indent && line.isEmpty
                if isEmpty {
                    pendingBreaks.append(line.breakOffset)
                    continue
                }
                let moreIndented = contentStart < line.end && isBlank(contentStart)
                if !first {
                    if folded && !moreIndented && !previousMoreIndented && pendingBreaks.count >= 1 {
                        // The first break folds into a space, or disappears before empty lines.
                        if pendingBreaks.count == 1 {
                            emit(0x20, from: pendingBreaks[0])
                        } else {
                            for b in pendingBreaks.dropFirst() { emit(0x0A, from: b) }
                        }
                    } else {
                        for b in pendingBreaks { emit(0x0A, from: b) }
                    }
                } else {
                    for b in pendingBreaks { emit(0x0A, from: b) }
                }
                pendingBreaks = []
                for i in contentStart..<line.end { emit(bytes[i], from: i) }
                pendingBreaks.append(line.breakOffset)
                previousMoreIndented = moreIndented
                first = false
            }
            // Chomping: strip drops all, clip keeps one, keep keeps all trailing breaks.
            if first { pendingBreaks = chomp == UInt8(ascii: "+") ? pendingBreaks : [] }
            switch chomp {
            case UInt8(ascii: "-"): break
            case UInt8(ascii: "+"): for b in pendingBreaks { emit(0x0A, from: b) }
            default: if let b = pendingBreaks.first, !first { emit(0x0A, from: b) }
            }
            endOffset = map.last.map { $0 + 1 } ?? position
        }

        struct Line {
            var start: Int
            var end: Int
            var breakOffset: Int
            var indent: Int
            var isEmpty: Bool
        }

        /// The lines from `position` to the end of the token (whose end was trimmed of
        /// trailing breaks, so the last line may have no break).
        mutating func contentLines() -> [Line] {
            var lines: [Line] = []
            var scanEnd = end
            // Trailing empty lines belong to the scalar for chomping: extend to them.
            while scanEnd < bytes.count && (bytes[scanEnd] == 0x20 || isBreakByte(bytes[scanEnd])) {
                scanEnd += 1
            }
            var i = position
            while i < scanEnd {
                let start = i
                while i < scanEnd && !isBreakByte(bytes[i]) { i += 1 }
                var indent = 0
                while start + indent < i && bytes[start + indent] == 0x20 { indent += 1 }
                let isEmpty = start + indent == i
                // A line beyond the token that has content is not ours.
                if start >= end && !isEmpty { break }
                lines.append(Line(start: start, end: i, breakOffset: i, indent: indent, isEmpty: isEmpty))
                if i < scanEnd {
                    if bytes[i] == 0x0D && i + 1 < scanEnd && bytes[i + 1] == 0x0A { i += 2 } else { i += 1 }
                }
            }
            // Drop trailing empty lines that are indented less than needed? Keep them: chomping decides.
            return lines
        }

        func isBreakByte(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

        /// Indentation of the line holding the block header (for explicit indentation digits).
        func parentIndent() -> Int {
            // `position` is at the first content line; the header line is the one before.
            var headerStart = max(0, position - 1)
            while headerStart > 0 && !isBreakByte(bytes[headerStart - 1]) { headerStart -= 1 }
            if headerStart > 0 && position - 1 >= 0 && isBreakByte(bytes[position - 1]) {
                // position-1 is the header's own line break: step to that line's start.
                var start = position - 1
                if start > 0 && bytes[start] == 0x0A && bytes[start - 1] == 0x0D { start -= 1 }
                headerStart = start
                while headerStart > 0 && !isBreakByte(bytes[headerStart - 1]) { headerStart -= 1 }
            }
            // The parent's indentation is where its key starts, after any "- " indicators.
            var indent = 0
            while headerStart + indent < bytes.count {
                if bytes[headerStart + indent] == 0x20 {
                    indent += 1
                } else if bytes[headerStart + indent] == UInt8(ascii: "-") && headerStart + indent + 1 < bytes.count
                            && bytes[headerStart + indent + 1] == 0x20 {
                    indent += 2
                } else {
                    break
                }
            }
            return indent
        }
    }
}
