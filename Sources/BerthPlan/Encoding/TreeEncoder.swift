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
    static func double(_ value: Double) -> EncodedNode { text(JSONText.number(value)) }
    static func integer<I: BinaryInteger>(_ value: I) -> EncodedNode { text(String(value)) }
}
