import BerthDiagnostics

/// Builds nodes from events with an explicit stack (no recursion, so depth costs no stack).
struct TreeBuilder {
    let file: SourceFile
    let limits: ReaderLimits
    let marks: MarkConverter
    var documents: [YAMLDocument] = []
    var diagnostics: [Diagnostic] = []

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var documentStart: Mark?
    private var root: YAMLNode?
    private var aliasBudget: Int
    private var reportedExpansion = false

    init(file: SourceFile, limits: ReaderLimits) {
        self.file = file
        self.limits = limits
        self.marks = MarkConverter(file: file)
        self.aliasBudget = limits.maxAliasExpansion
    }

    /// An open collection.
    private final class Frame {
        let isMapping: Bool
        let flow: Bool
        let start: Mark
        let anchor: String?
        let tag: String?
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: YAMLNode?
        /// Keys seen so far: a linear scan of `entries` for small mappings, an index beyond.
        private var keyIndex: [String: YAMLNode]?
        /// Entries from `<<` merges, with the index in `entries` where they belong.
        var merges: [(position: Int, entries: [YAMLMappingEntry])] = []
        var size = 1
        /// End of the last child as written here (an alias ends where the alias is).
        var lastEnd: SourcePosition?

        func firstKey(named name: String) -> YAMLNode? {
            if let keyIndex { return keyIndex[name] }
            for entry in entries where entry.key.scalar == name { return entry.key }
            return nil
        }

        func rememberKey(_ name: String, _ key: YAMLNode) {
            if keyIndex == nil && entries.count >= 16 {
                var index: [String: YAMLNode] = [:]
                for entry in entries { if let n = entry.key.scalar, index[n] == nil { index[n] = entry.key } }
                keyIndex = index
            }
            if keyIndex != nil && keyIndex![name] == nil { keyIndex![name] = key }
        }

        init(isMapping: Bool, flow: Bool, start: Mark, anchor: String?, tag: String?) {
            self.isMapping = isMapping
            self.flow = flow
            self.start = start
            self.anchor = anchor
            self.tag = tag
        }
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
            let start = documentStart.map(marks.position) ?? SourcePosition(offset: 0, line: 1, column: 1)
            let end = root?.range.end ?? start
            documents.append(YAMLDocument(index: documents.count, root: root, range: SourceRange(start: start, end: end)))
            return true
        case .alias(let name):
            let range = marks.range(event.start, event.end)
            guard let target = anchors[name] else {
                diagnostics.append(Diagnostic(.error, "unknown-alias", "alias \"*\(name)\" refers to no anchor defined before it",
                                              path: file.path, range: range,
                                              help: "define the anchor with \"&\(name)\" on a node earlier in the same document"))
                add(nullNode(range), end: range.end)
                return true
            }
            aliasBudget -= target.expandedSize
            if aliasBudget < 0 {
                if !reportedExpansion {
                    reportedExpansion = true
                    diagnostics.append(Diagnostic(
                        .error, "alias-expansion-limit",
                        "aliases in this document expand to more than \(limits.maxAliasExpansion) nodes",
                        path: file.path, range: range,
                        notes: [Note("the anchor \"&\(name)\" is defined here", range: target.range)],
                        help: "this looks like an alias bomb (\"billion laughs\"); expand fewer aliases"))
                }
                add(nullNode(range), end: range.end)
                return true
            }
            add(target, end: range.end)
            return true
        case .scalar(let value, let anchor, let tag, let style):
            var range = marks.range(event.start, event.end)
            if style == .literal || style == .folded { range = marks.trimmedTrailingWhitespace(range) }
            let node = YAMLNode(content: .scalar(value), range: range, scalarStyle: style, collectionStyle: nil,
                                tag: tag, anchor: anchor, expandedSize: 1)
            if let anchor { anchors[anchor] = node }
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
            stack.append(Frame(isMapping: isMapping, flow: flow, start: event.start, anchor: anchor, tag: tag))
            return true
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return true }
            let node = finish(frame, endMark: event.end)
            if let anchor = frame.anchor { anchors[anchor] = node }
            add(node, end: node.range.end)
            return true
        }
    }

    private func nullNode(_ range: SourceRange) -> YAMLNode {
        YAMLNode(content: .scalar(""), range: range, scalarStyle: .plain, collectionStyle: nil, tag: nil, anchor: nil, expandedSize: 1)
    }

    private mutating func finish(_ frame: Frame, endMark: Mark) -> YAMLNode {
        let start = marks.position(frame.start)
        let end: SourcePosition
        if frame.flow {
            end = marks.position(endMark)
        } else {
            end = frame.lastEnd ?? start
        }
        let range = SourceRange(start: start, end: end)
        let style: CollectionStyle = frame.flow ? .flow : .block
        if frame.isMapping {
            return YAMLNode(content: .mapping(mergedEntries(frame)), range: range, scalarStyle: nil,
                            collectionStyle: style, tag: frame.tag, anchor: frame.anchor, expandedSize: frame.size)
        }
        return YAMLNode(content: .sequence(frame.items), range: range, scalarStyle: nil, collectionStyle: style,
                        tag: frame.tag, anchor: frame.anchor, expandedSize: frame.size)
    }

    /// Explicit entries win over merged ones; merged entries sit where their `<<` was, and
    /// among several merged mappings the first one wins (YAML merge-key semantics).
    private func mergedEntries(_ frame: Frame) -> [YAMLMappingEntry] {
        guard !frame.merges.isEmpty else { return frame.entries }
        var taken = Set(frame.entries.compactMap { $0.key.scalar })
        var result: [YAMLMappingEntry] = []
        var mergeIndex = 0
        for position in 0...frame.entries.count {
            while mergeIndex < frame.merges.count && frame.merges[mergeIndex].position == position {
                for entry in frame.merges[mergeIndex].entries {
                    guard let key = entry.key.scalar, taken.insert(key).inserted else { continue }
                    result.append(YAMLMappingEntry(key: entry.key, value: entry.value, isMerged: true))
                }
                mergeIndex += 1
            }
            if position < frame.entries.count { result.append(frame.entries[position]) }
        }
        return result
    }

    private mutating func add(_ node: YAMLNode, end: SourcePosition) {
        guard let frame = stack.last else {
            root = node
            return
        }
        frame.size += node.expandedSize
        frame.lastEnd = end
        if !frame.isMapping {
            frame.items.append(node)
            return
        }
        guard let key = frame.pendingKey else {
            frame.pendingKey = node
            return
        }
        frame.pendingKey = nil
        if key.scalarStyle == .plain && key.scalar == "<<" && (key.tag == nil || key.tag == "tag:yaml.org,2002:merge") {
            merge(node, into: frame, at: key.range)
            return
        }
        if let name = key.scalar {
            if let first = frame.firstKey(named: name) {
                diagnostics.append(Diagnostic(
                    .error, "duplicate-key", "duplicate key \"\(name)\" in this mapping",
                    path: file.path, range: key.range,
                    notes: [Note("first defined here", range: first.range)],
                    help: "a later value silently replaces the earlier one; remove or rename one of them"))
            } else {
                frame.rememberKey(name, key)
            }
        }
        frame.entries.append(YAMLMappingEntry(key: key, value: node))
    }

    private mutating func merge(_ value: YAMLNode, into frame: Frame, at keyRange: SourceRange) {
        var sources: [YAMLNode] = []
        if value.mapping != nil {
            sources = [value]
        } else if let items = value.sequence, items.allSatisfy({ $0.mapping != nil }) {
            sources = items
        } else {
            diagnostics.append(Diagnostic(
                .error, "invalid-merge", "the merge key \"<<\" needs a mapping or a list of mappings, found a \(value.kindName)",
                path: file.path, range: value.range,
                help: "merge an anchored mapping, e.g. \"<<: *defaults\""))
            return
        }
        var merged: [YAMLMappingEntry] = []
        for source in sources { merged += source.mapping ?? [] }
        frame.merges.append((position: frame.entries.count, entries: merged))
    }
}
