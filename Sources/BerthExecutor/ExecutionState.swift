import BerthExpressions
import BerthPlan
import Foundation

/// Final and intermediate states of tasks and executions.
public enum TaskState: String, Codable, Sendable, Comparable {
    case success = "SUCCESS", warning = "WARNING", skipped = "SKIPPED", failed = "FAILED", killed = "KILLED"

    private var rank: Int {
        switch self {
        case .skipped: 0
        case .success: 1
        case .warning: 2
        case .failed: 3
        case .killed: 4
        }
    }

    public static func < (a: TaskState, b: TaskState) -> Bool { a.rank < b.rank }

    var isFailure: Bool { self == .failed || self == .killed }
}

/// One task run (an attempt set) in the summary.
public struct TaskRunSummary: Codable, Sendable {
    public var taskId: String
    public var value: String?
    public var state: TaskState
    public var attempts: Int
    public var exitCode: Int?
    public var message: String?
    public var durationSeconds: Double
    public var containerId: String?
}

/// The shared state of one execution: outputs, task states, summaries.
actor ExecutionState {
    private(set) var outputs = ValueMap()
    private(set) var taskStates = ValueMap()
    private(set) var runs: [TaskRunSummary] = []

    /// Records outputs; inside a loop they are stored per iteration value (`outputs.t[value]`).
    func setOutputs(_ taskId: String, _ value: Value, loopValue: String?) {
        guard let loopValue else {
            outputs[taskId] = value
            return
        }
        var perValue: ValueMap
        if case .map(let existing)? = outputs[taskId] { perValue = existing } else { perValue = ValueMap() }
        perValue[loopValue] = value
        outputs[taskId] = .map(perValue)
    }

    func setState(_ taskId: String, _ state: TaskState) {
        taskStates[taskId] = .object([("state", .string(state.rawValue))])
    }

    func record(_ run: TaskRunSummary) { runs.append(run) }
}
