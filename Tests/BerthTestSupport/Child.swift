import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process to its end with a deadline, for tests.
///
/// Output goes to a file, never a pipe: a pipe reaches end of file only when every process
/// holding its write end has exited, so a grandchild left running (a browser's helper, a
/// daemon, a tmux server) would make a reader wait for ever. The child starts with no
/// descriptor of ours beyond 0–2 (the test runner has many, some of them other tests' pipes),
/// default signal dispositions, an empty signal mask, and as the leader of its own process
/// group, so that what it leaves behind can be ended with it.
public enum Child {
    /// Where the child's standard error goes.
    public enum ErrorStream: Sendable {
        /// Into `output`, interleaved as written.
        case merged
        /// Into `errors`, kept apart from `output`.
        case apart
        /// To /dev/null.
        case discarded
    }

    /// How a child ended and what it wrote.
    public struct Outcome: Sendable {
        /// The exit status (0–255), or 128 + the number of the signal that ended it.
        public let status: Int32
        /// Standard output (and standard error when merged), decoded as UTF-8.
        public let output: String
        /// Standard error when kept apart; otherwise empty.
        public let errors: String
        /// True when the deadline passed and the child's process group was killed.
        public let timedOut: Bool
    }

    /// Runs `executable` (an absolute path) with `arguments` and waits for it, at most
    /// `timeout` seconds; then kills its process group (SIGKILL). With `endGroup` (the
    /// default) the group is also killed once the child has exited, ending what it left
    /// running in it. `environment` replaces the test runner's when given; `directory` is the
    /// working directory (the runner's when nil).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
                           errors: ErrorStream = .merged, timeout: Double = 300, endGroup: Bool = true) throws -> Outcome {
        let out = try CaptureFile()
        let err = errors == .apart ? try CaptureFile() : nil
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_TRUNC, 0)
        switch errors {
        case .merged: posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case .apart: posix_spawn_file_actions_addopen(&actions, 2, err!.path, O_WRONLY | O_TRUNC, 0)
        case .discarded: posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        guard GlibcSpawn.closeFrom(&actions, 3) == 0 else { throw SpawnError(executable: executable, message: "cannot close inherited descriptors") }
        if let directory, GlibcSpawn.changeDirectory(&actions, directory) != 0 {
            throw SpawnError(executable: executable, message: "cannot change to \(directory)")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let pid = try withCStrings([executable] + arguments) { argv in
            try withCStrings(env) { envp in
                var pid: pid_t = 0
                let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
                guard code == 0 else { throw SpawnError(executable: executable, message: String(cString: strerror(code))) }
                return pid
            }
        }
        let (status, timedOut) = wait(pid, seconds: timeout)
        if endGroup || timedOut { kill(-pid, SIGKILL) }
        return Outcome(status: status, output: out.text, errors: err?.text ?? "", timedOut: timedOut)
    }

    /// Why a child did not start.
    public struct SpawnError: Error, CustomStringConvertible {
        public let executable: String
        public let message: String
        public var description: String { "cannot start \(executable): \(message)" }
    }

    /// Waits for `pid` until `seconds` have passed, then kills its group and reaps it.
    private static func wait(_ pid: pid_t, seconds: Double) -> (Int32, Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var raw: Int32 = 0
        while true {
            let done = waitpid(pid, &raw, WNOHANG)
            if done == pid { return (decode(raw), false) }
            if done < 0 && errno != EINTR { return (-1, false) }
            if Date() >= deadline { break }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        return (decode(raw), true)
    }

    /// A wait status as an exit code, or 128 + signal.
    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws -> T) rethrows -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}
