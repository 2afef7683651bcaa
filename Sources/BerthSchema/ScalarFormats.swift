import Foundation

/// ISO-8601 durations as Java's `Duration.parse` reads them: `[-]PnDTnHnMn.nS`
/// (case-insensitive, each part optionally signed); a plain number means seconds.
public enum ISODuration {
    /// Total seconds, or nil when the text is not a duration.
    public static func seconds(_ text: String) -> Double? {
        if let number = Double(text), !text.isEmpty, text.allSatisfy({ "0123456789.-+".contains($0) }) { return number }
        var chars = Array(text.uppercased())
        var sign = 1.0
        if let first = chars.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            chars.removeFirst()
        }
        guard chars.first == "P", chars.count > 1 else { return nil }
        var index = 1
        var total = 0.0
        var inTime = false
        var sawPart = false
        let units: [Character: Double] = ["D": 86_400, "H": 3_600, "M": 60, "S": 1]
        while index < chars.count {
            if chars[index] == "T" {
                guard !inTime, index + 1 < chars.count else { return nil }
                inTime = true
                index += 1
                continue
            }
            var number = ""
            while index < chars.count, chars[index].isNumber || chars[index] == "." || chars[index] == "-" || chars[index] == "+" {
                number.append(chars[index])
                index += 1
            }
            guard index < chars.count, let value = Double(number), let unit = units[chars[index]] else { return nil }
            // Days only before T; hours, minutes and seconds only after it; fractions only in seconds.
            if (chars[index] == "D") == inTime { return nil }
            if number.contains(".") && chars[index] != "S" { return nil }
            total += value * unit
            sawPart = true
            index += 1
        }
        return sawPart ? sign * total : nil
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

/// Byte sizes as Micronaut's ReadableBytes converter reads them: an integer with an optional
/// KB, MB or GB suffix (case-insensitive, powers of 1024), or a plain byte count.
public enum ByteSize {
    public static func bytes(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8
        // ASCII-only text, the common case, is read byte by byte: this runs for every size of a flow.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeBytes(text) }
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
        guard let number = Int64(Substring(utf8)), number >= 0 else { return nil }
        let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }

    /// The same rules for text with non-ASCII characters (Unicode spaces trim too).
    private static func unicodeBytes(_ text: String) -> Int64? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        let multipliers: [(String, Int64)] = [("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30)]
        for (suffix, multiplier) in multipliers where upper.hasSuffix(suffix) {
            guard let number = Int64(upper.dropLast(2)), number >= 0 else { return nil }
            let (result, overflow) = number.multipliedReportingOverflow(by: multiplier)
            return overflow ? nil : result
        }
        guard let number = Int64(upper), number >= 0 else { return nil }
        return number
    }
}
