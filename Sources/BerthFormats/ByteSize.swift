import Foundation

/// Byte sizes as Micronaut's ReadableBytes converter reads them (Kestra's memory and shm
/// properties): an integer with an optional KB, MB or GB suffix (case-insensitive, powers of
/// 1024), or a plain byte count. Signed as Java's `Long.parseLong` reads it, so `-1` (unlimited
/// swap) is a size; a product past 64 bits is none (Java would wrap silently).
public enum ByteSize {
    /// The size in bytes, or nil when the text is not a size.
    public static func bytes(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8
        // Read byte by byte (this runs for every size of a flow); only Unicode spaces around
        // the text need Foundation, and what they surround must be ASCII like the rest.
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.utf8.allSatisfy({ $0 < 0x80 }) ? bytes(trimmed) : nil
        }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8.removeFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8.removeLast() }
        var multiplier: Int64 = 1
        if utf8.count >= 2, utf8.last! | 0x20 == UInt8(ascii: "b") {
            switch utf8[utf8.index(utf8.endIndex, offsetBy: -2)] | 0x20 {
            case UInt8(ascii: "k"): multiplier = 1 << 10
            case UInt8(ascii: "m"): multiplier = 1 << 20
            case UInt8(ascii: "g"): multiplier = 1 << 30
            default: break
            }
            if multiplier > 1 { utf8.removeLast(2) }
        }
        guard let number = KestraNumber.integer(Substring(utf8)) else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }
}
