import ArgumentParser
import BerthCompiler
import BerthDiagnostics
import Foundation

/// `berth lint PATH...`
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check flows and report every problem with its exact position.",
        discussion: """
            Directories are searched recursively for *.yml and *.yaml files. Use - to read \
            stdin (name it with --stdin-filename). Every problem of every file is reported in one run.

            Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with --strict), \
            2 usage error, 3 a path could not be read or an internal error.
            """
    )

    @Argument(help: "Flow files or directories to check; - reads stdin.")
    var paths: [String] = []

    @Option(help: "Output format: human, short, json or sarif.")
    var format: DiagnosticFormat = .human

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Option(help: "The path to show for stdin input.")
    var stdinFilename: String?

    @Flag(help: "Report unknown task, runner and trigger types as warnings (for plugins berth does not model) and skip their property checks.")
    var allowUnknownTypes = false

    @Option(help: "Security audits: regular, pedantic (also low-confidence findings) or off (default: the .berth.yaml's, else regular).")
    var audits: AuditProfile?

    @OptionGroup var dialect: DialectOption

    @Flag(help: "Apply the machine-applicable fix-its and write the files back (stdin: print the fixed text); report what remains.")
    var fix = false

    @Flag(name: [.customLong("fix-suggestions"), .customLong("unsafe-fixes")],
          help: "With --fix, apply the suggestions too (did-you-mean guesses, quoting that changes what Kestra reads, Kestra 2.0 rewrites that need confirming).")
    var fixSuggestions = false

    @Flag(help: "Print the configuration that applies to the first path (the nearest .berth.yaml at or above it) and exit.")
    var printConfig = false

    func validate() throws {
        if printConfig { return }
        if paths.isEmpty { throw ValidationError("give at least one file or directory to check (or - for stdin)") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin (-) can be read only once") }
        if fixSuggestions && !fix { throw ValidationError("--fix-suggestions goes with --fix") }
        if fix && paths.contains("-") && format != .human && format != .short { throw ValidationError("with --fix, stdin's fixed text goes to stdout: --format \(format.rawValue) has no room for it") }
    }

    func run() throws {
        let context = CLIContext.current
        let locator = ProjectConfigLocator.onDisk()
        if printConfig {
            let target = context.absolutePath(paths.first ?? ".")
            var isDirectory: ObjCBool = false
            let probe = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue ? target + "/flow.yaml" : target
            return context.writeOut((locator.config(forFlowAt: probe)?.config ?? .none).rendered)
        }
        var (files, problems) = InputCollector(context: context, stdinFilename: stdinFilename).collect(paths)
        var diagnostics: [Diagnostic] = []
        var shown: [String: SourceFile] = [:]
        var reported: Set<String> = []
        for file in files {
            let absolute = context.absolutePath(file.path)
            let found = locator.config(forFlowAt: absolute)
            let config = found?.config ?? .none
            if let found, let path = config.path, reported.insert(path).inserted {
                diagnostics += found.problems
                if !found.problems.isEmpty, let bytes = try? Data(contentsOf: URL(fileURLWithPath: path)) { shown[path] = SourceFile(path: path, bytes: [UInt8](bytes)) }
            }
            if let path = config.path, !paths.contains(file.path), config.ignores(relativePath: Self.relative(absolute, to: path)) { continue }
            let options = config.checkOptions(unknownTypeSeverity: allowUnknownTypes ? .warning : .error, audits: audits, kestra: dialect.kestra)
            let result: CheckResult
            if fix {
                let outcome = FlowFixer(options: options, suggestions: fixSuggestions).fix(file)
                result = outcome.result
                if let problem = deliver(outcome, for: file, context: context) { problems.append(problem) }
            } else {
                result = FlowCheck.check(file, options: options)
            }
            diagnostics += result.diagnostics
            shown[file.path] = result.file
        }
        // With --fix on stdin, stdout carries the fixed text; what remains goes to stderr.
        let fixingStdin = fix && paths.contains("-")
        (fixingStdin ? context.writeErr : context.writeOut)(format.render(diagnostics, files: shown, colour: context.useColour && !fixingStdin))
        if fix, format == .human {
            let suggested = diagnostics.filter { $0.fixIts.contains { $0.applicability == .maybeIncorrect } }.count
            if suggested > 0, !fixSuggestions {
                context.writeErr("berth: \(suggested) more problem\(suggested == 1 ? " has a suggested fix" : "s have suggested fixes"); review them, or apply them with --fix --unsafe-fixes\n")
            }
        }
        for problem in problems { context.writeErr("berth: error: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(BerthExit.internalError) }
        if diagnostics.failsCheck(strict: strict) { throw ExitCode(BerthExit.failure) }
    }

    /// Writes the fixed file (or stdin's fixed text to stdout) and says what was fixed; returns
    /// a problem when the file could not be written.
    private func deliver(_ outcome: FlowFixer.Outcome, for file: SourceFile, context: CLIContext) -> String? {
        for diagnostic in outcome.rejected {
            context.writeErr("berth: \(file.path): left the fix of [\(diagnostic.code)] \(diagnostic.message) unapplied: it would add an error\n")
        }
        if paths.contains("-") && file.path == (stdinFilename ?? "<stdin>") {
            context.writeOut(String(decoding: outcome.bytes ?? file.bytes, as: UTF8.self))
            return nil
        }
        guard let bytes = outcome.bytes else { return nil }
        do {
            try FlowFileWriter.write(bytes, to: context.absolutePath(file.path))
        } catch {
            return "\(file.path): could not write the fixes (\(error.localizedDescription)); the file is unchanged"
        }
        context.writeErr("berth: fixed \(outcome.fixed) problem\(outcome.fixed == 1 ? "" : "s") in \(file.path)\n")
        return nil
    }

    /// `path` relative to the directory of the configuration file `config`.
    static func relative(_ path: String, to config: String) -> String {
        let directory = String(config[..<(config.lastIndex(of: "/") ?? config.startIndex)]) + "/"
        return path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : path
    }
}

extension AuditProfile: ExpressibleByArgument {}
