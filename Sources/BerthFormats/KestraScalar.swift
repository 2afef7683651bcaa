/// What Kestra's YAML reader makes of an untagged plain scalar: SnakeYAML's YAML 1.1 resolver
/// picks the type, Jackson's YAML parser decodes the value. YAML 1.2 readers (editors, JSON
/// Schema tools) type fewer words, which is where the traps are: `yes` is `true` and `0755` is
/// 493 once Kestra has read the flow.
public enum KestraScalar: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string

    /// The type and value of the plain scalar `text` (quoted and tagged scalars are strings;
    /// the caller checks the style).
    public static func resolve(_ text: String) -> KestraScalar {
        // Most scalars are words: only these first bytes can start a null, boolean or number.
        switch text.utf8.first ?? UInt8(ascii: "~") {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            break
        default:
            return .string
        }
        if text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        if let bool = boolean(text) { return .bool(bool) }
        if let integer = integer(text) { return .int(integer) }
        if let double = decimal(text) { return .double(double) }
        return .string
    }

    /// The YAML 1.1 booleans SnakeYAML resolves (`yes`, `No`, `ON`, `true`, ... in three casings).
    public static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": false
        default: nil
        }
    }

    /// True for the booleans a YAML 1.2 reader takes as text (`yes`, `off`, ...).
    public static func isWordBoolean(_ text: String) -> Bool {
        boolean(text) != nil && text.lowercased() != "true" && text.lowercased() != "false"
    }

    /// A YAML 1.1 integer as Jackson decodes it: decimal with `_` separators, `0x` hex, `0b`
    /// binary, and a leading `0` meaning octal (`0755` is 493). Out of the 64-bit range: nil.
    public static func integer(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard let first = digits.first, first.isASCII, first.isNumber else { return nil }
        var radix = 10
        if first == "0", digits.count > 1 {
            let marker = digits[digits.index(after: digits.startIndex)]
            switch marker {
            case "x": radix = 16; digits = digits.dropFirst(2)
            case "b": radix = 2; digits = digits.dropFirst(2)
            default: radix = 8; digits = digits.dropFirst()
            }
        }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty,
              cleaned.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil }),
              let magnitude = Int64(cleaned, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// True for an integer written with a leading zero, which YAML 1.1 reads as octal.
    public static func isOctal(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard digits.count > 1, digits.first == "0", let second = digits.dropFirst().first, second.isNumber || second == "_" else { return false }
        return integer(text) != nil
    }

    /// A decimal as the YAML 1.1 float rule reads it (`1.5`, `.5`, `1e3`, `1_000.5`, `1e999` infinite).
    private static func decimal(_ text: String) -> Double? {
        guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), !text.contains(where: { $0 == " " || $0 == "x" || $0 == "X" || $0 == "p" }),
              text.first.map({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) == true else { return nil }
        // Out of range is infinite, as Java's Double.parseDouble makes it.
        return Double(text.filter { $0 != "_" })
    }
}
