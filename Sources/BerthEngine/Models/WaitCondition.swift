/// What a wait waits for.
public enum WaitCondition: String, Sendable {
    /// The next exit after the wait is registered (before start).
    case nextExit = "next-exit"
    /// Not running (returns at once for an exited container).
    case notRunning = "not-running"
}
