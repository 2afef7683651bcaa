import BerthPlan
import Foundation

/// A flowable's `errors`: started once, as soon as a child fails (siblings may still run),
/// as Kestra does; they never change the flowable's state.
final class ErrorHandlers: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private let runner: PlanRunner
    private let node: PlanNode
    private let scope: Scope

    init(runner: PlanRunner, node: PlanNode, scope: Scope) {
        self.runner = runner
        self.node = node
        self.scope = scope
    }

    func trigger() {
        guard !node.errors.isEmpty else { return }
        lock.withLock {
            guard task == nil else { return }
            let runner = self.runner, node = self.node, scope = self.scope
            task = Task.detached { _ = await runner.runList(node.errors, scope: scope, continueOnFailure: true) }
        }
    }

    func wait() async {
        let running = lock.withLock { task }
        await running?.value
    }
}
