import BerthPlan
import Foundation

/// Where task output goes: one line per log line, prefixed with the task id; stdout lines at
/// INFO, stderr at ERROR (as Kestra). Every line passes through the execution's
/// ``SecretMasker`` on its way out; no caller can forget it.
public final class ExecutionLog: @unchecked Sendable {
    public enum Level: String, Sendable, CaseIterable { case trace = "TRACE", debug = "DEBUG", info = "INFO", warn = "WARN", error = "ERROR" }

    private let write: @Sendable (Level, String) -> Void
    private let colour: Bool
    private let lock = NSLock()
    private var file: LogFile?
    /// The masker every line goes through.
    public let masker: SecretMasker

    public init(masker: SecretMasker = SecretMasker(), colour: Bool = false, write: @escaping @Sendable (Level, String) -> Void) {
        self.masker = masker
        self.colour = colour
        self.write = write
    }

    /// Keeps every line in `file` too (the runner attaches its execution's log file); nil stops.
    public func keep(in file: LogFile?) {
        lock.withLock { self.file = file }
    }

    private func kept(_ taskId: String?, _ level: Level, _ body: String) {
        guard let file = lock.withLock({ self.file }) else { return }
        file.append(LogEntry(time: Date().timeIntervalSince1970, task: taskId, level: level.rawValue, line: body))
    }

    public func task(_ taskId: String, _ level: Level, _ message: String) {
        let body = masker.mask(message)
        kept(taskId, level, body)
        guard colour else { return write(level, "[\(taskId)] \(body)") }
        // On a terminal each task gets its own colour for the prefix; errors are red.
        let palette = ["36", "32", "35", "34", "33", "96", "92", "95"]
        let index = Int(taskId.unicodeScalars.reduce(UInt32(7)) { ($0 &* 31) &+ $1.value } % UInt32(palette.count))
        let shown = level == .error ? "\u{1B}[31m\(body)\u{1B}[0m" : body
        write(level, "\u{1B}[\(palette[index])m[\(taskId)]\u{1B}[0m \(shown)")
    }

    public func system(_ level: Level, _ message: String) {
        let body = masker.mask(message)
        kept(nil, level, body)
        write(level, body)
    }
}
