import BerthExecutor
import BerthPlan
import Foundation

/// The live progress board of `berth run` on a terminal: log lines scroll as before, and
/// under them a tree of tasks redraws in place (at most ten times a second), with a footer.
/// The board sits under the log lines rather than pinned above them so every line stays in
/// the terminal's scrollback (lines scrolled out of a pinned region are lost in most
/// terminals). At the end the board gives way to the end-of-run summary.
///
/// One writer: log lines are queued and written by the same tick that redraws, so a line
/// never lands inside the board.
final class LiveBoard: ExecutionObserver, @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let colour: Bool
    private let size: @Sendable () -> (columns: Int, rows: Int)
    private let lock = NSLock()
    private var state = BoardState()
    private var pending: [String] = []
    private var drawn = 0
    private var frame = 0
    private var active = false
    private var ticker: Task<Void, Never>?

    init(colour: Bool, size: @escaping @Sendable () -> (columns: Int, rows: Int) = LiveBoard.terminalSize,
         write: @escaping @Sendable (String) -> Void) {
        self.colour = colour
        self.size = size
        self.write = write
    }

    // MARK: ExecutionObserver

    func started(executionId: String, plan: Plan) {
        lock.withLock {
            state.begin(executionId: executionId, plan: plan)
            active = true
        }
        ticker = Task.detached { [weak self] in
            while !Task.isCancelled {
                self?.tick()
                try? await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    func recorded(_ record: JournalRecord) {
        lock.withLock { state.apply(record) }
    }

    func pulling(key: String, image: String, current: Int64, total: Int64) {
        lock.withLock { state.pulling(key: key, image: image, current: current, total: total) }
    }

    // MARK: output

    /// A log line; before the execution starts (and after the board ended) it is written at once.
    func log(_ line: String) {
        let now: Bool = lock.withLock {
            guard active else { return true }
            pending.append(line)
            return false
        }
        if now { write(line + "\n") }
    }

    /// Writes what is queued, then the board again if it changed.
    func tick() {
        let text: String? = lock.withLock {
            guard active else { return nil }
            frame += 1
            return redraw(board: true)
        }
        if let text, !text.isEmpty { write(text) }
    }

    /// Flushes the last lines and takes the board away (the summary follows).
    func finish() {
        ticker?.cancel()
        ticker = nil
        let text: String = lock.withLock {
            guard active else { return "" }
            let out = redraw(board: false)
            active = false
            return out
        }
        if !text.isEmpty { write(text) }
    }

    /// Under the lock: erase the board, write queued lines, draw the board again.
    private func redraw(board: Bool) -> String {
        let (columns, rows) = size()
        let lines = board ? BoardRenderer(columns: max(columns, 20), maxLines: max(rows / 2, 4), colour: colour)
            .lines(state, now: Date().timeIntervalSince1970, frame: frame) : []
        var out = ""
        // Up to the first line of the board, then clear to the end of the screen.
        if drawn > 0 { out += "\r\u{1B}[\(drawn)A\u{1B}[J" }
        for line in pending { out += line + "\n" }
        pending.removeAll()
        for line in lines { out += line + "\n" }
        drawn = lines.count
        return out
    }

    /// The terminal's size from stdout, 80×24 when it cannot be read.
    @Sendable static func terminalSize() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
