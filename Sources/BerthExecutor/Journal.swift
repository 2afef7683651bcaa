import BerthPlan
import Foundation

/// One line of an execution's journal.
public struct JournalRecord: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case executionStarted, taskStarted, containerCreated, containerStarted, containerExited, taskFinished, executionFinished
    }

    public var kind: Kind
    public var time: Double
    /// `nodeId` or `nodeId@loopValue`.
    public var key: String?
    public var attempt: Int?
    public var taskrunId: String?
    public var containerId: String?
    public var exitCode: Int?
    public var state: String?
    public var message: String?
    public var outputs: JSONValue?
    public var flow: String?
    public var pid: Int32?

    public init(kind: Kind, key: String? = nil) {
        self.kind = kind
        self.time = Date().timeIntervalSince1970
        self.key = key
    }
}

/// The crash-safe record of an execution: every transition is appended and fsync'd *before* it
/// is acted on, as JSON lines in `<state>/executions/<id>/journal.jsonl`, next to the plan it
/// runs (`plan.json`). `berth resume` rebuilds the execution from it.
public final class Journal: @unchecked Sendable {
    public let directory: URL
    private let handle: FileHandle
    private let lock = NSLock()

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("journal.jsonl")
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
    }

    deinit { try? handle.close() }

    public func append(_ record: JournalRecord) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var data = try? encoder.encode(record) else { return }
        data.append(0x0A)
        lock.withLock {
            handle.write(data)
            try? handle.synchronize()
        }
    }

    /// The records of an execution (a torn last line from a crash is ignored).
    public static func load(_ directory: URL) throws -> [JournalRecord] {
        let data = try Data(contentsOf: directory.appendingPathComponent("journal.jsonl"))
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(JournalRecord.self, from: Data($0)) }
    }

    /// What a resumed execution already knows.
    struct Recovered {
        var finished: [String: JournalRecord] = [:]
        /// Containers created for a task attempt that did not finish: key → (attempt, taskrun, container).
        var inFlight: [String: (attempt: Int, taskrunId: String, containerId: String)] = [:]
        var started: [String: (attempt: Int, taskrunId: String)] = [:]
        var inputs: [String: String] = [:]
    }

    static func recover(_ records: [JournalRecord]) -> Recovered {
        var recovered = Recovered()
        for record in records {
            guard let key = record.key else {
                if record.kind == .executionStarted, case .object(let inputs)? = record.outputs {
                    recovered.inputs = inputs.compactMapValues { $0.stringValue }
                }
                continue
            }
            switch record.kind {
            case .taskStarted:
                recovered.started[key] = (record.attempt ?? 1, record.taskrunId ?? "")
            case .containerCreated:
                if let id = record.containerId { recovered.inFlight[key] = (record.attempt ?? 1, record.taskrunId ?? "", id) }
            case .taskFinished:
                recovered.finished[key] = record
                recovered.inFlight[key] = nil
            default:
                break
            }
        }
        return recovered
    }
}
