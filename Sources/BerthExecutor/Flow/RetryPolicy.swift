import BerthPlan
import Foundation

/// A retry policy applied as Kestra applies it to runnable task runs.
struct RetryPolicy: Sendable {
    let retry: PlanRetry

    /// Total attempts allowed (Kestra retries forever when neither maxAttempts nor maxDuration limit it).
    var maxAttempts: Int { retry.maxAttempts.map { max(1, $0) } ?? Int.max }

    /// The delay before attempt `attempt + 1`, after `attempt` attempts: constant interval;
    /// exponential interval × delayFactor^(attempt-1) capped at maxInterval; random in [min, max).
    func delay(after attempt: Int) -> Double {
        switch retry.type {
        case "exponential":
            let base = retry.intervalSeconds ?? 1
            let factor = pow(retry.delayFactor ?? 2, Double(max(0, attempt - 1)))
            let delay = base * (factor.isFinite ? factor : Double.greatestFiniteMagnitude)
            return min(delay.isFinite ? delay : Double.greatestFiniteMagnitude, retry.maxIntervalSeconds ?? delay)
        case "random":
            let low = retry.minIntervalSeconds ?? 0, high = retry.maxIntervalSeconds ?? low
            return high > low ? Double.random(in: low..<high) : low
        default:
            return retry.intervalSeconds ?? 1
        }
    }

    /// Kestra refuses a retry whose date would be past the first attempt's start + maxDuration.
    func allowsRetry(at next: Date, firstStart: Date) -> Bool {
        guard let maxDuration = retry.maxDurationSeconds else { return true }
        return next.timeIntervalSince(firstStart) <= maxDuration
    }
}
