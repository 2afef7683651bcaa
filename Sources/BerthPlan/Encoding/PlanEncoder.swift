/// An `Encoder` for plans that writes the same bytes as `JSONEncoder` with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`, several times faster, and that writes a
/// ``CanonicalJSON`` (a container create body the compiler wrote as bytes) without decoding it.
/// The golden plans and a byte-for-byte comparison with `JSONEncoder` hold it to that.
public enum PlanEncoder {
    /// The pretty, sorted JSON of `value`.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        PrettyJSONWriter.write(try node(value), depth: 0, into: &out)
        return out
    }

    static func node<T: Encodable>(_ value: T) throws -> EncodedNode {
        if let json = value as? JSONValue { return EncodedNode(.json(json)) }
        if let raw = value as? CanonicalJSON { return EncodedNode(.raw(raw)) }
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.root ?? EncodedNode(.object)
    }
}

/// Builds an ``EncodedNode`` tree through the `Encoder` protocol.
final class TreeEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var root: EncodedNode?

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let node = root ?? EncodedNode(.object)
        root = node
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let node = root ?? EncodedNode(.array)
        root = node
        return UnkeyedNodeContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(encoder: self) }
}

/// The leaf nodes every container makes alike.
enum Leaf {
    static func text(_ text: String) -> EncodedNode { EncodedNode(.literal(Array(text.utf8))) }
    static func bool(_ value: Bool) -> EncodedNode { text(value ? "true" : "false") }
    static func double(_ value: Double) -> EncodedNode { text(PrettyJSONWriter.number(value)) }
    static func integer<I: BinaryInteger>(_ value: I) -> EncodedNode { text(String(value)) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    var codingPath: [any CodingKey] = []

    private func add(_ value: EncodedNode, _ key: Key) { node.members.append((key.stringValue, value)) }

    mutating func encodeNil(forKey key: Key) throws { add(EncodedNode(.null), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(Leaf.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(EncodedNode(.string(value)), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(Leaf.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(Leaf.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(Leaf.integer(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { add(try PlanEncoder.node(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode(.object)
        add(child, key)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedNode(.array)
        add(child, key)
        return UnkeyedNodeContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = TreeEncoder()
        let child = EncodedNode(.object)
        encoder.root = child
        node.members.append((name, child))
        return encoder
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    var codingPath: [any CodingKey] = []
    var count: Int { node.items.count }

    private func add(_ value: EncodedNode) { node.items.append(value) }

    mutating func encodeNil() throws { add(EncodedNode(.null)) }
    mutating func encode(_ value: Bool) throws { add(Leaf.bool(value)) }
    mutating func encode(_ value: String) throws { add(EncodedNode(.string(value))) }
    mutating func encode(_ value: Double) throws { add(Leaf.double(value)) }
    mutating func encode(_ value: Float) throws { add(Leaf.double(Double(value))) }
    mutating func encode(_ value: Int) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: Int8) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: Int16) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: Int32) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: Int64) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: UInt) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: UInt8) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: UInt16) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: UInt32) throws { add(Leaf.integer(value)) }
    mutating func encode(_ value: UInt64) throws { add(Leaf.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { add(try PlanEncoder.node(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode(.object)
        add(child)
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodedNode(.array)
        add(child)
        return UnkeyedNodeContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder()
        let child = EncodedNode(.object)
        encoder.root = child
        add(child)
        return encoder
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] = []

    private func set(_ value: EncodedNode) { encoder.root = value }

    mutating func encodeNil() throws { set(EncodedNode(.null)) }
    mutating func encode(_ value: Bool) throws { set(Leaf.bool(value)) }
    mutating func encode(_ value: String) throws { set(EncodedNode(.string(value))) }
    mutating func encode(_ value: Double) throws { set(Leaf.double(value)) }
    mutating func encode(_ value: Float) throws { set(Leaf.double(Double(value))) }
    mutating func encode(_ value: Int) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: Int8) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: Int16) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: Int32) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: Int64) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: UInt8) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: UInt16) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: UInt32) throws { set(Leaf.integer(value)) }
    mutating func encode(_ value: UInt64) throws { set(Leaf.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try PlanEncoder.node(value)) }
}
