import Foundation

/// The run's control state: the work task, and why it was aborted.
final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var work: Task<ExecutionResult, Never>?
    private var failure: ExecutorError?

    func setWork(_ task: Task<ExecutionResult, Never>) {
        let cancelNow = lock.withLock { () -> Bool in
            work = task
            return failure != nil
        }
        if cancelNow { task.cancel() }
    }

    func abort(_ error: ExecutorError) {
        let task = lock.withLock { () -> Task<ExecutionResult, Never>? in
            guard failure == nil else { return nil }
            failure = error
            return work
        }
        task?.cancel()
    }

    /// Why the execution was aborted, if it was.
    var fatal: ExecutorError? { lock.withLock { failure } }
    /// Whether running containers must be left running (an abort, not a stop request).
    var leavesContainers: Bool { fatal != nil }
}
