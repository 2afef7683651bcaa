import BerthPlan
import Foundation

/// States of task runs and executions, as Kestra names them.
public enum TaskState: String, Codable, Sendable, Comparable {
    case success = "SUCCESS", warning = "WARNING", skipped = "SKIPPED", failed = "FAILED", killed = "KILLED"
    /// The execution stopped because berth could not go on (state directory, engine); it can
    /// be resumed. Never a task's state.
    case interrupted = "INTERRUPTED"

    private var rank: Int {
        switch self {
        case .skipped: 0
        case .success: 1
        case .warning: 2
        case .failed: 3
        case .killed: 4
        case .interrupted: 5
        }
    }

    /// Kestra's order for a parent's state: KILLED over FAILED over WARNING over SUCCESS
    /// (SKIPPED counts as SUCCESS).
    public static func < (a: TaskState, b: TaskState) -> Bool { a.rank < b.rank }

    var isFailure: Bool { self == .failed || self == .killed || self == .interrupted }
}

/// One attempt of a task run.
public struct AttemptSummary: Codable, Sendable, Equatable {
    /// 1-based.
    public var number: Int
    public var state: TaskState
    public var exitCode: Int?
    public var containerId: String?
    public var message: String?
    public var durationSeconds: Double
}

/// One task run: a task (in a loop: for one value) with its attempts and outputs.
public struct TaskRunSummary: Codable, Sendable {
    public var taskId: String
    /// Unique per task run, the same for all its attempts (`{{ taskrun.id }}`).
    public var taskrunId: String
    /// `{{ taskrun.value }}`: set on the direct children of a ForEach.
    public var value: String?
    /// The values of every enclosing loop, outermost first (empty outside loops).
    public var loopValues: [String]
    public var state: TaskState
    public var attempts: [AttemptSummary]
    /// The exit code of the last attempt (script tasks).
    public var exitCode: Int?
    public var message: String?
    public var durationSeconds: Double
    public var containerId: String?
    /// The task run's outputs (secrets masked).
    public var outputs: JSONValue?
    /// Metrics the task reported through the output protocol.
    public var metrics: [MetricEntry]
}

/// The outcome of an execution (`--json` prints it; README "Formats").
public struct ExecutionResult: Codable, Sendable {
    /// The format version of this summary.
    public var version = 1
    public var executionId: String
    public var flow: String
    public var state: TaskState
    public var durationSeconds: Double
    public var tasks: [TaskRunSummary]
    public var outputs: JSONValue
    /// Why the execution stopped early (INTERRUPTED), with what to do.
    public var error: String?
}
