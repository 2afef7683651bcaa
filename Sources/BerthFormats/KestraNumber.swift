/// Numbers as Java reads them where Kestra converts text: `Long.parseLong` for integers
/// (optional sign, ASCII digits, 64-bit range) and finite doubles. Shared by the checker, the
/// lowering and the executor so that a value accepted by one is accepted by all.
public enum KestraNumber {
    /// A 64-bit integer: `[+-]digits`, nothing else (no spaces, no underscores, no fractions).
    public static func integer(_ text: Substring) -> Int64? {
        let bytes = text.utf8
        guard let first = bytes.first else { return nil }
        let digits = first == 0x2B || first == 0x2D ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text)
    }

    /// A 64-bit integer from text (see ``integer(_:)-(Substring)``).
    public static func integer(_ text: String) -> Int64? { integer(Substring(text)) }

    /// A finite double (`1`, `-2.5`, `1e3`); infinities and NaN are no numbers.
    public static func double(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A double converted to Int64 when it is finite and in range (never traps).
    public static func int64(_ value: Double) -> Int64? {
        guard value.isFinite, value >= -9.223_372_036_854_775_808e18, value < 9.223_372_036_854_775_808e18 else { return nil }
        return Int64(value)
    }
}
