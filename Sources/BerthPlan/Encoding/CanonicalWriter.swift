/// Writes canonical compact JSON: what ``PrettyJSONWriter`` writes, without the whitespace.
/// Objects are written member by member through ``Object``, which sorts by key, so the
/// compiler builds a create body as bytes without a value tree.
public enum CanonicalWriter {
    /// `value` appended as canonical JSON.
    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: JSONValue.encodedDouble(number).utf8)
        case .string(let text): PrettyJSONWriter.string(text, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            var members = Object()
            for (key, member) in object { members[key] = member }
            out.append(contentsOf: members.bytes)
        }
    }

    /// An object built member by member; members may be set in any order.
    public struct Object: Sendable {
        private var members: [(key: String, bytes: [UInt8])] = []

        public init() {}

        /// Sets `key` to a value (replacing an earlier one).
        public subscript(key: String) -> JSONValue? {
            get { nil }
            set {
                members.removeAll { $0.key == key }
                guard let newValue else { return }
                var out: [UInt8] = []
                CanonicalWriter.write(newValue, into: &out)
                members.append((key, out))
            }
        }

        /// Sets `key` to an object written with another `Object`.
        public mutating func set(_ key: String, _ object: Object) {
            members.removeAll { $0.key == key }
            members.append((key, object.bytes))
        }

        public var isEmpty: Bool { members.isEmpty }

        /// `{"key":value,...}` with members sorted by key.
        public var bytes: [UInt8] {
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (i, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                PrettyJSONWriter.string(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: member.bytes)
            }
            out.append(UInt8(ascii: "}"))
            return out
        }

        /// The object as a plan value.
        public var json: CanonicalJSON { CanonicalJSON(canonical: bytes) }
    }
}
