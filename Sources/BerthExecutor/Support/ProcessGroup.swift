import Foundation

/// The process group of a Process-runner task (its leader is the task's process), killed only
/// while its id is still the task's: once the leader is reaped and the group has no member
/// left, Linux may hand the id to a new process — another program's daemon, which a blind
/// `kill(-id)` would then kill.
struct ProcessGroup: Sendable {
    let id: pid_t
    /// The leader's start time (clock ticks after boot, `/proc/PID/stat` field 22).
    let leaderStart: UInt64?

    init(leader: pid_t) {
        id = leader
        leaderStart = Self.startTime(of: leader)
    }

    /// SIGKILLs every member. When a process holds the id, it must be the leader itself (a
    /// zombie still holds it); when none does, the id is in use by the group only as long as it
    /// has members, and those are the task's.
    func kill() {
        if let start = Self.startTime(of: id), start != leaderStart { return }
        _ = Glibc.kill(-id, SIGKILL)
    }

    static func startTime(of pid: pid_t) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "PID (COMMAND)": state is field 3, starttime field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
