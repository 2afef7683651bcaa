/// One Amazon Ion text value, as Kestra's FileSerde writes items (one per line): structs,
/// lists, s-expressions, strings, symbols, numbers, timestamps, booleans and nulls.
/// Annotations (`a::v`) are dropped; blobs and clobs are refused.
public indirect enum IonValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A string, a symbol, or a timestamp kept as written (ISO 8601).
    case text(String)
    case list([IonValue])
    /// Fields in order (Ion allows repeats; the last one wins when read as a map).
    case structure([(String, IonValue)])

    public static func == (a: IonValue, b: IonValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.double(let x), .double(let y)): x == y
        case (.text(let x), .text(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.structure(let x), .structure(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}

/// Reads one Ion text value; errors say what was found and at which 0-based UTF-8 offset.
public struct IonText {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
        /// 0-based UTF-8 offset in the text.
        public let offset: Int

        public init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }
    }

    private let bytes: [UInt8]
    private var at = 0
    /// Nesting bound: untrusted files.
    private var depth = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// The single value of `text` (whitespace and comments around it allowed).
    public static func parse(_ text: String) throws(Failure) -> IonValue {
        var reader = IonText(text)
        let value = try reader.value()
        reader.skipSpace()
        guard reader.at == reader.bytes.count else { throw reader.failure("unexpected text after the value") }
        return value
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, offset: at) }
    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let c = current {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C { at += 1; continue }
            if c == UInt8(ascii: "/"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "/") {
                while let d = current, d != 0x0A { _ = d; at += 1 }
                continue
            }
            if c == UInt8(ascii: "/"), at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "*") {
                at += 2
                while at + 1 < bytes.count, !(bytes[at] == UInt8(ascii: "*") && bytes[at + 1] == UInt8(ascii: "/")) { at += 1 }
                at = min(at + 2, bytes.count)
                continue
            }
            return
        }
    }

    private mutating func value() throws(Failure) -> IonValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 100 else { throw failure("values nested deeper than 100 levels") }
        skipSpace()
        guard let c = current else { throw failure("a value is missing") }
        switch c {
        case UInt8(ascii: "{"):
            if at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "{") { throw failure("blobs and clobs are not supported") }
            return try structure()
        case UInt8(ascii: "["): return .list(try sequence(close: UInt8(ascii: "]"), separated: true))
        case UInt8(ascii: "("): return .list(try sequence(close: UInt8(ascii: ")"), separated: false))
        case UInt8(ascii: "\""): return .text(try quoted(UInt8(ascii: "\"")))
        case UInt8(ascii: "'"):
            if isLongQuote() { return .text(try longStrings()) }
            let symbol = try quoted(UInt8(ascii: "'"))
            return try annotated(symbol) ?? .text(symbol)
        default:
            let token = word()
            guard !token.isEmpty else { throw failure("unexpected character '\(Character(Unicode.Scalar(c)))'") }
            if let value = try annotated(token) { return value }
            return try scalar(token)
        }
    }

    /// `token::value`: the annotation is dropped; nil when no `::` follows.
    private mutating func annotated(_ token: String) throws(Failure) -> IonValue? {
        let saved = at
        skipSpace()
        if at + 1 < bytes.count, bytes[at] == UInt8(ascii: ":"), bytes[at + 1] == UInt8(ascii: ":") {
            at += 2
            return try value()
        }
        at = saved
        return nil
    }

    private mutating func structure() throws(Failure) -> IonValue {
        at += 1
        var fields: [(String, IonValue)] = []
        while true {
            skipSpace()
            guard let c = current else { throw failure("a struct is not closed") }
            if c == UInt8(ascii: "}") { at += 1; return .structure(fields) }
            let name: String
            switch c {
            case UInt8(ascii: "\""): name = try quoted(c)
            case UInt8(ascii: "'"): name = isLongQuote() ? try longStrings() : try quoted(c)
            default:
                name = word()
                guard !name.isEmpty else { throw failure("a field name is missing") }
            }
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("':' is missing after field \"\(name)\"") }
            at += 1
            fields.append((name, try value()))
            skipSpace()
            if current == UInt8(ascii: ",") { at += 1 } else if current != UInt8(ascii: "}") { throw failure("',' or '}' is missing in a struct") }
        }
    }

    private mutating func sequence(close: UInt8, separated: Bool) throws(Failure) -> [IonValue] {
        at += 1
        var items: [IonValue] = []
        while true {
            skipSpace()
            guard let c = current else { throw failure("a list is not closed") }
            if c == close { at += 1; return items }
            items.append(try value())
            skipSpace()
            if separated {
                if current == UInt8(ascii: ",") { at += 1 } else if current != close { throw failure("',' or '\(Character(Unicode.Scalar(close)))' is missing in a list") }
            }
        }
    }

    private func isLongQuote() -> Bool {
        at + 2 < bytes.count && bytes[at] == UInt8(ascii: "'") && bytes[at + 1] == UInt8(ascii: "'") && bytes[at + 2] == UInt8(ascii: "'")
    }

    /// `'''a''' '''b'''`: long strings next to each other are one string.
    private mutating func longStrings() throws(Failure) -> String {
        var out = ""
        repeat {
            at += 3
            var chunk: [UInt8] = []
            while !isLongQuote() {
                guard let c = current else { throw failure("a long string is not closed") }
                if c == UInt8(ascii: "\\") { chunk += try escape() } else { chunk.append(c); at += 1 }
            }
            at += 3
            out += String(decoding: chunk, as: UTF8.self)
            let saved = at
            skipSpace()
            if !isLongQuote() { at = saved; break }
        } while true
        return out
    }

    private mutating func quoted(_ quote: UInt8) throws(Failure) -> String {
        at += 1
        var out: [UInt8] = []
        while true {
            guard let c = current, c != 0x0A else { throw failure("a quoted text is not closed") }
            if c == quote { at += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") { out += try escape() } else { out.append(c); at += 1 }
        }
    }

    private mutating func escape() throws(Failure) -> [UInt8] {
        at += 1
        guard let c = current else { throw failure("an escape is cut short") }
        at += 1
        switch c {
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "0"): return [0x00]
        case UInt8(ascii: "a"): return [0x07]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "v"): return [0x0B]
        case 0x0A: return []
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
            guard at + count <= bytes.count, let code = UInt32(String(decoding: bytes[at..<at + count], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw failure("an invalid \\\(Character(Unicode.Scalar(c))) escape") }
            at += count
            return Array(String(Character(scalar)).utf8)
        default: return [c]
        }
    }

    /// An unquoted token: identifier, number, timestamp, keyword. Only a timestamp (it starts
    /// with a digit) holds colons, so `name:` and `a::b` end at theirs.
    private mutating func word() -> String {
        let start = at
        let numeric = current.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        while let c = current, c >= 0x80 || Self.wordBytes.contains(c), numeric || c != UInt8(ascii: ":") { at += 1 }
        return String(decoding: bytes[start..<at], as: UTF8.self)
    }

    private static let wordBytes: Set<UInt8> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.+-:".utf8)

    private func scalar(_ token: String) throws(Failure) -> IonValue {
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "nan": return .double(.nan)
        case "+inf": return .double(.infinity)
        case "-inf": return .double(-.infinity)
        default: break
        }
        if token == "null" || token.hasPrefix("null.") { return .null }
        let plain = token.replacingOccurrences(of: "_", with: "")
        if let first = plain.first, first.isNumber || first == "-" {
            if plain.contains("T") || (plain.count >= 10 && plain.dropFirst(4).first == "-" && !plain.contains("e")) { return .text(token) }
            if plain.hasPrefix("0x") || plain.hasPrefix("-0x"), let i = Int64(plain.replacingOccurrences(of: "0x", with: ""), radix: 16) { return .int(i) }
            if plain.hasPrefix("0b") || plain.hasPrefix("-0b"), let i = Int64(plain.replacingOccurrences(of: "0b", with: ""), radix: 2) { return .int(i) }
            if let i = Int64(plain) { return .int(i) }
            // Decimals (1.5, 1.5d2) and floats (1.5e0).
            if let d = Double(plain.replacingOccurrences(of: "d", with: "e").replacingOccurrences(of: "D", with: "e")) { return .double(d) }
            throw failure("\"\(token)\" is not an Ion number or timestamp")
        }
        return .text(token)
    }
}
