import ArgumentParser
import BerthCompiler
import BerthDiagnostics
import Foundation

/// `berth migrate PATH... [--write] [--unsafe-fixes]`
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Rewrite Kestra 1.x flows for Kestra 2.0: print the diff, or write it with --write.",
        discussion: """
            Checks each flow as Kestra 2.0 and applies the fix-its of its removed-in-kestra-2 \
            errors as text edits at exact ranges: comments, quoting, key order and the \
            indentation of untouched lines stay as they were. Rewrites that need a person's \
            confirmation (EachSequential/EachParallel → Loop, workerGroup → workerSelector, a \
            flow id Kestra 2.0 reserves) wait for --unsafe-fixes. What \
            cannot be rewritten is reported on stderr, with what to do by hand.

            Exit codes: 0 the flows are clean Kestra 2.0 (warnings allowed), 1 errors remain \
            after the migration, 2 usage error, 3 a path could not be read or written.
            """
    )

    @Argument(help: "Flow files or directories to migrate; - reads stdin.")
    var paths: [String] = []

    @Flag(help: "Write the migrated files back (atomically, permissions kept); stdin: print the migrated text.")
    var write = false

    @Flag(help: "Apply the rewrites that need confirming too (EachSequential/EachParallel → Loop, workerGroup → workerSelector, a reserved flow id → <id>-flow).")
    var unsafeFixes = false

    @Option(help: "The path to show for stdin input.")
    var stdinFilename: String?

    @Flag(help: "Report unknown task, runner and trigger types as warnings (for plugins berth does not model).")
    var allowUnknownTypes = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to migrate (or - for stdin)") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin (-) can be read only once") }
    }

    func run() throws {
        let context = CLIContext.current
        let locator = ProjectConfigLocator.onDisk()
        var (files, problems) = InputCollector(context: context, stdinFilename: stdinFilename).collect(paths)
        var remaining: [Diagnostic] = []
        var shown: [String: SourceFile] = [:]
        var unconfirmed = 0
        for file in files {
            let config = locator.config(forFlowAt: context.absolutePath(file.path))?.config ?? .none
            let options = config.checkOptions(unknownTypeSeverity: allowUnknownTypes ? .warning : .error, audits: .off, kestra: .v2)
            let outcome = FlowFixer(options: options, suggestions: unsafeFixes, codes: ["removed-in-kestra-2"]).fix(file)
            if let problem = deliver(outcome, for: file, context: context) { problems.append(problem) }
            remaining += outcome.result.diagnostics
            shown[file.path] = outcome.result.file
            unconfirmed += outcome.result.diagnostics.filter { $0.code == "removed-in-kestra-2" && $0.fixIts.contains { $0.applicability == .maybeIncorrect } }.count
        }
        if !remaining.isEmpty { context.writeErr(DiagnosticFormat.human.render(remaining, files: shown, colour: context.useColour)) }
        if unconfirmed > 0, !unsafeFixes {
            context.writeErr("berth: \(unconfirmed) more rewrite\(unconfirmed == 1 ? " needs" : "s need") confirming; review \(unconfirmed == 1 ? "it" : "them"), then apply with --unsafe-fixes\n")
        }
        for problem in problems { context.writeErr("berth: error: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(BerthExit.internalError) }
        if remaining.contains(where: { $0.severity == .error }) { throw ExitCode(BerthExit.failure) }
    }

    /// Prints the diff, or writes the file (stdin: prints the text); a problem when writing fails.
    private func deliver(_ outcome: FlowFixer.Outcome, for file: SourceFile, context: CLIContext) -> String? {
        for diagnostic in outcome.rejected {
            context.writeErr("berth: \(file.path): left the rewrite of [\(diagnostic.code)] \(diagnostic.message) unapplied: it would add an error\n")
        }
        let isStdin = paths.contains("-") && file.path == (stdinFilename ?? "<stdin>")
        guard let bytes = outcome.bytes else {
            if write && isStdin { context.writeOut(String(decoding: file.bytes, as: UTF8.self)) }
            return nil
        }
        let new = String(decoding: bytes, as: UTF8.self)
        guard write else {
            context.writeOut(UnifiedDiff(path: file.path).render(old: String(decoding: file.bytes, as: UTF8.self), new: new))
            return nil
        }
        if isStdin {
            context.writeOut(new)
            return nil
        }
        do {
            try FlowFileWriter.write(bytes, to: context.absolutePath(file.path))
        } catch {
            return "\(file.path): could not write the migration (\(error.localizedDescription)); the file is unchanged"
        }
        context.writeErr("berth: migrated \(file.path) (\(outcome.fixed) rewrite\(outcome.fixed == 1 ? "" : "s"))\n")
        return nil
    }
}
