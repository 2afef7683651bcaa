import BerthExecutor
import Foundation
import Testing

/// Every script language of plugin-scripts through the container path of the real engine. The
/// test image has a shell only, so each Commands task runs shell commands in it, and each Script
/// task's tool (`Rscript`, `go`, ...) is a shell function its beforeCommands define: that proves
/// the script file reaches the working directory and the run line names it as Kestra builds it.
@Suite(.serialized, .disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
struct ScriptLanguageTests {
    static let modules = ["shell", "python", "node", "r", "julia", "ruby", "go", "deno", "bun", "groovy", "jbang", "perl", "php", "lua", "dotnet"]
    /// The tool each Script task calls, and how many words come before the file's path.
    static let tools: [(module: String, tool: String, skip: Int)] = [
        ("python", "python", 0), ("node", "node", 0), ("r", "Rscript", 0), ("julia", "julia", 0), ("ruby", "ruby", 0), ("go", "go", 1),
        ("deno", "deno", 1), ("bun", "bun", 1), ("jbang", "jbang", 1), ("perl", "perl", 0), ("php", "php", 0), ("lua", "lua", 0),
    ]

    @Test func everyLanguagesCommandsRunInAContainer() async throws {
        var yaml = "id: languages\nnamespace: company.team\ntasks:\n"
        for module in Self.modules {
            yaml += """
                  - id: \(module)
                    type: io.kestra.plugin.scripts.\(module).Commands
                    containerImage: busybox:1.36
                    commands:
                      - echo "commands of \(module)"
                      - echo '::{"outputs":{"language":"\(module)"}}::'

                """
        }
        let run = try await TestRun.run(yaml)
        #expect(run.result.state == .success, "\(run.lines.all.suffix(20))")
        for module in Self.modules {
            #expect(run.lines.all.contains("INFO [\(module)] commands of \(module)"), "\(module)")
            #expect(run.task(module)?.outputs?["vars"]?["language"]?.stringValue == module, "\(module)")
        }
    }

    @Test func everyLanguagesScriptFileReachesItsTool() async throws {
        var yaml = "id: scripts\nnamespace: company.team\ntasks:\n"
        for (module, tool, skip) in Self.tools {
            let shift = skip > 0 ? "shift; " : ""
            yaml += """
                  - id: \(module)
                    type: io.kestra.plugin.scripts.\(module).Script
                    containerImage: busybox:1.36
                    beforeCommands:
                      - '\(tool)() { \(shift)echo "\(tool) ran $1: $(cat "$1")"; }'
                    script: 'say("\(module)")'

                """
        }
        let run = try await TestRun.run(yaml)
        #expect(run.result.state == .success, "\(run.lines.all.suffix(20))")
        for (module, tool, _) in Self.tools {
            let line = run.lines.all.first { $0.hasPrefix("INFO [\(module)] \(tool) ran ") }
            // Python's file starts with Kestra's true/false/null prelude, three lines before the script.
            let last = module == "python" ? run.lines.all.last { $0.hasPrefix("INFO [python] ") } : line
            #expect(last?.hasSuffix("say(\"\(module)\")") == true, "\(module): \(line ?? "no line")")
            #expect(line?.contains("/") == true, "an absolute path in the working directory")
        }
    }
}
