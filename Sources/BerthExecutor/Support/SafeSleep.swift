import BerthFormats

/// Sleeps of any length: a duration from a flow or an input can be anything up to what an
/// ISO-8601 duration holds, and a single `Task.sleep` of it would overflow. Sleeps in steps
/// of at most a day; throws `CancellationError` when the task is cancelled.
enum SafeSleep {
    static func sleep(seconds: Double) async throws {
        guard seconds.isFinite else {
            if seconds > 0 { while true { try await Task.sleep(nanoseconds: 86_400_000_000_000) } }
            return
        }
        var left = seconds
        while left > 0 {
            let step = min(left, 86_400)
            try await Task.sleep(nanoseconds: DurationText.nanoseconds(step))
            left -= step
        }
    }
}
