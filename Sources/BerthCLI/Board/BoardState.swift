import BerthExecutor
import BerthPlan
import Foundation

/// What the live board knows of each task, from the journal records as they are written.
/// Not thread-safe on its own: ``LiveBoard`` locks around it.
struct BoardState {
    struct Row {
        let node: PlanNode
        let depth: Int
        /// The attempt limit of the retry that applies to this task, when one does.
        let maxAttempts: Int?
    }

    /// One task run (a task, in a loop once per value).
    struct Run {
        var state: String?
        var start: Double
        var end: Double?
        var attempt = 1
        var attemptStart: Double
        var containerId: String?
        var pull: (image: String, current: Int64, total: Int64)?
    }

    private(set) var rows: [Row] = []
    private(set) var runs: [String: [String: Run]] = [:]
    private(set) var executionId = ""
    private(set) var flow = ""
    private(set) var started = Date().timeIntervalSince1970
    private var descendants: [String: Set<String>] = [:]

    mutating func begin(executionId: String, plan: Plan) {
        self.executionId = executionId
        flow = "\(plan.flow.namespace).\(plan.flow.id)"
        started = Date().timeIntervalSince1970
        var parent: [String: PlanNode] = [:]
        for (node, _) in plan.treeOrder { for child in node.inner { parent[child.id] = node } }
        // As the executor retries: the task's own policy, else the nearest flowable's, else the flow's.
        func retry(_ node: PlanNode) -> PlanRetry? { node.retry ?? parent[node.id].flatMap(retry) }
        rows = plan.treeOrder.map { Row(node: $0.node, depth: $0.depth, maxAttempts: (retry($0.node) ?? plan.retry)?.maxAttempts) }
        for row in rows { descendants[row.node.id] = Set(row.node.descendants.map(\.id)) }
    }

    mutating func apply(_ record: JournalRecord) {
        guard let key = record.key else { return }
        let taskId = String(key.prefix { $0 != "@" })
        var run = runs[taskId]?[key] ?? Run(start: record.time, attemptStart: record.time)
        switch record.kind {
        case .taskStarted:
            run.attempt = record.attempt ?? 1
            run.attemptStart = record.time
            run.state = nil
            run.end = nil
        case .containerCreated:
            run.containerId = record.containerId.map { String($0.prefix(12)) }
        case .pullFinished:
            run.pull = nil
        case .taskFinished:
            run.state = record.state
            run.end = record.time
            run.pull = nil
        default:
            break
        }
        runs[taskId, default: [:]][key] = run
    }

    mutating func pulling(key: String, image: String, current: Int64, total: Int64) {
        let taskId = String(key.prefix { $0 != "@" })
        guard var run = runs[taskId]?[key] else { return }
        run.pull = (image, current, total)
        runs[taskId]?[key] = run
    }

    /// When the first run of the task, or of a task inside it, started.
    func firstStart(_ taskId: String) -> Double? {
        ([taskId] + (descendants[taskId] ?? [])).compactMap { id in runs[id]?.values.map(\.start).min() }.min()
    }

    /// A task is running while one of its runs, or of the tasks inside it, has started and
    /// not finished.
    func isRunning(_ taskId: String) -> Bool {
        func open(_ id: String) -> Bool { runs[id]?.values.contains { $0.state == nil } == true }
        return open(taskId) || (descendants[taskId] ?? []).contains(where: open)
    }
}
