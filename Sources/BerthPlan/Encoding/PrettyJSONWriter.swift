/// Writes JSON as `JSONEncoder` does with `.sortedKeys`, `.prettyPrinted` and
/// `.withoutEscapingSlashes` on this platform: two-space indents, `"key" : value`, members
/// sorted by key, an empty collection as an opening bracket, a blank line and the closing one,
/// numbers in Swift's shortest form without a trailing `.0`.
enum PrettyJSONWriter {
    static func write(_ node: EncodedNode, depth: Int, into out: inout [UInt8]) {
        switch node.kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .literal(let bytes): out.append(contentsOf: bytes)
        case .string(let text): JSONText.appendString(text, to: &out)
        case .json(let value): write(value, depth: depth, into: &out)
        case .raw(let json): reindent(json.bytes, depth: depth, into: &out)
        case .object:
            let members = node.members.sorted { $0.key < $1.key }
            collection(open: "{", close: "}", count: members.count, depth: depth, into: &out) { i, out in
                JSONText.appendString(members[i].key, to: &out)
                out.append(contentsOf: " : ".utf8)
                write(members[i].value, depth: depth + 1, into: &out)
            }
        case .array:
            collection(open: "[", close: "]", count: node.items.count, depth: depth, into: &out) { i, out in
                write(node.items[i], depth: depth + 1, into: &out)
            }
        }
    }

    /// A plan JSON value, as `JSONValue.encode(to:)` has `JSONEncoder` write it.
    static func write(_ value: JSONValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): out.append(contentsOf: JSONValue.encodedDouble(number).utf8)
        case .string(let text): JSONText.appendString(text, to: &out)
        case .array(let items):
            collection(open: "[", close: "]", count: items.count, depth: depth, into: &out) { i, out in
                write(items[i], depth: depth + 1, into: &out)
            }
        case .object(let object):
            let keys = object.keys.sorted()
            collection(open: "{", close: "}", count: keys.count, depth: depth, into: &out) { i, out in
                JSONText.appendString(keys[i], to: &out)
                out.append(contentsOf: " : ".utf8)
                write(object[keys[i]]!, depth: depth + 1, into: &out)
            }
        }
    }

    private static func collection(open: Character, close: Character, count: Int, depth: Int, into out: inout [UInt8],
                                   _ member: (Int, inout [UInt8]) -> Void) {
        out.append(open.asciiValue!)
        out.append(0x0A)
        if count == 0 { out.append(0x0A) }
        for i in 0..<count {
            if i > 0 { out.append(contentsOf: ",\n".utf8) }
            indent(depth + 1, into: &out)
            member(i, &out)
        }
        if count > 0 { out.append(0x0A) }
        indent(depth, into: &out)
        out.append(close.asciiValue!)
    }

    static func indent(_ depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    /// Compact canonical JSON (``CanonicalJSON``) laid out as the pretty writer lays out the
    /// same value at `depth`: its members are already sorted, so only whitespace is added.
    static func reindent(_ bytes: [UInt8], depth: Int, into out: inout [UInt8]) {
        var level = depth
        var inString = false
        var escaped = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            defer { i += 1 }
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "}") || bytes[i + 1] == UInt8(ascii: "]") {
                    out.append(0x0A)
                    indent(level, into: &out)
                    out.append(bytes[i + 1])
                    i += 1
                } else {
                    level += 1
                    indent(level, into: &out)
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                level -= 1
                out.append(0x0A)
                indent(level, into: &out)
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(contentsOf: ",\n".utf8)
                indent(level, into: &out)
            case UInt8(ascii: ":"):
                out.append(contentsOf: " : ".utf8)
            default:
                out.append(byte)
            }
        }
    }
}
