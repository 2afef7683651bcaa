import BerthPlan
import Foundation

/// One line of an execution's journal.
public struct JournalRecord: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case executionStarted, taskStarted, containerCreated, containerStarted, containerExited, attemptFinished, taskFinished, executionFinished
        /// An image pull began (`message`: the image) and ended; for the report's timeline.
        case pullStarted, pullFinished
        /// berth stopped because the engine or the state directory failed; `message` says why.
        case executionInterrupted
        /// An execution.Labels task changed the labels; `outputs` holds the labels it set.
        case labelsChanged
        /// A Subflow task started the child execution `message`.
        case subflowStarted
    }

    public var kind: Kind
    /// Seconds since 1970.
    public var time: Double
    /// `nodeId`, or `nodeId@value/value` inside loops (outer value first).
    public var key: String?
    /// 1-based attempt number.
    public var attempt: Int?
    public var taskrunId: String?
    public var containerId: String?
    public var exitCode: Int?
    public var state: String?
    public var message: String?
    public var outputs: JSONValue?
    public var flow: String?
    public var pid: Int32?
    /// The attempts of a finished task run (taskFinished).
    public var attempts: [AttemptSummary]?
    /// How container tasks run (executionStarted; nil for `docker`, as before there was a choice).
    public var backend: String?

    public init(kind: Kind, key: String? = nil) {
        self.kind = kind
        self.time = Date().timeIntervalSince1970
        self.key = key
    }
}

/// The crash-safe record of an execution: every transition is appended and fsync'd *before* it
/// is acted on, as JSON lines in `<state>/executions/<id>/journal.jsonl`, next to the plan it
/// runs (`plan.json`). `berth resume` rebuilds the execution from it.
///
/// Every string of a record passes through the masker on the way in. A write or fsync that
/// fails throws: the execution must stop (it cannot promise a resume without the record), and
/// the file keeps only whole lines before the failure (a torn tail is cut when it is reopened).
public final class Journal: @unchecked Sendable {
    public let directory: URL
    private let descriptor: Int32
    private let lock = NSLock()
    private let masker: SecretMasker
    private var broken: String?
    private let observer: (any ExecutionObserver)?

    public init(directory: URL, masker: SecretMasker, observer: (any ExecutionObserver)? = nil) throws(ExecutorError) {
        self.directory = directory
        self.masker = masker
        self.observer = observer
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ExecutorError.journal("cannot create the execution directory \(directory.path): \(error.localizedDescription)")
        }
        let path = directory.appendingPathComponent("journal.jsonl").path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ExecutorError.journal("cannot open the journal \(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
        try Self.cutTornTail(fd, path: path)
    }

    deinit { close(descriptor) }

    /// After a crash or a full disk the last line may be incomplete: cut it, so the next record
    /// starts on a line of its own.
    private static func cutTornTail(_ fd: Int32, path: String) throws(ExecutorError) {
        guard let data = FileManager.default.contents(atPath: path), let last = data.last, last != 0x0A else { return }
        let keep = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard ftruncate(fd, off_t(keep)) == 0 else {
            throw ExecutorError.journal("cannot repair the journal \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Appends a record and waits until it is on disk. Throws when it could not be written
    /// (every later append throws too).
    public func append(_ record: JournalRecord) throws(ExecutorError) {
        var masked = record
        masked.message = record.message.map(masker.mask)
        masked.outputs = record.outputs.map(masker.mask)
        masked.attempts = record.attempts?.map { attempt in
            var copy = attempt
            copy.message = attempt.message.map(masker.mask)
            return copy
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var data = try? encoder.encode(masked) else { throw ExecutorError.journal("cannot encode a journal record") }
        data.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        if let broken { throw ExecutorError.journal(broken) }
        if let failure = Self.write(data, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))) {
            let message = "cannot write the journal in \(directory.path): \(failure)"
            broken = message
            throw ExecutorError.journal(message)
        }
        observer?.recorded(masked)
    }

    /// Writes all of `data`; returns the error text when the system refused.
    private static func write(_ data: Data, to fd: Int32) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }

    /// The plan and the records of execution `id` under `stateDirectory`; `.plan` names what
    /// is missing or unreadable.
    public static func execution(_ id: String, stateDirectory: URL) throws(ExecutorError) -> (Plan, [JournalRecord]) {
        let directory = StoredFiles.executionDirectory(id, stateDirectory: stateDirectory)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("journal.jsonl").path) else {
            throw ExecutorError.plan("no execution \(id) under \(stateDirectory.path)")
        }
        do {
            let records = try load(directory)
            return (try Plan.decode(Data(contentsOf: directory.appendingPathComponent("plan.json"))), records)
        } catch {
            throw ExecutorError.plan("cannot read execution \(id): \(error)")
        }
    }

    /// The records of an execution (an incomplete last line from a crash is ignored).
    public static func load(_ directory: URL) throws -> [JournalRecord] {
        let data = try Data(contentsOf: directory.appendingPathComponent("journal.jsonl"))
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(JournalRecord.self, from: Data($0)) }
    }
}
