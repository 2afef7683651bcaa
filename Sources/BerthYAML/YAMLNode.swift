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

/// A node of the YAML tree. Immutable; nodes reached through an alias are shared, so a node's
/// `range` is where its text is (the anchored definition).
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        /// The decoded value (escapes resolved, folding applied).
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLMappingEntry])
    }

    public let content: Content
    /// The exact source range: for scalars the token including quotes or block indicators;
    /// for block collections from the first item to the end of the last; for flow
    /// collections the brackets included.
    public let range: SourceRange
    /// The scalar style (`nil` for collections).
    public let scalarStyle: ScalarStyle?
    /// The collection style (`nil` for scalars).
    public let collectionStyle: CollectionStyle?
    /// The tag as written and resolved by libyaml (e.g. `tag:yaml.org,2002:str`), if any.
    public let tag: String?
    /// The anchor name if the node was anchored (`&name`).
    public let anchor: String?
    /// The number of nodes in this subtree with aliases expanded (for expansion limits).
    public let expandedSize: Int

    init(content: Content, range: SourceRange, scalarStyle: ScalarStyle?, collectionStyle: CollectionStyle?,
         tag: String?, anchor: String?, expandedSize: Int) {
        self.content = content
        self.range = range
        self.scalarStyle = scalarStyle
        self.collectionStyle = collectionStyle
        self.tag = tag
        self.anchor = anchor
        self.expandedSize = expandedSize
    }

    /// The scalar's decoded value, or nil for collections.
    public var scalar: String? {
        if case .scalar(let value) = content { return value }
        return nil
    }

    /// The items of a sequence, or nil.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries of a mapping, or nil.
    public var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    /// The first entry whose key is the scalar `key`.
    public func entry(_ key: String) -> YAMLMappingEntry? {
        mapping?.first { $0.key.scalar == key }
    }

    /// The value for the scalar key `key` in a mapping.
    public subscript(key: String) -> YAMLNode? { entry(key)?.value }

    /// True for an untagged plain scalar that YAML resolves to null (`~`, `null`, empty).
    public var isNull: Bool {
        guard case .scalar(let value) = content, scalarStyle == .plain, tag == nil || tag == "tag:yaml.org,2002:null" else {
            return false
        }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// A short human name of the node's kind: "string", "sequence", "mapping", "null".
    public var kindName: String {
        switch content {
        case .scalar: isNull ? "null" : "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }
}
