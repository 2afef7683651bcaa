import BerthEngine
import Foundation
import BerthExpressions
import BerthFormats
import BerthPlan

/// A metric a task reported through the output protocol.
public struct MetricEntry: Codable, Sendable, Equatable {
    /// `counter`, `timer` or `gauge`.
    public var type: String
    public var name: String
    /// The count, or for a timer the duration in seconds.
    public var value: Double
    public var tags: [String: String]
}

/// Kestra's log-line protocol: a whole line `::{json}::` carries `outputs` (merged into the
/// task's vars, top-level keys, last wins), `metrics` and `logs`. As in Kestra, the JSON is
/// read like Jackson reads it (text after the first value is ignored), and a frame that does
/// not fit — not an object, `outputs` not a map, a log level other than ERROR, WARN, INFO,
/// DEBUG, TRACE, a metric without a known type — is invalid as a whole: a warning, nothing applied.
struct OutputProtocol {
    private(set) var outputs = ValueMap()
    private(set) var metrics: [MetricEntry] = []

    enum LineKind: Equatable {
        /// An ordinary line to log.
        case log(String)
        /// A protocol line, consumed; with the log lines it asked for (level, message).
        case consumed(logs: [ExecutionLog.Level], messages: [String])
        /// Looked like the protocol but is invalid: the warning to log.
        case malformed(String)
    }

    mutating func handle(_ line: String) -> LineKind {
        guard line.utf8.count >= 6, line.hasPrefix("::{"), line.hasSuffix("}::") else { return .log(line) }
        let payload = String(line.dropFirst(2).dropLast(2))
        let value: Value
        do { value = try ValueJSON.decode(payload, trailing: true) } catch { return .malformed("Invalid outputs '\(error.message)'") }
        guard case .map(let frame) = value else { return .malformed("Invalid outputs 'the frame is not a JSON object'") }
        var produced = ValueMap()
        switch frame["outputs"] {
        case .map(let map)?: produced = map
        case .null?, nil: break
        default: return .malformed("Invalid outputs '\"outputs\" must be a JSON object'")
        }
        var levels: [ExecutionLog.Level] = [], messages: [String] = []
        if let logs = frame["logs"], logs != .null {
            guard case .list(let items) = logs else { return .malformed("Invalid outputs '\"logs\" must be a list'") }
            for item in items {
                guard case .map(let entry) = item, case .string(let name)? = entry["level"],
                      let level = ExecutionLog.Level(rawValue: name) else {
                    return .malformed("Invalid outputs 'a log entry needs a level among ERROR, WARN, INFO, DEBUG, TRACE'")
                }
                levels.append(level)
                messages.append(TemplateText.render(entry["message"] ?? .null))
            }
        }
        var newMetrics: [MetricEntry] = []
        if let list = frame["metrics"], list != .null {
            guard case .list(let items) = list else { return .malformed("Invalid outputs '\"metrics\" must be a list'") }
            for item in items {
                guard let metric = Self.metric(item) else {
                    return .malformed("Invalid outputs 'a metric needs a name, a type (counter, timer, gauge) and a numeric value'")
                }
                newMetrics.append(metric)
            }
        }
        for (key, item) in produced.pairs { outputs[key] = item }
        metrics += newMetrics
        return .consumed(logs: levels, messages: messages)
    }

    static func metric(_ value: Value) -> MetricEntry? {
        guard case .map(let entry) = value, case .string(let name)? = entry["name"], case .string(let type)? = entry["type"],
              ["counter", "timer", "gauge"].contains(type) else { return nil }
        let number: Double?
        switch entry["value"] {
        case .int(let i)?: number = Double(i)
        case .double(let d)?: number = d.isFinite ? d : nil
        case .string(let s)? where type == "timer": number = KestraNumber.double(s) ?? ISODuration.seconds(s)
        default: number = nil
        }
        guard let number else { return nil }
        var tags: [String: String] = [:]
        if case .map(let given)? = entry["tags"] { for (k, v) in given.pairs { tags[k] = TemplateText.render(v) } }
        return MetricEntry(type: type, name: name, value: number, tags: tags)
    }
}

/// Lines of a script's two streams through the protocol into the log: stdout at INFO, stderr
/// at ERROR. Thread-safe (the Process runner feeds it from two reader threads).
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var splitters: [OutputStreamKind: LineSplitter]
    private var protocolState = OutputProtocol()
    let taskId: String
    let log: ExecutionLog

    /// `dropBlankLines`: Kestra's Docker runner splits on runs of line breaks, so blank lines
    /// never reach the log; its Process runner reads line by line and keeps them.
    init(taskId: String, log: ExecutionLog, dropBlankLines: Bool) {
        self.taskId = taskId
        self.log = log
        splitters = [.stdout: LineSplitter(dropBlank: dropBlankLines), .stderr: LineSplitter(dropBlank: dropBlankLines)]
    }

    func feed(_ stream: OutputStreamKind, _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if stream == .system {
            log.task(taskId, .error, "engine: \(String(decoding: bytes, as: UTF8.self))")
            return
        }
        lock.withLock {
            guard var splitter = splitters[stream] else { return }
            let lines = splitter.feed(bytes)
            splitters[stream] = splitter
            for line in lines { emit(stream, line) }
        }
    }

    private func emit(_ stream: OutputStreamKind, _ line: String) {
        switch protocolState.handle(line) {
        case .log(let text): log.task(taskId, stream == .stderr ? .error : .info, text)
        case .consumed(let levels, let messages): for (level, message) in zip(levels, messages) { log.task(taskId, level, message) }
        case .malformed(let warning): log.task(taskId, .warn, warning)
        }
    }

    /// Flushes unterminated last lines; returns the outputs and metrics read.
    func finish() -> (ValueMap, [MetricEntry]) {
        lock.withLock {
            for stream in [OutputStreamKind.stdout, .stderr] {
                guard var splitter = splitters[stream] else { continue }
                if let tail = splitter.flush() { emit(stream, tail) }
                splitters[stream] = splitter
            }
            return (protocolState.outputs, protocolState.metrics)
        }
    }
}
