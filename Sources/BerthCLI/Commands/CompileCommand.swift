import ArgumentParser
import BerthCompiler
import BerthDiagnostics
import BerthPlan
import Foundation

/// `berth compile FLOW [-o plan.json] [--format json|text]` and `berth compile --diff OLD NEW`.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a flow to its container execution plan, or compare two plans.",
        discussion: """
            The plan (grammar/plan.md) holds the exact Engine API create body of every container \
            task; review it before anything runs, then run it with berth exec. A flow with lint \
            errors is refused and its errors are printed exactly as berth lint prints them (exit 1).
            """
    )

    enum PlanFormat: String, ExpressibleByArgument { case json, text }

    @Argument(help: "The flow file (one flow), or with --diff the old and the new plan.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write the plan to this file (replaced atomically) instead of stdout.")
    var output: String?

    @Option(help: "json (the plan) or text (a readable tree).")
    var format: PlanFormat = .json

    @Flag(help: "Compare two plan files and print what changes.")
    var diff = false

    @Option(help: "How to print lint errors: human, short, json or sarif.")
    var diagnostics: DiagnosticFormat = .human

    @OptionGroup var dialect: DialectOption

    func validate() throws {
        if diff && paths.count != 2 { throw ValidationError("--diff takes two plan files: OLD NEW") }
        if !diff && paths.count != 1 { throw ValidationError("give one flow file to compile") }
    }

    func run() throws {
        let context = CLIContext.current
        if diff { return try runDiff(context) }
        let (files, problems) = InputCollector(context: context, stdinFilename: nil).collect(paths)
        if let problem = problems.first { throw CommandFailure(problem, exitCode: BerthExit.internalError) }
        guard let file = files.first else { throw CommandFailure("no flow file found", exitCode: BerthExit.usage) }
        let result = FlowCompile.compile(file, options: ProjectConfigLocator.checkOptions(forFlowAt: file.path, context, kestra: dialect.kestra))
        if result.plans.isEmpty || result.check.diagnostics.contains(where: { $0.severity == .error }) {
            context.writeOut(diagnostics.render(result.check.diagnostics, files: [file.path: result.check.file], colour: context.useColour))
            throw ExitCode(BerthExit.failure)
        }
        guard result.plans.count == 1 else {
            throw CommandFailure("\(file.path) holds \(result.plans.count) flows; compile takes a file with one flow", exitCode: BerthExit.usage)
        }
        let plan = result.plans[0]
        let data = format == .json ? plan.encoded() : Data(PlanText.render(plan).utf8)
        guard let output else {
            context.writeOut(String(decoding: data, as: UTF8.self))
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: context.absolutePath(output)), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \"\(output)\": \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
    }

    private func runDiff(_ context: CLIContext) throws {
        let plans = try paths.map { try CLIContext.loadPlan($0, context) }
        let lines = PlanDiff.diff(plans[0], plans[1])
        context.writeOut(lines.isEmpty ? "plans are identical\n" : lines.joined(separator: "\n") + "\n")
    }
}

extension CLIContext {
    /// Reads a plan file for `exec` and `compile --diff`: a bad version or unreadable file is
    /// an IO error (exit 3) naming the path.
    static func loadPlan(_ path: String, _ context: CLIContext) throws -> Plan {
        do {
            return try Plan.decode(Data(contentsOf: URL(fileURLWithPath: context.absolutePath(path))))
        } catch let error as PlanFormatError {
            throw CommandFailure("\(path): \(error.message)", exitCode: BerthExit.internalError)
        } catch {
            throw CommandFailure("cannot read plan \"\(path)\": \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
    }
}
