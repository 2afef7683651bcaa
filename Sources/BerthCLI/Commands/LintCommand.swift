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

    @Flag(help: "Print the configuration that applies to the first path (the nearest .berth.yaml at or above it) and exit.")
    var printConfig = false

    func validate() throws {
        if printConfig { return }
        if paths.isEmpty { throw ValidationError("give at least one file or directory to check (or - for stdin)") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin (-) can be read only once") }
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
        let (files, problems) = InputCollector(context: context, stdinFilename: stdinFilename).collect(paths)
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
            let options = config.checkOptions(unknownTypeSeverity: allowUnknownTypes ? .warning : .error, audits: audits)
            let result = FlowCheck.check(file, options: options)
            diagnostics += result.diagnostics
            shown[file.path] = result.file
        }
        context.writeOut(format.render(diagnostics, files: shown, colour: context.useColour))
        for problem in problems { context.writeErr("berth: error: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(BerthExit.internalError) }
        if diagnostics.failsCheck(strict: strict) { throw ExitCode(BerthExit.failure) }
    }

    /// `path` relative to the directory of the configuration file `config`.
    static func relative(_ path: String, to config: String) -> String {
        let directory = String(config[..<(config.lastIndex(of: "/") ?? config.startIndex)]) + "/"
        return path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : path
    }
}

extension AuditProfile: ExpressibleByArgument {}
