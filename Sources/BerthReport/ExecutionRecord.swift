import BerthExecutor
import BerthPlan
import Foundation

/// An execution as its directory tells it — plan, journal and log lines — for the report.
/// Works while the execution runs (open attempts end "now"), after it ended, and after a
/// resume (every start record counts, the first one is the start).
public struct ExecutionRecord: Sendable {
    /// A mark of the engine on an attempt: `pull` (with an end), `create`, `start`, `exit`.
    public struct Mark: Sendable, Equatable {
        public var kind: String
        /// Seconds since 1970.
        public var time: Double
        public var end: Double?
        public var detail: String
    }

    public struct Attempt: Sendable {
        /// 1-based.
        public var number: Int
        /// nil while it runs.
        public var state: String?
        public var start: Double
        public var end: Double?
        public var exitCode: Int?
        public var containerId: String?
        public var message: String?
        public var marks: [Mark]
    }

    /// One task run: a task, in a loop once per value.
    public struct TaskRun: Sendable {
        /// The journal key: `taskId`, or `taskId@["value",...]` inside loops.
        public var key: String
        public var taskId: String
        public var loopValues: [String]
        /// How deep in the task tree: 0 for a task of the flow's own lists.
        public var depth: Int
        /// nil while it runs.
        public var state: String?
        public var start: Double?
        public var end: Double?
        public var attempts: [Attempt]
        public var outputs: JSONValue?
        public var message: String?
    }

    public let id: String
    public let plan: Plan
    /// `RUNNING` while berth's process is alive, `INTERRUPTED` when it stopped early, else the final state.
    public let state: String
    public let start: Double
    public let end: Double?
    /// Inputs as given (SECRET inputs are never journaled).
    public let inputs: [String: String]
    public let outputs: JSONValue?
    public let error: String?
    /// In tree order (a flowable above the runs inside it), the runs of one task by start.
    public let runs: [TaskRun]
    public let logs: [LogEntry]
    /// Whether berth's process was still running it when it was read.
    public let live: Bool

    /// Reads execution `id` under `stateDirectory`. Throws a message naming what is missing or unreadable.
    public static func load(_ id: String, stateDirectory: URL) throws -> ExecutionRecord {
        let plan: Plan, records: [JournalRecord]
        do { (plan, records) = try Journal.execution(id, stateDirectory: stateDirectory) } catch { throw ReportError("\(error)") }
        let directory = StoredFiles.executionDirectory(id, stateDirectory: stateDirectory)
        return ExecutionRecord(id: id, plan: plan, records: records, logs: LogFile.load(directory))
    }

    init(id: String, plan: Plan, records: [JournalRecord], logs: [LogEntry], now: Double = Date().timeIntervalSince1970) {
        self.id = id
        self.plan = plan
        self.logs = logs
        let starts = records.filter { $0.kind == .executionStarted }
        let finished = records.last { $0.kind == .executionFinished }
        let interrupted = records.last { $0.kind == .executionInterrupted }
        let pid = starts.last?.pid ?? 0
        live = finished == nil && pid > 0 && kill(pid, 0) == 0 && interrupted.map { $0.time < (starts.last?.time ?? 0) } ?? true
        state = finished?.state ?? (live ? "RUNNING" : "INTERRUPTED")
        start = starts.first?.time ?? records.first?.time ?? now
        end = finished?.time ?? (live ? nil : records.last?.time)
        if case .object(let given)? = starts.first?.outputs { inputs = given.compactMapValues(\.stringValue) } else { inputs = [:] }
        outputs = finished?.outputs
        error = finished == nil ? interrupted?.message : nil
        runs = RunAssembly(plan: plan, records: records, openEnd: end ?? now).runs
    }
}

/// A report that cannot be made, with the reason.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
