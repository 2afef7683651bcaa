/// How Kestra shows durations in messages, and safe conversions of seconds for timers.
public enum DurationText {
    /// Kestra's `HH:mm:ss.SSS` (as in "Timeout after 00:00:02.000"); hours are not capped.
    public static func hms(_ seconds: Double) -> String {
        guard let millis = KestraNumber.int64((max(0, seconds) * 1000).rounded()) else { return "a very long time" }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = millis % 1000
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(two(millis / 3_600_000)):\(two(millis / 60_000 % 60)):\(two(millis / 1000 % 60)).\(msText)"
    }

    /// Nanoseconds for a timer of `seconds`, clamped to `0...UInt64.max` (about 584 years):
    /// a duration from a flow or an input can be any size and must never trap a conversion.
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds.isFinite else { return seconds > 0 ? UInt64.max : 0 }
        let nanos = seconds * 1e9
        if nanos <= 0 { return 0 }
        if nanos >= 18_446_744_073_709_551_615 { return UInt64.max }
        return UInt64(nanos)
    }
}
