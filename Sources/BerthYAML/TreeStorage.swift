import BerthDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The flat arrays one stream's nodes live in: a fixed-size record per node, child indices in
/// one shared array, and decoded scalar bytes either in the source buffer itself (plain and
/// quoted scalars written without escapes or folding, the common case) or in one side buffer.
/// Nothing here is allocated per node; a scalar becomes a `String` only when asked for.
struct TreeStorage: Sendable {
    /// What a record is. Scalars carry their style; collections their style and kind.
    enum Kind: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case blockSequence, flowSequence, blockMapping, flowMapping
    }

    struct Record: Sendable {
        var start: PackedPosition
        var end: PackedPosition
        /// Scalars: the value's first byte (in the source, or in `decoded` when `decodedAside`).
        /// Sequences: the first index in `links`. Mappings: the first index in `entries`.
        var first: Int32
        /// Scalars: the value's length in bytes. Sequences: items. Mappings: entries.
        var count: Int32
        /// Nodes in the subtree with aliases expanded.
        var expandedSize: Int32
        var kind: Kind
        var decodedAside: Bool
    }

    /// A source position in 12 bytes (files over 2 GiB are refused before reading).
    struct PackedPosition: Sendable {
        var offset: Int32
        var line: Int32
        var column: Int32

        init(_ position: SourcePosition) {
            offset = Int32(truncatingIfNeeded: position.offset)
            line = Int32(truncatingIfNeeded: position.line)
            column = Int32(truncatingIfNeeded: position.column)
        }

        var position: SourcePosition { SourcePosition(offset: Int(offset), line: Int(line), column: Int(column)) }
    }

    let source: [UInt8]
    var records: [Record] = []
    /// Sequence items.
    var links: [Int32] = []
    /// Mapping entries, each with a copy of where its key's bytes are: a key lookup reads
    /// these contiguously instead of one node record per key (which profiles as cache misses).
    var entries: [Entry] = []

    struct Entry: Sendable {
        var key: Int32
        var value: Int32
        /// The key's value bytes, as in its record (0 and 0 for a collection key).
        var keyFirst: Int32
        var keyCount: Int32
        var flags: UInt8

        static let scalarKey: UInt8 = 1
        static let decodedAside: UInt8 = 2
        static let merged: UInt8 = 4
    }
    var decoded: [UInt8] = []
    var tags: [Int32: String] = [:]
    var anchors: [Int32: String] = [:]

    init(source: [UInt8]) {
        self.source = source
        records.reserveCapacity(source.count / 12)
        links.reserveCapacity(source.count / 64)
        entries.reserveCapacity(source.count / 24)
    }

    func isScalar(_ node: Int32) -> Bool { records[Int(node)].kind.rawValue <= Kind.folded.rawValue }

    func isMapping(_ node: Int32) -> Bool {
        let kind = records[Int(node)].kind
        return kind == .blockMapping || kind == .flowMapping
    }

    func isSequence(_ node: Int32) -> Bool {
        let kind = records[Int(node)].kind
        return kind == .blockSequence || kind == .flowSequence
    }

    /// Calls `body` with a scalar's decoded UTF-8 bytes.
    func withScalarBytes<R>(_ node: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let record = records[Int(node)]
        let buffer = record.decodedAside ? decoded : source
        return buffer.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(record.first)..<Int(record.first + record.count)]))
        }
    }

    func scalarString(_ node: Int32) -> String {
        withScalarBytes(node) { String(decoding: $0, as: UTF8.self) }
    }

    /// True when scalar `node`'s decoded value is exactly `utf8`.
    func scalarEquals(_ node: Int32, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let record = records[Int(node)]
        guard Int(record.count) == utf8.count else { return false }
        return withScalarBytes(node) { mine in TreeStorage.bytesEqual(mine.baseAddress, utf8.baseAddress, utf8.count) }
    }

    static func bytesEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let a, let b else { return false }
        // Keys are short: a loop beats the call.
        if count <= 16 {
            for i in 0..<count where a[i] != b[i] { return false }
            return true
        }
        return memcmp(a, b, count) == 0
    }

    func scalarEquals(_ node: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { scalarEquals(node, $0) }
    }

    /// True for an untagged (or `!!null`) plain scalar that YAML resolves to null.
    func isNull(_ node: Int32) -> Bool {
        let record = records[Int(node)]
        guard record.kind == .plain, record.count <= 4 else { return false }
        if !tags.isEmpty, let tag = tags[node], tag != "tag:yaml.org,2002:null" { return false }
        if record.count == 0 { return true }
        return scalarEquals(node, "~") || scalarEquals(node, "null") || scalarEquals(node, "Null") || scalarEquals(node, "NULL")
    }

    /// "sequence", "mapping", "null" or "scalar".
    func kindName(_ node: Int32) -> String {
        if isSequence(node) { return "sequence" }
        if isMapping(node) { return "mapping" }
        return isNull(node) ? "null" : "scalar"
    }

    func scalarsEqual(_ a: Int32, _ b: Int32) -> Bool {
        withScalarBytes(b) { scalarEquals(a, $0) }
    }

    func range(_ node: Int32) -> SourceRange {
        let record = records[Int(node)]
        return SourceRange(start: record.start.position, end: record.end.position)
    }

    /// Appends a scalar record; the value is referenced in place when the source spells it
    /// byte for byte between `range`'s ends (inside the quotes for a quoted scalar).
    mutating func appendScalar(_ value: UnsafeBufferPointer<UInt8>, range: SourceRange, kind: Kind) -> Int32 {
        var start = range.start.offset, end = range.end.offset
        if kind == .singleQuoted || kind == .doubleQuoted { start += 1; end -= 1 }
        var first = Int32(decoded.count)
        var aside = true
        if kind.rawValue <= Kind.doubleQuoted.rawValue, end - start == value.count, start >= 0, end <= source.count,
           source.withUnsafeBufferPointer({ TreeStorage.bytesEqual($0.baseAddress.map { $0 + start }, value.baseAddress, value.count) }) {
            first = Int32(start)
            aside = false
        } else {
            decoded.append(contentsOf: value)
        }
        records.append(Record(start: PackedPosition(range.start), end: PackedPosition(range.end), first: first,
                              count: Int32(value.count), expandedSize: 1, kind: kind, decodedAside: aside))
        return Int32(records.count - 1)
    }

    mutating func appendSequence(flow: Bool, range: SourceRange, items: ArraySlice<Int32>, expandedSize: Int) -> Int32 {
        let first = Int32(links.count)
        links.append(contentsOf: items)
        return appendRecord(kind: flow ? .flowSequence : .blockSequence, range: range, first: first, count: items.count, expandedSize: expandedSize)
    }

    /// `pairs` are key, value, key, value…; a merged entry's key is stored as `-(key + 1)`.
    mutating func appendMapping(flow: Bool, range: SourceRange, pairs: ArraySlice<Int32>, expandedSize: Int) -> Int32 {
        let first = Int32(entries.count)
        var i = pairs.startIndex
        while i < pairs.endIndex {
            var key = pairs[i]
            var flags: UInt8 = 0
            if key < 0 { key = -key - 1; flags |= Entry.merged }
            let record = records[Int(key)]
            var keyFirst: Int32 = 0, keyCount: Int32 = 0
            if record.kind.rawValue <= Kind.folded.rawValue {
                flags |= Entry.scalarKey
                if record.decodedAside { flags |= Entry.decodedAside }
                keyFirst = record.first
                keyCount = record.count
            }
            entries.append(Entry(key: key, value: pairs[i + 1], keyFirst: keyFirst, keyCount: keyCount, flags: flags))
            i += 2
        }
        return appendRecord(kind: flow ? .flowMapping : .blockMapping, range: range, first: first, count: pairs.count / 2, expandedSize: expandedSize)
    }

    private mutating func appendRecord(kind: Kind, range: SourceRange, first: Int32, count: Int, expandedSize: Int) -> Int32 {
        records.append(Record(start: PackedPosition(range.start), end: PackedPosition(range.end), first: first,
                              count: Int32(count), expandedSize: Int32(clamping: expandedSize), kind: kind, decodedAside: false))
        return Int32(records.count - 1)
    }

    /// The position of the first entry of mapping `node` whose key is a scalar spelled `key`.
    /// The lookup every check makes: one pass over the entries' records, lengths compared
    /// before bytes, no string made.
    func entryPosition(_ node: Int32, key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mapping = records[Int(node)]
        return entries.withUnsafeBufferPointer { entries in
            source.withUnsafeBufferPointer { source in
                decoded.withUnsafeBufferPointer { decoded in
                    let base = Int(mapping.first)
                    for position in 0..<Int(mapping.count) {
                        let entry = entries[base + position]
                        guard Int(entry.keyCount) == key.count, entry.flags & Entry.scalarKey != 0 else { continue }
                        let bytes = entry.flags & Entry.decodedAside != 0 ? decoded.baseAddress : source.baseAddress
                        if Self.bytesEqual(bytes.map { $0 + Int(entry.keyFirst) }, key.baseAddress, key.count) { return position }
                    }
                    return nil
                }
            }
        }
    }

    /// Entry `i` of mapping `node`: key, value and whether it came from a merge.
    func entry(_ node: Int32, _ i: Int) -> (key: Int32, value: Int32, merged: Bool) {
        let entry = entries[Int(records[Int(node)].first) + i]
        return (entry.key, entry.value, entry.flags & Entry.merged != 0)
    }

    func item(_ node: Int32, _ i: Int) -> Int32 { links[Int(records[Int(node)].first) + i] }
}
