import ArgumentParser
import BerthCompiler
import BerthDiagnostics
import BerthEngine
import BerthExecutor
import BerthPlan
import Foundation

/// Options shared by `run` and `exec`.
struct ExecutionOptions: ParsableArguments {
    /// The dialect of the flow and of the subflows found with --flows.
    @OptionGroup var dialect: DialectOption

    @Option(name: .customLong("input"), help: "An input value, key=value (repeatable).")
    var inputPairs: [String] = []

    @Option(help: "A JSON file of input values.")
    var inputs: String?

    @Option(help: "Where executions keep their files.")
    var stateDir: String = ".berth"

    @Flag(help: "Print an execution summary as JSON on stdout (logs go to stderr).")
    var json = false

    @Flag(help: "Operator permission: allow tasks to bind host volumes.")
    var allowVolumes = false

    @Flag(help: "Operator permission: allow privileged containers.")
    var allowPrivileged = false

    func inputValues(_ context: CLIContext) throws -> [String: String] {
        var values: [String: String] = [:]
        if let inputs {
            guard let data = FileManager.default.contents(atPath: context.absolutePath(inputs)),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CommandFailure("cannot read inputs from \"\(inputs)\": expected a JSON object", exitCode: BerthExit.usage)
            }
            for (key, value) in object {
                if let s = value as? String { values[key] = s } else if let d = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
                    values[key] = String(decoding: d, as: UTF8.self)
                }
            }
        }
        for pair in inputPairs {
            guard let eq = pair.firstIndex(of: "=") else { throw CommandFailure("--input needs key=value, got \"\(pair)\"", exitCode: BerthExit.usage) }
            values[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        return values
    }

    @Option(help: "Where namespace files are read from: DIR/<namespace>/<path> (default: STATE_DIR/namespace-files).")
    var namespaceFiles: String?

    @Option(help: "Where Subflow tasks find the flows they start: every .yaml/.yml under DIR (default: the directory of the flow, or of the plan for exec; for resume the current one).")
    var flows: String?

    @Option(help: "Write the execution's HTML report to this file when the run ends (see berth report).")
    var report: String?

    @Flag(help: "No live board on a terminal: only the prefixed log lines (as when not a terminal).")
    var plain = false

    @Option(help: "The Docker context whose engine runs tasks without a host (default: as the Docker CLI picks it).")
    var context: String?

    @Option(help: "How container tasks run: docker (containers of the engine) or swarm (replicated-job services; the engine must be a swarm manager). A resume keeps the execution's.")
    var backend: EngineBackend?

    /// The backend asked for; for a resume without --backend, the one the execution started on;
    /// else the `backend` of the `.berth.yaml` nearest to `file` (the flow or plan), else docker.
    func chosenBackend(resuming: String?, stateDirectory: URL, file: String?) -> EngineBackend {
        if let backend { return backend }
        if resuming == nil, let file {
            let locator = ProjectConfigLocator.onDisk()
            return locator.config(forFlowAt: file)?.config.backend.flatMap(EngineBackend.init(rawValue:)) ?? .docker
        }
        guard let resuming, let (_, records) = try? Journal.execution(resuming, stateDirectory: stateDirectory),
              let start = records.first(where: { $0.kind == .executionStarted }) else { return .docker }
        return start.backend.flatMap(EngineBackend.init(rawValue:)) ?? .docker
    }

    /// Runs `plan` (or resumes `resuming`) through the executor's session and maps the outcome
    /// to the exit code (README "Exit codes").
    func execute(_ plan: Plan?, resuming: String? = nil, file: String? = nil, _ context: CLIContext) async throws {
        let json = self.json
        // The board only on a terminal that shows colour (not NO_COLOR, not TERM=dumb), never with --json.
        let board = context.useColour && !json && !plain ? LiveBoard(colour: true, write: context.writeOut) : nil
        let errorsToBoard = board != nil && context.stderrIsTTY
        let log = ExecutionLog(colour: context.useColour && !json) { level, line in
            if let board, level != .error || errorsToBoard { return board.log(line) }
            if json || level == .error { context.writeErr(line + "\n") } else { context.writeOut(line + "\n") }
        }
        let stateDirectory = URL(fileURLWithPath: context.absolutePath(stateDir))
        let options = RunOptions(stateDirectory: stateDirectory, inputs: try inputValues(context),
                                 allowHostVolumes: allowVolumes, allowPrivileged: allowPrivileged, environment: context.environment,
                                 namespaceFilesDirectory: namespaceFiles.map { URL(fileURLWithPath: context.absolutePath($0)) },
                                 workingDirectory: context.workingDirectory, observer: board,
                                 flows: DirectoryFlowCatalog(directory: URL(fileURLWithPath: context.absolutePath(
                                     flows ?? file.map { URL(fileURLWithPath: context.absolutePath($0)).deletingLastPathComponent().path } ?? ".")),
                                                             context: context, kestra: dialect.kestra))
        let engines = DockerEngineProvider(environment: context.environment, context: self.context,
                                           backend: chosenBackend(resuming: resuming, stateDirectory: stateDirectory, file: file.map(context.absolutePath)))
        let session = ExecutionSession(options: options, engines: engines, log: log,
                                       handleSignals: context === CLIContext.process)
        let outcome: ExecutionSession.Outcome
        if let resuming { outcome = await session.resume(resuming) } else if let plan { outcome = await session.run(plan) } else { return }
        board?.finish()
        if let result = outcome.result {
            let written = writeReport(result.executionId, stateDirectory: stateDirectory, context)
            let directory = StoredFiles.executionDirectory(result.executionId, stateDirectory: stateDirectory)
            let ranPlan = plan ?? (try? Plan.decode(Data(contentsOf: directory.appendingPathComponent("plan.json"))))
            let flow = ranPlan?.flow
            let storage = StoredFiles.executionStorage(namespace: flow?.namespace ?? "", flow: flow?.id ?? "", execution: result.executionId,
                                                       stateDirectory: stateDirectory)
            let summary = RunSummaryTable(result: result, plan: ranPlan, directory: shown(directory, context), storage: shown(storage, context),
                                          report: written, colour: context.useColour && !json).render()
            if json { context.writeErr(summary) } else { context.writeOut(summary) }
        }
        if json, let result = outcome.result {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            context.writeOut(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n")
        }
        if outcome.result == nil, let message = outcome.message { throw CommandFailure(message, exitCode: outcome.exitCode) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// `--report FILE`: the report of the execution as it ended; a failure to write it is said
    /// and does not change the exit code (the execution itself is what the code reports).
    private func writeReport(_ executionId: String, stateDirectory: URL, _ context: CLIContext) -> String? {
        guard let report else { return nil }
        do {
            try ReportCommand.write(executionId, stateDirectory: stateDirectory, to: context.absolutePath(report))
            return report
        } catch let failure as CommandFailure {
            context.writeErr("berth: error: \(failure.message)\n")
        } catch {
            context.writeErr("berth: error: cannot write the report \(report): \(error)\n")
        }
        return nil
    }

    /// A path relative to the working directory when it is inside it.
    private func shown(_ url: URL, _ context: CLIContext) -> String {
        let base = URL(fileURLWithPath: context.workingDirectory).standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) + "/" : path + "/"
    }
}

/// `berth run FLOW`: compile, then execute.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Compile a flow and run it on the Docker engine.",
        discussion: "Exit codes: 0 SUCCESS or WARNING, 1 FAILED (or lint errors), 2 usage or bad inputs, 3 engine or IO error, 130 KILLED."
    )

    @Argument(help: "The flow file.")
    var flow: String

    @OptionGroup var execution: ExecutionOptions

    func run() async throws {
        let context = CLIContext.current
        let (files, problems) = InputCollector(context: context, stdinFilename: nil).collect([flow])
        if let problem = problems.first { throw CommandFailure(problem, exitCode: BerthExit.internalError) }
        guard let file = files.first else { throw CommandFailure("no flow file", exitCode: BerthExit.usage) }
        let result = FlowCompile.compile(file, options: ProjectConfigLocator.checkOptions(forFlowAt: file.path, context, kestra: execution.dialect.kestra))
        guard result.plans.count == 1 else {
            if result.plans.isEmpty {
                context.writeOut(HumanRenderer(files: [file.path: result.check.file], colour: context.useColour).render(result.check.diagnostics))
                throw ExitCode(BerthExit.failure)
            }
            throw CommandFailure("\(file.path) holds \(result.plans.count) flows; run takes a file with one flow", exitCode: BerthExit.usage)
        }
        try await execution.execute(result.plans[0], file: flow, context)
    }
}

/// `berth resume EXECUTION_ID`: continue an execution after berth died.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an execution after berth stopped (crash, kill -9, reboot).",
        discussion: "Finished tasks are not run again; the container of the interrupted attempt is reattached by its recorded id, never created a second time (an attempt whose container never started, or was stopped by the engine going down, starts afresh); then the flow goes on. SECRET inputs are not kept in the journal: give them again with --input. Exit codes as for run."
    )

    @Argument(help: "The execution id (see berth executions).")
    var executionId: String

    @OptionGroup var execution: ExecutionOptions

    func run() async throws {
        try await execution.execute(nil, resuming: executionId, CLIContext.current)
    }
}

/// `berth exec PLAN`: execute a compiled plan (no compiler involved).
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a plan written by berth compile.",
        discussion: "Exit codes: 0 SUCCESS or WARNING, 1 FAILED, 2 usage or bad inputs, 3 engine or IO error, 130 KILLED."
    )

    @Argument(help: "The plan file (JSON).")
    var plan: String

    @OptionGroup var execution: ExecutionOptions

    func run() async throws {
        let context = CLIContext.current
        try await execution.execute(try CLIContext.loadPlan(plan, context), file: plan, context)
    }
}

extension EngineBackend: ExpressibleByArgument {}
