import BerthPlan
import Foundation

/// What a resumed execution knows from its journal.
struct Recovery: Sendable {
    struct Started: Sendable {
        var attempt: Int
        var taskrunId: String
    }

    struct Container: Sendable {
        var attempt: Int
        var containerId: String
        /// The journal says it was started (a backend whose `create` makes nothing on the engine
        /// may otherwise know nothing of it).
        var started = false
    }

    /// Finished task runs by key: never run again.
    var finished: [String: JournalRecord] = [:]
    /// The last attempt started per key.
    var started: [String: Started] = [:]
    /// The container of the last attempt per key (it may still run).
    var containers: [String: Container] = [:]
    /// When that container was created.
    var containerCreatedAt: [String: Date] = [:]
    /// Attempts that ended before berth stopped, per key.
    var attempts: [String: [AttemptSummary]] = [:]
    /// The child execution a Subflow task run started, by key.
    var subflows: [String: String] = [:]
    /// Labels execution.Labels tasks set before berth stopped.
    var labels: [String: String] = [:]
    /// The input values the execution started with.
    var inputs: [String: String] = [:]
    /// When the execution first started.
    var startTime: Date?
    /// The backend the execution started on.
    var backend: String?
    /// When berth last recorded an interruption (a lost engine): a container that died by a
    /// signal after it died with the engine, not of its own accord.
    var interruptedAt: Date?

    static let none = Recovery()

    init() {}

    init(_ records: [JournalRecord]) {
        for record in records {
            guard let key = record.key else {
                if record.kind == .executionInterrupted { interruptedAt = Date(timeIntervalSince1970: record.time) }
                if record.kind == .executionStarted {
                    if startTime == nil {
                        startTime = Date(timeIntervalSince1970: record.time)
                        backend = record.backend ?? "docker"
                    }
                    if case .object(let given)? = record.outputs { inputs = given.compactMapValues { $0.stringValue } }
                }
                continue
            }
            switch record.kind {
            case .subflowStarted:
                if let id = record.message { subflows[key] = id }
            case .labelsChanged:
                if case .object(let set)? = record.outputs { labels.merge(set.compactMapValues { $0.stringValue }) { $1 } }
            case .taskStarted:
                started[key] = Started(attempt: record.attempt ?? 1, taskrunId: record.taskrunId ?? "")
                containers[key] = nil
            case .containerCreated:
                if let id = record.containerId {
                    containers[key] = Container(attempt: record.attempt ?? 1, containerId: id)
                    containerCreatedAt[key] = Date(timeIntervalSince1970: record.time)
                }
            case .containerStarted:
                if containers[key]?.containerId == record.containerId { containers[key]?.started = true }
            case .attemptFinished:
                attempts[key, default: []].append(AttemptSummary(
                    number: record.attempt ?? 1, state: record.state.flatMap(TaskState.init(rawValue:)) ?? .failed, exitCode: record.exitCode,
                    containerId: record.containerId, message: record.message, durationSeconds: 0))
                containers[key] = nil
            case .taskFinished:
                finished[key] = record
                containers[key] = nil
            default:
                break
            }
        }
    }
}
