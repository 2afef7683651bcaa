import BerthEngine
import BerthPlan

/// Follows an execution while it runs (the live board of `berth run`). Called from the
/// executor's tasks, often concurrently: an observer must return quickly and do its own
/// locking. Everything it is given is already masked.
public protocol ExecutionObserver: Sendable {
    /// The execution began (or resumed) running `plan`.
    func started(executionId: String, plan: Plan)
    /// A transition reached the journal (see ``JournalRecord/Kind``).
    func recorded(_ record: JournalRecord)
    /// Progress of an image pull for the task run `key`: bytes of all layers so far.
    func pulling(key: String, image: String, current: Int64, total: Int64)
}
