import Foundation

/// Kestra 2.0's calendar helpers, the `when` of a trigger reads them in place of the removed
/// conditions: `dayOfWeek(date)` (`MONDAY` … `SUNDAY`), `hourOfDay`, `dayOfMonth`,
/// `monthOfYear`, `isWeekend(date)`, `isDayWeekInMonth(date, 'MONDAY', 'FIRST'…'LAST')`,
/// `isLastWorkingDay(date[, workingDays])` (the month's last working day, Monday to Friday
/// unless a list of day names is given). Each reads the date in its own zone.
extension Evaluator {
    static let calendarFunctions: Set<String> = ["dayOfWeek", "hourOfDay", "dayOfMonth", "monthOfYear", "isWeekend",
                                                 "isDayWeekInMonth", "isLastWorkingDay"]
    static let dayNames = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]

    func calendarFunction(_ name: String, _ args: [Value], _ range: Range<Int>) throws -> Value {
        guard let first = args.first, let (date, parsedZone) = DateFormatting.date(from: first, zone: context.timeZone) else {
            throw fail("\(name): the first argument must be a date, got \(args.first.map { "\"\(text($0))\"" } ?? "nothing")", range)
        }
        // A date written with an offset is read at that offset, as Kestra's ZonedDateTime is.
        let zone = Self.writtenOffset(first) ?? parsedZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .day, .month, .year], from: date)
        let weekday = Self.dayNames[(parts.weekday ?? 1) - 1]
        switch name {
        case "dayOfWeek": return .string(weekday)
        case "hourOfDay": return .int(Int64(parts.hour ?? 0))
        case "dayOfMonth": return .int(Int64(parts.day ?? 0))
        case "monthOfYear": return .int(Int64(parts.month ?? 0))
        case "isWeekend": return .bool(weekday == "SATURDAY" || weekday == "SUNDAY")
        case "isDayWeekInMonth":
            return .bool(try isDayWeekInMonth(calendar, date, weekday: weekday, args, range))
        default:
            let working = try workingDays(args.count > 1 ? args[1] : nil, range)
            guard let month = calendar.range(of: .day, in: .month, for: date), let day = parts.day else { return .bool(false) }
            // The last day of the month that is a working day.
            let last = (day...month.upperBound - 1).last { later in
                let offset = calendar.date(byAdding: .day, value: later - day, to: date)!
                return working.contains(Self.dayNames[calendar.component(.weekday, from: offset) - 1])
            }
            return .bool(last == day && working.contains(weekday))
        }
    }

    /// The zone of an ISO-8601 text's trailing offset (`Z`, `+02:00`), if it has one.
    static func writtenOffset(_ value: Value) -> TimeZone? {
        guard case .string(let text) = value, text.count > 10, text.contains("T") else { return nil }
        if text.hasSuffix("Z") { return TimeZone(secondsFromGMT: 0) }
        let tail = text.suffix(6)
        let sign: Int = tail.first == "+" ? 1 : (tail.first == "-" ? -1 : 0)
        let digits = tail.dropFirst().filter(\.isNumber)
        guard sign != 0, digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
        return TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
    }

    private func isDayWeekInMonth(_ calendar: Calendar, _ date: Date, weekday: String, _ args: [Value], _ range: Range<Int>) throws -> Bool {
        let wanted = args.count > 1 ? text(args[1]).uppercased() : ""
        let position = args.count > 2 ? text(args[2]).uppercased() : ""
        guard Self.dayNames.contains(wanted) else { throw fail("isDayWeekInMonth: \"\(wanted)\" is not a day (MONDAY … SUNDAY)", range) }
        let ordinals = ["FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4]
        guard weekday == wanted else { return false }
        let day = calendar.component(.day, from: date)
        if position == "LAST" {
            let days = calendar.range(of: .day, in: .month, for: date)?.count ?? 31
            return day + 7 > days
        }
        guard let n = ordinals[position] else { throw fail("isDayWeekInMonth: \"\(position)\" is not FIRST, SECOND, THIRD, FOURTH or LAST", range) }
        return (day - 1) / 7 + 1 == n
    }

    private func workingDays(_ value: Value?, _ range: Range<Int>) throws -> Set<String> {
        guard let value, !value.isNull else { return ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"] }
        guard case .list(let items) = value else { throw fail("isLastWorkingDay: the working days must be a list of day names", range) }
        let names = Set(items.map { text($0).uppercased() })
        guard names.isSubset(of: Self.dayNames) else { throw fail("isLastWorkingDay: \(names.subtracting(Self.dayNames).sorted()) are not days", range) }
        return names
    }
}
