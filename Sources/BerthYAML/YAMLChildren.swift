/// The items of a sequence node, read from the flat tree on demand.
public typealias YAMLItems = YAMLChildren<YAMLNode>

/// The entries of a mapping node, in source order (merged entries where their `<<` was).
public typealias YAMLEntries = YAMLChildren<YAMLMappingEntry>

/// What a collection node holds: ``YAMLNode`` items of a sequence, ``YAMLMappingEntry``
/// entries of a mapping.
public protocol YAMLChild: Sendable {
    /// Child `position` of collection `node` in `tree`.
    static func child(of node: Int32, at position: Int, in tree: YAMLTree) -> Self
}

extension YAMLNode: YAMLChild {
    public static func child(of node: Int32, at position: Int, in tree: YAMLTree) -> YAMLNode {
        YAMLNode(tree: tree, index: tree.storage.item(node, position))
    }
}

extension YAMLMappingEntry: YAMLChild {
    public static func child(of node: Int32, at position: Int, in tree: YAMLTree) -> YAMLMappingEntry {
        let e = tree.storage.entry(node, position)
        return YAMLMappingEntry(key: YAMLNode(tree: tree, index: e.key), value: YAMLNode(tree: tree, index: e.value), isMerged: e.merged)
    }
}

/// The children of a collection node, made on access from the flat tree (no array is built),
/// or the elements of a literal such as `node.sequence ?? [fallback]`.
public struct YAMLChildren<Element: YAMLChild>: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    let tree: YAMLTree?
    let node: Int32
    public let count: Int
    /// The elements of a literal (no tree).
    private var literal: [Element] = []

    init(tree: YAMLTree, node: Int32, count: Int) {
        self.tree = tree
        self.node = node
        self.count = count
    }

    public init(arrayLiteral elements: Element...) {
        tree = nil
        node = 0
        count = elements.count
        literal = elements
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "index \(position) out of range of \(count) children")
        guard let tree else { return literal[position] }
        return Element.child(of: node, at: position, in: tree)
    }
}
