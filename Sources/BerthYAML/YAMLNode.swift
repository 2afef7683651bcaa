import BerthDiagnostics

/// How a scalar was written in the source.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain
    case singleQuoted = "single-quoted"
    case doubleQuoted = "double-quoted"
    case literal
    case folded
}

/// Whether a flow (`[...]`, `{...}`) or block collection.
public enum CollectionStyle: String, Sendable, Hashable {
    case block
    case flow
}

/// One entry of a mapping, in source order.
public struct YAMLMappingEntry: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode
    /// True when the entry came from a `<<` merge rather than being written in this mapping.
    public let isMerged: Bool

    public init(key: YAMLNode, value: YAMLNode, isMerged: Bool = false) {
        self.key = key
        self.value = value
        self.isMerged = isMerged
    }
}

/// A node of the YAML tree: an index into its stream's flat `YAMLTree`, so copying one costs
/// no allocation. Nodes reached through an alias are the same node (equal), so a node's
/// `range` is where its text is (the anchored definition).
public struct YAMLNode: Sendable, Hashable {
    public enum Content: Sendable {
        /// The decoded value (escapes resolved, folding applied).
        case scalar(String)
        case sequence(YAMLItems)
        case mapping(YAMLEntries)
    }

    /// The tree the node lives in.
    public let tree: YAMLTree
    /// 0-based index of the node in its tree.
    public let index: Int32

    init(tree: YAMLTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.index == b.index && a.tree === b.tree }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }

    var record: TreeStorage.Record { tree.storage.records[Int(index)] }

    public var content: Content {
        if let items = sequence { return .sequence(items) }
        if let entries = mapping { return .mapping(entries) }
        return .scalar(tree.storage.scalarString(index))
    }

    /// The exact source range: for scalars the token including quotes or block indicators;
    /// for block collections from the first item to the end of the last; for flow
    /// collections the brackets included.
    public var range: SourceRange { tree.storage.range(index) }

    /// The scalar style (`nil` for collections).
    public var scalarStyle: ScalarStyle? {
        switch record.kind {
        case .plain: .plain
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        default: nil
        }
    }

    /// The collection style (`nil` for scalars).
    public var collectionStyle: CollectionStyle? {
        switch record.kind {
        case .blockSequence, .blockMapping: .block
        case .flowSequence, .flowMapping: .flow
        default: nil
        }
    }

    /// The tag as written and resolved by libyaml (e.g. `tag:yaml.org,2002:str`), if any.
    public var tag: String? { tree.storage.tags.isEmpty ? nil : tree.storage.tags[index] }

    /// The anchor name if the node was anchored (`&name`).
    public var anchor: String? { tree.storage.anchors.isEmpty ? nil : tree.storage.anchors[index] }

    /// The number of nodes in this subtree with aliases expanded (for expansion limits).
    public var expandedSize: Int { Int(record.expandedSize) }

    /// True for a scalar node.
    public var isScalar: Bool { tree.storage.isScalar(index) }

    /// The scalar's decoded value, or nil for collections. Decoded on each call: compare with
    /// `scalarEquals` where only equality matters.
    public var scalar: String? {
        tree.storage.isScalar(index) ? tree.storage.scalarString(index) : nil
    }

    /// True when the node is a scalar whose decoded value is `text` (compared as bytes).
    public func scalarEquals(_ text: String) -> Bool {
        tree.storage.isScalar(index) && tree.storage.scalarEquals(index, text)
    }

    /// The items of a sequence, or nil.
    public var sequence: YAMLItems? {
        tree.storage.isSequence(index) ? YAMLItems(tree: tree, node: index, count: Int(record.count)) : nil
    }

    /// The entries of a mapping, or nil.
    public var mapping: YAMLEntries? {
        tree.storage.isMapping(index) ? YAMLEntries(tree: tree, node: index, count: Int(record.count)) : nil
    }

    /// The first entry whose key is the scalar `key` (compared as bytes, no string is made).
    public func entry(_ key: String) -> YAMLMappingEntry? {
        guard tree.storage.isMapping(index) else { return nil }
        var key = key
        guard let position = key.withUTF8({ tree.storage.entryPosition(index, key: $0) }) else { return nil }
        return YAMLMappingEntry.child(of: index, at: position, in: tree)
    }

    /// Calls `body` with a scalar's decoded UTF-8 bytes (no string is made); nil for collections.
    public func withScalarUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        tree.storage.isScalar(index) ? tree.storage.withScalarBytes(index, body) : nil
    }

    /// The value for the scalar key `key` in a mapping.
    public subscript(key: String) -> YAMLNode? { entry(key)?.value }

    /// True for an untagged plain scalar that YAML resolves to null (`~`, `null`, empty).
    public var isNull: Bool { tree.storage.isNull(index) }

    /// A short human name of the node's kind: "scalar", "sequence", "mapping", "null".
    public var kindName: String { tree.storage.kindName(index) }
}
