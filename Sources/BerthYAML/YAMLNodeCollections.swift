/// The items of a sequence node, read from the flat tree on demand.
public struct YAMLItems: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    let tree: YAMLTree?
    let node: Int32
    public let count: Int
    /// The elements of a literal (no tree).
    private var literal: [YAMLNode] = []

    init(tree: YAMLTree, node: Int32, count: Int) {
        self.tree = tree
        self.node = node
        self.count = count
    }

    /// A literal, as in `node.sequence ?? []` or `node.sequence ?? [fallback]`.
    public init(arrayLiteral elements: YAMLNode...) {
        tree = nil
        node = 0
        count = elements.count
        literal = elements
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> YAMLNode {
        precondition(position >= 0 && position < count, "sequence item index out of range")
        guard let tree else { return literal[position] }
        return YAMLNode(tree: tree, index: tree.storage.item(node, position))
    }
}

/// The entries of a mapping node, in source order (merged entries where their `<<` was).
public struct YAMLEntries: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    let tree: YAMLTree?
    let node: Int32
    public let count: Int
    /// The elements of a literal (no tree).
    private var literal: [YAMLMappingEntry] = []

    init(tree: YAMLTree, node: Int32, count: Int) {
        self.tree = tree
        self.node = node
        self.count = count
    }

    /// A literal, as in `node.mapping ?? []` or `node.mapping ?? [fallback]`.
    public init(arrayLiteral elements: YAMLMappingEntry...) {
        tree = nil
        node = 0
        count = elements.count
        literal = elements
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> YAMLMappingEntry {
        precondition(position >= 0 && position < count, "mapping entry index out of range")
        guard let tree else { return literal[position] }
        let e = tree.storage.entry(node, position)
        return YAMLMappingEntry(key: YAMLNode(tree: tree, index: e.key), value: YAMLNode(tree: tree, index: e.value), isMerged: e.merged)
    }
}
