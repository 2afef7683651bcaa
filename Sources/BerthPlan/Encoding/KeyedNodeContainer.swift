/// The keyed container of ``TreeEncoder``: members of an object node.
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
