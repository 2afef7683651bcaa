import Foundation

/// Where a command reads and writes: the real process streams, or buffers in tests.
public final class CLIContext: @unchecked Sendable {
    /// The context commands run in (set by ``BerthCLI/run(_:context:)``).
    @TaskLocal public static var current = CLIContext.process

    public let writeOut: @Sendable (String) -> Void
    public let writeErr: @Sendable (String) -> Void
    public let readStdin: @Sendable () -> [UInt8]
    public let environment: [String: String]
    /// Whether stdout is a terminal (colour and progress only then).
    public let stdoutIsTTY: Bool
    /// Whether stderr is a terminal (the live board then shows error lines too).
    public let stderrIsTTY: Bool
    public let workingDirectory: String

    public init(
        writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
        readStdin: @escaping @Sendable () -> [UInt8], environment: [String: String],
        stdoutIsTTY: Bool, stderrIsTTY: Bool? = nil, workingDirectory: String
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.readStdin = readStdin
        self.environment = environment
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY ?? stdoutIsTTY
        self.workingDirectory = workingDirectory
    }

    /// The real process: stdout, stderr, stdin and environment.
    public static let process = CLIContext(
        writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeErr: { text in FileHandle.standardError.write(Data(text.utf8)) },
        readStdin: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
        environment: ProcessInfo.processInfo.environment,
        stdoutIsTTY: isatty(STDOUT_FILENO) == 1,
        stderrIsTTY: isatty(STDERR_FILENO) == 1,
        workingDirectory: FileManager.default.currentDirectoryPath)

    /// Colour is used only on a TTY and never when NO_COLOR is set (any value).
    public var useColour: Bool {
        stdoutIsTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Resolves a user-given path against the working directory.
    public func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }
}

/// Exit codes shared by every command (README "Exit codes").
public enum BerthExit {
    /// Clean (warnings allowed unless --strict).
    public static let success: Int32 = 0
    /// Errors found (or warnings under --strict); a failed run.
    public static let failure: Int32 = 1
    /// Usage error: bad flags or arguments.
    public static let usage: Int32 = 2
    /// IO, internal or engine error.
    public static let internalError: Int32 = 3
}
