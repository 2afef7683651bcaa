import Foundation

/// One line of an execution's log file (`logs.jsonl`), as the report shows it.
public struct LogEntry: Codable, Sendable, Equatable {
    /// Seconds since 1970.
    public var time: Double
    /// The task the line belongs to; nil for berth's own lines.
    public var task: String?
    public var level: String
    /// The line, masked.
    public var line: String
}

/// The log lines of an execution kept next to its journal, for `berth report`. Appended as
/// JSON lines without fsync: a log is not what a resume needs, and a torn last line from a
/// crash is skipped when read.
public final class LogFile: @unchecked Sendable {
    private let handle: FileHandle?
    private let lock = NSLock()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Opens (or creates) `logs.jsonl` in `directory`; when that fails, lines are not kept
    /// (the execution goes on: its journal is what matters).
    public init(directory: URL) {
        let path = directory.appendingPathComponent("logs.jsonl").path
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    deinit { try? handle?.close() }

    func append(_ entry: LogEntry) {
        guard let handle, var data = try? encoder.encode(entry) else { return }
        data.append(0x0A)
        lock.withLock { try? handle.write(contentsOf: data) }
    }

    /// The lines of the execution in `directory` (none when it kept no log).
    public static func load(_ directory: URL) -> [LogEntry] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("logs.jsonl")) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(LogEntry.self, from: Data($0)) }
    }
}
