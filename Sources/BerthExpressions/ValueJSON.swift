import Foundation

/// JSON for template values, as Kestra's Jackson mapper writes and reads it: compact output,
/// map order kept, doubles with a decimal point.
public enum ValueJSON {
    public static func encode(_ value: Value) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += formatDouble(d)
        case .string(let s): quote(s, to: &out)
        case .date: quote(TemplateText.render(value), to: &out)
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .map(let map):
            out += "{"
            for (i, (key, item)) in map.pairs.enumerated() {
                if i > 0 { out += "," }
                quote(key, to: &out)
                out += ":"
                write(item, to: &out)
            }
            out += "}"
        }
    }

    /// Java's Double.toString for the common cases: 2.0, 1.5, 1.0E10.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == d.rounded() && abs(d) < 1e7 { return String(format: "%.1f", d) }
        if abs(d) >= 1e-3 && abs(d) < 1e7 { return "\(d)" }
        let text = String(describing: d)  // e.g. 1e+20
        return text.replacingOccurrences(of: "e+", with: "E").replacingOccurrences(of: "e", with: "E")
    }

    private static func quote(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    public struct ParseError: Error, Sendable { public let message: String }

    /// Parses JSON text, keeping map order. Nesting is bounded (64 levels).
    public static func decode(_ text: String) throws(ParseError) -> Value {
        try decode(text, trailing: false)
    }

    /// Parses the first JSON value of `text`; with `trailing`, text after it is ignored (as
    /// Jackson reads a value by default).
    public static func decode(_ text: String, trailing: Bool) throws(ParseError) -> Value {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard trailing || parser.index == parser.bytes.count else { throw ParseError(message: "unexpected text after the JSON value at offset \(parser.index)") }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(ParseError) -> Value {
            guard depth < 64 else { throw ParseError(message: "JSON nests too deeply") }
            guard index < bytes.count else { throw ParseError(message: "unexpected end of JSON") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var map = ValueMap()
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .map(map) }
                while true {
                    skipSpace()
                    guard case .string(let key) = try string() else { throw ParseError(message: "expected a key") }
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    map[key] = try value(depth: depth + 1)
                    skipSpace()
                    if try commaOr("}") { continue }
                    return .map(map)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if try commaOr("]") { continue }
                    return .list(items)
                }
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                return try number()
            }
        }

        mutating func expect(_ c: Character) throws(ParseError) {
            guard index < bytes.count, bytes[index] == c.asciiValue! else { throw ParseError(message: "expected \"\(c)\" at offset \(index)") }
            index += 1
        }

        /// After an item: true for ",", false for the closing bracket.
        mutating func commaOr(_ close: Character) throws(ParseError) -> Bool {
            guard index < bytes.count else { throw ParseError(message: "unexpected end of JSON") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; return true }
            try expect(close)
            return false
        }

        mutating func literal(_ word: String) throws(ParseError) {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
                throw ParseError(message: "invalid JSON at offset \(index)")
            }
            index += w.count
        }

        mutating func number() throws(ParseError) -> Value {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let i = Int64(text) { return .int(i) }
            if let d = Double(text), !text.isEmpty { return .double(d) }
            throw ParseError(message: "invalid JSON at offset \(start)")
        }

        mutating func string() throws(ParseError) -> Value {
            try expect("\"")
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\"") { return .string(String(decoding: out, as: UTF8.self)) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                        throw ParseError(message: "invalid \\u escape")
                    }
                    index += 4
                    var scalarValue = code
                    // A surrogate pair.
                    if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                       let low = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                        scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    out += Array(String(Unicode.Scalar(scalarValue).map(Character.init) ?? "\u{FFFD}").utf8)
                default: out.append(e)
                }
            }
            throw ParseError(message: "unclosed JSON string")
        }
    }
}

/// How values print inside text: null prints nothing, lists and maps print as JSON.
public enum TemplateText {
    public static func render(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): ValueJSON.formatDouble(d)
        case .string(let s): s
        case .list, .map: ValueJSON.encode(value)
        case .date(let date, let zone):
            DateFormatting.iso(date, zone: zone)
        }
    }
}
