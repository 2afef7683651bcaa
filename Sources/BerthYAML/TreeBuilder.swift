import BerthDiagnostics

/// Builds the flat tree from events with an explicit stack (no recursion, so depth costs no
/// stack). Open collections collect their children's indices on one shared scratch stack, so
/// building allocates nothing per node.
struct TreeBuilder {
    let file: SourceFile
    let limits: ReaderLimits
    var marks: MarkConverter
    var storage: TreeStorage
    /// Documents read so far: position in the stream, root index, range.
    var documents: [(root: Int32?, range: SourceRange)] = []
    var diagnostics: [Diagnostic] = []

    private var stack: [Frame] = []
    private var scratch: [Int32] = []
    private var anchors: [String: Int32] = [:]
    private var documentStart: Mark?
    private var root: Int32?
    private var aliasBudget: Int
    private var reportedExpansion = false

    init(file: SourceFile, limits: ReaderLimits, isASCII: Bool) {
        self.file = file
        self.limits = limits
        self.marks = MarkConverter(file: file, isASCII: isASCII)
        self.storage = TreeStorage(source: file.bytes)
        self.aliasBudget = limits.maxAliasExpansion
    }

    /// An open collection; its children are `scratch[scratchStart...]` (key/value pairs for a
    /// mapping; a key waits in `pendingKey` until its value arrives).
    private struct Frame {
        let isMapping: Bool
        let flow: Bool
        let start: Mark
        let anchor: String?
        let tag: String?
        let scratchStart: Int
        var pendingKey: Int32?
        /// First key per name, built once a mapping has 16 entries (a linear scan before).
        var keyIndex: [String: Int32]?
        /// Entries from `<<` merges, with the entry position where they belong.
        var merges: [(position: Int, entries: [(key: Int32, value: Int32)])] = []
        var size = 1
        /// End of the last child as written here (an alias ends where the alias is).
        var lastEnd: SourcePosition?
    }

    /// Consumes one event; returns false when reading must stop (a limit was hit).
    mutating func handle(_ event: Event) -> Bool {
        switch event.kind {
        case .streamStart, .streamEnd:
            return true
        case .documentStart:
            documentStart = event.start
            anchors = [:]
            root = nil
            aliasBudget = limits.maxAliasExpansion
            reportedExpansion = false
            return true
        case .documentEnd:
            let start = documentStart.map { marks.position($0) } ?? SourcePosition(offset: 0, line: 1, column: 1)
            let end = root.map { storage.range($0).end } ?? start
            documents.append((root: root, range: SourceRange(start: start, end: end)))
            return true
        case .alias(let name):
            alias(name, range: marks.range(event.start, event.end))
            return true
        case .scalar(let value, let anchor, let tag, let style):
            var range = marks.range(event.start, event.end)
            if style == .literal || style == .folded { range = marks.trimmedTrailingWhitespace(range) }
            let node = storage.appendScalar(value, range: range, kind: Self.kind(style))
            label(node, anchor: anchor, tag: tag)
            add(node, end: range.end)
            return true
        case .sequenceStart(let anchor, let tag, let flow), .mappingStart(let anchor, let tag, let flow):
            var isMapping = false
            if case .mappingStart = event.kind { isMapping = true }
            if stack.count >= limits.maxDepth {
                diagnostics.append(Diagnostic(
                    .error, "nesting-too-deep",
                    "collections are nested more than \(limits.maxDepth) levels deep",
                    path: file.path, range: marks.range(event.start, event.end),
                    help: "flows never need this depth; the rest of the file was not read"))
                return false
            }
            stack.append(Frame(isMapping: isMapping, flow: flow, start: event.start, anchor: anchor, tag: tag,
                               scratchStart: scratch.count))
            return true
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return true }
            let node = finish(frame, endMark: event.end)
            label(node, anchor: frame.anchor, tag: frame.tag)
            add(node, end: storage.range(node).end)
            return true
        }
    }

    private static func kind(_ style: ScalarStyle) -> TreeStorage.Kind {
        switch style {
        case .plain: .plain
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        }
    }

    private mutating func label(_ node: Int32, anchor: String?, tag: String?) {
        if let tag { storage.tags[node] = tag }
        if let anchor {
            storage.anchors[node] = anchor
            anchors[anchor] = node
        }
    }

    private mutating func alias(_ name: String, range: SourceRange) {
        guard let target = anchors[name] else {
            diagnostics.append(Diagnostic(.error, "unknown-alias", "alias \"*\(name)\" refers to no anchor defined before it",
                                          path: file.path, range: range,
                                          help: "define the anchor with \"&\(name)\" on a node earlier in the same document"))
            add(nullNode(range), end: range.end)
            return
        }
        aliasBudget -= Int(storage.records[Int(target)].expandedSize)
        if aliasBudget < 0 {
            if !reportedExpansion {
                reportedExpansion = true
                diagnostics.append(Diagnostic(
                    .error, "alias-expansion-limit",
                    "aliases in this document expand to more than \(limits.maxAliasExpansion) nodes",
                    path: file.path, range: range,
                    notes: [Note("the anchor \"&\(name)\" is defined here", range: storage.range(target))],
                    help: "this looks like an alias bomb (\"billion laughs\"); expand fewer aliases"))
            }
            add(nullNode(range), end: range.end)
            return
        }
        add(target, end: range.end)
    }

    private mutating func nullNode(_ range: SourceRange) -> Int32 {
        storage.appendScalar(UnsafeBufferPointer(start: nil, count: 0), range: range, kind: .plain)
    }

    private mutating func finish(_ frame: Frame, endMark: Mark) -> Int32 {
        let start = marks.position(frame.start)
        let end = frame.flow ? marks.position(endMark) : (frame.lastEnd ?? start)
        let range = SourceRange(start: start, end: end)
        defer { scratch.removeSubrange(frame.scratchStart...) }
        let children = scratch[frame.scratchStart...]
        guard frame.isMapping else {
            return storage.appendSequence(flow: frame.flow, range: range, items: children, expandedSize: frame.size)
        }
        guard !frame.merges.isEmpty else {
            return storage.appendMapping(flow: frame.flow, range: range, pairs: children, expandedSize: frame.size)
        }
        return storage.appendMapping(flow: frame.flow, range: range, pairs: mergedEntries(frame, children)[...], expandedSize: frame.size)
    }

    /// Explicit entries win over merged ones; merged entries sit where their `<<` was, and
    /// among several merged mappings the first one wins (YAML merge-key semantics).
    private func mergedEntries(_ frame: Frame, _ children: ArraySlice<Int32>) -> [Int32] {
        let explicit = stride(from: children.startIndex, to: children.endIndex, by: 2).map { (children[$0], children[$0 + 1]) }
        var taken = Set(explicit.compactMap { storage.isScalar($0.0) ? storage.scalarString($0.0) : nil })
        var result: [Int32] = []
        var mergeIndex = 0
        for position in 0...explicit.count {
            while mergeIndex < frame.merges.count && frame.merges[mergeIndex].position == position {
                for entry in frame.merges[mergeIndex].entries where storage.isScalar(entry.key) {
                    guard taken.insert(storage.scalarString(entry.key)).inserted else { continue }
                    result += [-entry.key - 1, entry.value]
                }
                mergeIndex += 1
            }
            if position < explicit.count { result += [explicit[position].0, explicit[position].1] }
        }
        return result
    }

    private mutating func add(_ node: Int32, end: SourcePosition) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += Int(storage.records[Int(node)].expandedSize)
        stack[top].lastEnd = end
        guard stack[top].isMapping else {
            scratch.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return
        }
        stack[top].pendingKey = nil
        if isMergeKey(key) {
            merge(node, into: top)
            return
        }
        if storage.isScalar(key) {
            if let first = firstKey(equalTo: key, in: top) {
                diagnostics.append(Diagnostic(
                    .error, "duplicate-key", "duplicate key \"\(storage.scalarString(key))\" in this mapping",
                    path: file.path, range: storage.range(key),
                    notes: [Note("first defined here", range: storage.range(first))],
                    help: "a later value silently replaces the earlier one; remove or rename one of them"))
            } else {
                rememberKey(key, in: top)
            }
        }
        scratch.append(key)
        scratch.append(node)
    }

    private func isMergeKey(_ key: Int32) -> Bool {
        guard storage.records[Int(key)].kind == .plain, storage.records[Int(key)].count == 2 else { return false }
        let tag = storage.tags.isEmpty ? nil : storage.tags[key]
        return (tag == nil || tag == "tag:yaml.org,2002:merge") && storage.scalarString(key) == "<<"
    }

    private func firstKey(equalTo key: Int32, in top: Int) -> Int32? {
        if let index = stack[top].keyIndex { return index[storage.scalarString(key)] }
        for i in stride(from: stack[top].scratchStart, to: scratch.count, by: 2) {
            let other = scratch[i]
            if storage.isScalar(other) && storage.scalarsEqual(other, key) { return other }
        }
        return nil
    }

    private mutating func rememberKey(_ key: Int32, in top: Int) {
        let start = stack[top].scratchStart
        if stack[top].keyIndex == nil && (scratch.count - start) / 2 >= 16 {
            var index: [String: Int32] = [:]
            for i in stride(from: start, to: scratch.count, by: 2) where storage.isScalar(scratch[i]) {
                let name = storage.scalarString(scratch[i])
                if index[name] == nil { index[name] = scratch[i] }
            }
            stack[top].keyIndex = index
        }
        if stack[top].keyIndex != nil {
            let name = storage.scalarString(key)
            if stack[top].keyIndex![name] == nil { stack[top].keyIndex![name] = key }
        }
    }

    private mutating func merge(_ value: Int32, into top: Int) {
        var sources: [Int32] = []
        if storage.isMapping(value) {
            sources = [value]
        } else if storage.isSequence(value),
                  (0..<Int(storage.records[Int(value)].count)).allSatisfy({ storage.isMapping(storage.item(value, $0)) }) {
            sources = (0..<Int(storage.records[Int(value)].count)).map { storage.item(value, $0) }
        } else {
            diagnostics.append(Diagnostic(
                .error, "invalid-merge", "the merge key \"<<\" needs a mapping or a list of mappings, found a \(storage.kindName(value))",
                path: file.path, range: storage.range(value),
                help: "merge an anchored mapping, e.g. \"<<: *defaults\""))
            return
        }
        var merged: [(key: Int32, value: Int32)] = []
        for source in sources {
            for i in 0..<Int(storage.records[Int(source)].count) {
                let e = storage.entry(source, i)
                merged.append((key: e.key, value: e.value))
            }
        }
        let position = (scratch.count - stack[top].scratchStart) / 2
        stack[top].merges.append((position: position, entries: merged))
    }
}
