import Foundation

/// Dates the way Kestra's Pebble extension formats and parses them (Java DateTimeFormatter
/// patterns map onto ICU's for the common letters: y M d H h m s S a X Z E).
enum DateFormatting {
    static func formatter(_ pattern: String, zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    /// ISO-8601 with milliseconds and offset (`Z` for UTC): how a date prints in text.
    static func iso(_ date: Date, zone: TimeZone) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", zone: zone).string(from: date)
    }

    /// A date from a value: a date, an ISO-8601 text (instant, local date-time or date), or epoch seconds.
    static func date(from value: Value, existingFormat: String? = nil, zone: TimeZone) -> (Date, TimeZone)? {
        switch value {
        case .date(let d, let z): return (d, z)
        case .int(let seconds): return (Date(timeIntervalSince1970: TimeInterval(seconds)), zone)
        case .double(let seconds): return (Date(timeIntervalSince1970: seconds), zone)
        case .string(let text):
            if let existingFormat {
                return formatter(existingFormat, zone: zone).date(from: text).map { ($0, zone) }
            }
            for pattern in ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ssXXX",
                            "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
                if let d = formatter(pattern, zone: zone).date(from: text) { return (d, zone) }
            }
            return nil
        default:
            return nil
        }
    }

    /// `dateAdd(amount, unit)` with Java ChronoUnit names.
    static func add(_ amount: Int, _ unit: String, to date: Date, zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let component: Calendar.Component
        var multiplier = 1
        switch unit.uppercased() {
        case "NANOS": component = .nanosecond
        case "MICROS": component = .nanosecond; multiplier = 1_000
        case "MILLIS": component = .nanosecond; multiplier = 1_000_000
        case "SECONDS": component = .second
        case "MINUTES": component = .minute
        case "HOURS": component = .hour
        case "HALF_DAYS": component = .hour; multiplier = 12
        case "DAYS": component = .day
        case "WEEKS": component = .day; multiplier = 7
        case "MONTHS": component = .month
        case "YEARS": component = .year
        case "DECADES": component = .year; multiplier = 10
        case "CENTURIES": component = .year; multiplier = 100
        default: return nil
        }
        return calendar.date(byAdding: component, value: amount * multiplier, to: date)
    }
}
