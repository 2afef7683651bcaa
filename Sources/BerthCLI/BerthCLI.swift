import ArgumentParser

/// The `berth` command line as a library: the executable and the tests both call ``run(_:context:)``.
public enum BerthCLI {
    /// The version printed by `berth --version`.
    public static let version = "0.1.0"

    /// Runs `berth` with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: CLIContext = .process) async -> Int32 {
        await CLIContext.$current.withValue(context) {
            do {
                var command = try BerthCommand.parseAsRoot(arguments)
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return BerthExit.success
            } catch let exit as ExitCode {
                return exit.rawValue
            } catch let failure as CommandFailure {
                context.writeErr("berth: error: \(failure.message)\n")
                return failure.exitCode
            } catch {
                let code = BerthCommand.exitCode(for: error)
                let message = BerthCommand.fullMessage(for: error)
                if code == .success {
                    context.writeOut(message.isEmpty ? "" : message + "\n")
                    return BerthExit.success
                }
                if code == .validationFailure {
                    context.writeErr(message + "\n")
                    return BerthExit.usage
                }
                context.writeErr("berth: error: \(message)\n")
                return BerthExit.internalError
            }
        }
    }
}

/// A failure a command reports with its own message and exit code.
public struct CommandFailure: Error {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// `berth`: the root command.
struct BerthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth",
        abstract: "Check, compile and run Kestra-style flows whose script tasks run as Docker containers.",
        version: BerthCLI.version,
        subcommands: [LintCommand.self, MigrateCommand.self, CompileCommand.self, GraphCommand.self, RunCommand.self, ExecCommand.self, ResumeCommand.self, ReportCommand.self, ExecutionsCommand.self, GCCommand.self, SchemaCommand.self, LSPCommand.self]
    )
}
