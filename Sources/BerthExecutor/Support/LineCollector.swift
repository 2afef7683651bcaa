import BerthEngine
import BerthExpressions
import Foundation

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
