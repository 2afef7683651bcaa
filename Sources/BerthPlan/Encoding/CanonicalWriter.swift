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
        case .string(let text): JSONText.appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An object built member by member; members may be set in any order. Their values are
    /// written at once into one buffer, and sorted by key when the object is written.
    public struct Object: Sendable {
        private var buffer: [UInt8] = []
        private var members: [(key: String, range: Range<Int>)] = []

        public init() {}

        /// Sets `key` to a value (replacing an earlier one), written at once.
        public mutating func set(_ key: String, _ value: JSONValue) {
            forget(key)
            let start = buffer.count
            CanonicalWriter.write(value, into: &buffer)
            members.append((key, start..<buffer.count))
        }

        /// Sets `key` to an object written with another `Object`.
        public mutating func set(_ key: String, _ object: Object) {
            forget(key)
            let start = buffer.count
            object.write(into: &buffer)
            members.append((key, start..<buffer.count))
        }

        // A replaced value's bytes stay in the buffer unreferenced; objects here are small.
        private mutating func forget(_ key: String) {
            if let index = members.firstIndex(where: { $0.key == key }) { members.remove(at: index) }
        }

        public var isEmpty: Bool { members.isEmpty }

        /// `{"key":value,...}` with members sorted by key, appended to `out`.
        func write(into out: inout [UInt8]) {
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: buffer[member.range])
            }
            out.append(UInt8(ascii: "}"))
        }

        /// `{"key":value,...}` with members sorted by key.
        public var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + 24 * members.count + 2)
            write(into: &out)
            return out
        }

        /// The object as a plan value.
        public var json: CanonicalJSON { CanonicalJSON(canonical: bytes) }
    }
}
