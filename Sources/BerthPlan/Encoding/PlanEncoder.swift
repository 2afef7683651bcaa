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
