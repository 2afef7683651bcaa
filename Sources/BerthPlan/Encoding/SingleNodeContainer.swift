/// The single-value container of ``TreeEncoder``: sets the encoder's root.
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
