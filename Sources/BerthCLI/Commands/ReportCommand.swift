import ArgumentParser
import BerthReport
import Foundation

/// `berth report EXECUTION_ID [-o report.html]`: one self-contained HTML file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an execution's report: one self-contained HTML file.",
        discussion: """
            Header (flow, state, inputs with secrets masked, start, duration), a timeline of task \
            runs with each attempt as a bar and the engine's pull, create, start and exit marks, \
            the topology coloured by state, outputs and output files, and the logs (collapsible, \
            searchable; open the file with ?q=TEXT to search at once). Made from the journal, so it \
            works for a running, a finished and a resumed execution. No network: style and script \
            are inline. Without -o the HTML goes to stdout. Exit codes: 0 written, 2 no such \
            execution, 3 unreadable execution or unwritable file.
            """
    )

    @Argument(help: "The execution id (see berth executions).")
    var executionId: String

    @Option(name: .shortAndLong, help: "Write to this file (replaced atomically) instead of stdout.")
    var output: String?

    @Option(help: "Where executions keep their files.")
    var stateDir: String = ".berth"

    func run() throws {
        let context = CLIContext.current
        let stateDirectory = URL(fileURLWithPath: context.absolutePath(stateDir))
        do {
            if let output {
                try Self.write(executionId, stateDirectory: stateDirectory, to: context.absolutePath(output))
            } else {
                context.writeOut(try Self.html(executionId, stateDirectory: stateDirectory))
            }
        } catch let error as ReportError {
            let missing = !FileManager.default.fileExists(atPath: stateDirectory.appendingPathComponent("executions/\(executionId)").path)
            throw CommandFailure(error.description, exitCode: missing ? BerthExit.usage : BerthExit.internalError)
        }
    }

    static func html(_ executionId: String, stateDirectory: URL) throws -> String {
        ExecutionReport.html(try ExecutionRecord.load(executionId, stateDirectory: stateDirectory), stateDirectory: stateDirectory)
    }

    /// Writes the report of `executionId` to `path`, replacing it atomically.
    static func write(_ executionId: String, stateDirectory: URL, to path: String) throws {
        let html = try html(executionId, stateDirectory: stateDirectory)
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \"\(path)\": \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
    }
}
