import BerthCLI
import BerthTestSupport
import Foundation
import Testing

/// Runs the CLI in-process with captured streams.
final class CLIRun: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    var stdout: String { lock.withLock { out } }
    var stderr: String { lock.withLock { err } }
    let exitCode: Int32

    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:], tty: Bool = false, cwd: String? = nil) async -> CLIRun {
        let box = Box()
        let context = CLIContext(
            writeOut: { text in box.appendOut(text) },
            writeErr: { text in box.appendErr(text) },
            readStdin: { Array(stdin.utf8) },
            environment: environment, stdoutIsTTY: tty,
            workingDirectory: cwd ?? FileManager.default.currentDirectoryPath)
        let code = await BerthCLI.run(arguments, context: context)
        return CLIRun(code: code, out: box.out, err: box.err)
    }

    private init(code: Int32, out: String, err: String) {
        exitCode = code
        self.out = out
        self.err = err
    }

    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var out = ""
        var err = ""
        func appendOut(_ s: String) { lock.withLock { out += s } }
        func appendErr(_ s: String) { lock.withLock { err += s } }
    }
}

/// A temporary directory with files, removed on deinit.
final class TempDir {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        path = NSTemporaryDirectory() + "berth-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let full = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs an external program and returns its exit status and combined output. It gets 300 s
/// (then its process group is killed and the test fails saying so); output goes through a file,
/// so something it leaves running cannot make the test wait for ever.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 300,
                endGroup: Bool = true) throws -> (Int32, String) {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let outcome = try Child.run(executable, arguments, environment: env, timeout: timeout, endGroup: endGroup)
    if outcome.timedOut { Issue.record("\(executable) \(arguments.joined(separator: " ")) ran past \(Int(timeout)) s and was killed:\n\(outcome.output)") }
    return (outcome.status, outcome.output)
}

