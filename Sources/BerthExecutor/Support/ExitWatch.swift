import Foundation

/// Notices that a child process has exited while Foundation has not said so yet: Foundation
/// learns of the exit when a socket the child inherited closes, so a background process the
/// script started (which inherits it too) delays the news until it ends as well.
enum ExitWatch {
    /// Fulfils `exited` once `pid` is a zombie or gone; stops early when `exited` is fulfilled
    /// by someone else. Polls `/proc` every 20 ms on its own thread.
    static func start(pid: Int32, fulfilling exited: OneShot<Void>) {
        Thread.detachNewThread {
            while !exited.isFulfilled {
                if hasExited(pid) { exited.fulfill(()); return }
                usleep(20_000)
            }
        }
    }

    /// True when `/proc/PID/stat` is missing (reaped) or shows state Z or X.
    static func hasExited(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // "PID (COMMAND) STATE ...": the command may hold spaces and parentheses, so the state
        // is the first field after the last ")".
        guard let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].first { $0 != " " }
        return state == "Z" || state == "X"
    }
}
