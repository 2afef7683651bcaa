import BerthCLI
import Foundation
import Testing

@Suite struct CompileCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let hello = repo.appendingPathComponent("samples/hello-docker.yaml").path

    @Test func compilesToJSONAndText() throws {
        let json = CLIRun(["compile", hello])
        #expect(json.exitCode == 0)
        #expect(json.stdout.contains("\"NanoCpus\" : 1000000000"))
        #expect(json.stdout.contains("\"version\" : 1"))
        let text = CLIRun(["compile", "--format", "text", hello])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("- hello [container] Commands (line 7)"))
        #expect(text.stdout.contains("limits: NanoCpus 1000000000"))
    }

    @Test func refusesAFlowWithLintErrorsPrintingThemAsLintDoes() throws {
        let dir = try TempDir(["bad.yaml": duplicateKeyFlow])
        let compile = CLIRun(["compile", "--diagnostics", "short", "bad.yaml"], cwd: dir.path)
        let lint = CLIRun(["lint", "--format", "short", "bad.yaml"], cwd: dir.path)
        #expect(compile.exitCode == 1)
        #expect(compile.stdout == lint.stdout)
        #expect(!compile.stdout.isEmpty)
        let human = CLIRun(["compile", "bad.yaml"], cwd: dir.path)
        #expect(human.stdout == CLIRun(["lint", "bad.yaml"], cwd: dir.path).stdout)
    }

    @Test func writesThePlanAtomicallyAndDiffsTwoPlans() throws {
        let dir = try TempDir()
        try dir.write("flow.yaml", try String(contentsOfFile: hello, encoding: .utf8))
        #expect(CLIRun(["compile", "flow.yaml", "-o", "old.json"], cwd: dir.path).exitCode == 0)
        let changed = try String(contentsOfFile: hello, encoding: .utf8)
            .replacingOccurrences(of: "cpus: 1", with: "cpus: 2").replacingOccurrences(of: "Hello World!", with: "Hi")
        try dir.write("flow.yaml", changed)
        #expect(CLIRun(["compile", "flow.yaml", "-o", "new.json"], cwd: dir.path).exitCode == 0)
        let diff = CLIRun(["compile", "--diff", "old.json", "new.json"], cwd: dir.path)
        #expect(diff.exitCode == 0)
        #expect(diff.stdout.contains("~ tasks[hello].container.create.HostConfig.NanoCpus: 1000000000 → 2000000000"))
        #expect(diff.stdout.contains("~ tasks[hello].container.create.Cmd"))
        #expect(CLIRun(["compile", "--diff", "old.json", "old.json"], cwd: dir.path).stdout == "plans are identical\n")
        try dir.write("junk.json", "{\"version\": 7}")
        let junk = CLIRun(["compile", "--diff", "old.json", "junk.json"], cwd: dir.path)
        #expect(junk.exitCode == 3)
        #expect(junk.stderr.contains("version 7 is not supported"))
    }

    @Test func usage() {
        #expect(CLIRun(["compile"]).exitCode == 2)
        #expect(CLIRun(["compile", "--diff", "a.json"]).exitCode == 2)
        #expect(CLIRun(["compile", "missing.yaml"]).exitCode == 3)
    }
}
