/// The unkeyed container of ``TreeEncoder``: items of an array node.
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
