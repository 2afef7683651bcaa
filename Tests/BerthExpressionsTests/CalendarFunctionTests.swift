import BerthExpressions
import Foundation
import Testing

/// Kestra 2.0's calendar helpers, which trigger `when` expressions use in place of the removed
/// DayWeek, Weekend, TimeBetween and DayWeekInMonth conditions.
@Suite struct CalendarFunctionTests {
    let e = makeEvaluator()

    @Test func partsOfADateInItsOwnZone() throws {
        // 2026-12-04 is a Friday; 23:30 at +02:00 is 21:30 UTC, the hour read in the date's zone.
        #expect(try e.render("{{ dayOfWeek('2026-12-04T23:30:00+02:00') }}") == "FRIDAY")
        #expect(try e.render("{{ hourOfDay('2026-12-04T23:30:00+02:00') }}") == "23")
        #expect(try e.render("{{ dayOfMonth('2026-12-04') }}/{{ monthOfYear('2026-12-04') }}") == "4/12")
        #expect(try e.render("{{ dayOfWeek(now()) }}") == "MONDAY", "2024-01-15, the evaluator's now")
    }

    @Test func weekendsAndPositionsInTheMonth() throws {
        #expect(try e.render("{{ isWeekend('2026-12-05') }} {{ isWeekend('2026-12-04') }}") == "true false")
        #expect(try e.render("{{ isDayWeekInMonth('2026-12-04', 'FRIDAY', 'FIRST') }}") == "true")
        #expect(try e.render("{{ isDayWeekInMonth('2026-12-25', 'FRIDAY', 'LAST') }}") == "true")
        #expect(try e.render("{{ isDayWeekInMonth('2026-12-18', 'FRIDAY', 'LAST') }}") == "false")
        #expect(try e.render("{{ isDayWeekInMonth('2026-12-11', 'FRIDAY', 'SECOND') }}") == "true")
        #expect(throws: EvaluationError.self) { try e.render("{{ isDayWeekInMonth('2026-12-11', 'FRIDAY', 'FIFTH') }}") }
    }

    @Test func lastWorkingDayOfTheMonth() throws {
        // January 2027 ends on a Sunday: Friday the 29th is its last working day.
        #expect(try e.render("{{ isLastWorkingDay('2027-01-29') }} {{ isLastWorkingDay('2027-01-31') }}") == "true false")
        #expect(try e.render("{{ isLastWorkingDay('2027-01-31', ['SUNDAY']) }}") == "true")
        #expect(throws: EvaluationError.self) { try e.render("{{ isLastWorkingDay('2027-01-31', ['FUNDAY']) }}") }
    }

    @Test func aValueThatIsNoDateIsAnError() {
        #expect(throws: EvaluationError.self) { try e.render("{{ hourOfDay('soon') }}") }
    }
}
