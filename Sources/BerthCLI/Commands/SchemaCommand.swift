import ArgumentParser
import BerthSchema
import Foundation

/// `berth schema [--output FILE]`
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of flows, generated from berth's grammar.",
        discussion: """
            Use it with the YAML language server: save it and start flow files with
            # yaml-language-server: $schema=./berth-flow.schema.json
            The schema is stricter than nothing but looser than berth lint (no cross-references).
            """
    )

    @Option(name: .shortAndLong, help: "Write the schema to this file instead of stdout (replaced atomically).")
    var output: String?

    @Option(name: .customLong("kestra"), help: ArgumentHelp("Only what this Kestra dialect has: 1 (1.x) or 2 (2.0) (default: both).", valueName: "version"))
    var kestra: KestraDialect?

    func run() throws {
        let context = CLIContext.current
        let schema = JSONSchemaExporter(dialect: kestra).export()
        guard let output else {
            context.writeOut(schema)
            return
        }
        do {
            // Written to a temporary file and renamed, so a failure never leaves a partial file.
            try Data(schema.utf8).write(to: URL(fileURLWithPath: context.absolutePath(output)), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \"\(output)\": \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
    }
}
