import Foundation

/// ISO-8601 durations as Java's `Duration.parse` reads them: `[-]PnDTnHnMn.nS`
/// (case-insensitive, each part optionally signed); a plain number means seconds.
public enum ISODuration {
    /// Total seconds, or nil when the text is not a duration.
    public static func seconds(_ text: String) -> Double? {
        // Java's pattern only knows ASCII digits and letters; reading bytes keeps this cheap
        // (it runs for every duration of a flow).
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isNumberByte(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || b == 0x2E || b == 0x2D || b == 0x2B }
        // Java's Duration overflows past Long seconds; a total that is not finite is no duration.
        if bytes.allSatisfy(isNumberByte), let number = Double(text) { return number.isFinite ? number : nil }
        var index = 0
        var sign = 1.0
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            sign = bytes[0] == 0x2D ? -1 : 1
            index = 1
        }
        guard index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "p"), bytes.count > index + 1 else { return nil }
        index += 1
        var total = 0.0
        var inTime = false
        var sawPart = false
        while index < bytes.count {
            let letter = bytes[index] | 0x20
            if letter == UInt8(ascii: "t") {
                guard !inTime, index + 1 < bytes.count else { return nil }
                inTime = true
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
            guard index < bytes.count, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            let unit: Double
            switch bytes[index] | 0x20 {
            case UInt8(ascii: "d"): unit = 86_400
            case UInt8(ascii: "h"): unit = 3_600
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "s"): unit = 1
            default: return nil
            }
            // Days only before T; hours, minutes and seconds only after it; fractions only in seconds.
            if (unit == 86_400) == inTime { return nil }
            if bytes[start..<index].contains(0x2E) && unit != 1 { return nil }
            total += value * unit
            sawPart = true
            index += 1
        }
        return sawPart && total.isFinite ? sign * total : nil
    }

    /// Kestra's display of a duration ("PT1M30S" → "PT1M30S" normalised, e.g. PT90S → PT1M30S).
    public static func normalized(_ seconds: Double) -> String {
        if seconds == 0 { return "PT0S" }
        var rest = seconds
        let negative = rest < 0
        rest = abs(rest)
        let hours = Int(rest / 3600); rest -= Double(hours) * 3600
        let minutes = Int(rest / 60); rest -= Double(minutes) * 60
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if rest > 0 {
            text += rest == rest.rounded() ? "\(Int(rest))S" : "\(rest)S"
        }
        return (negative ? "-" : "") + text
    }
}
