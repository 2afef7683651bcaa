import Foundation

/// Subflow executions started with `wait: false`: the parent execution waits for them before
/// it ends, since berth's process is what runs them.
final class BackgroundRuns: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []

    func add(_ task: Task<Void, Never>) { lock.withLock { tasks.append(task) } }

    /// Waits for every run started so far (and those they start).
    func waitAll() async {
        while true {
            let pending = lock.withLock { () -> [Task<Void, Never>] in
                defer { tasks.removeAll() }
                return tasks
            }
            if pending.isEmpty { return }
            // A stop request stops them too.
            await withTaskCancellationHandler {
                for task in pending { await task.value }
            } onCancel: {
                for task in pending { task.cancel() }
            }
        }
    }
}
