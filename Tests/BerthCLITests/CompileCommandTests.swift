import BerthCLI
import Foundation
import Testing

@Suite struct CompileCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let hello = repo.appendingPathComponent("samples/hello-docker.yaml").path

    @Test func compilesToJSONAndText() async throws {
        let json = await CLIRun.run(["compile", hello])
        #expect(json.exitCode == 0)
        #expect(json.stdout.contains("\"NanoCpus\" : 1000000000"))
        #expect(json.stdout.contains("\"version\" : 2"))
        let text = await CLIRun.run(["compile", "--format", "text", hello])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("- hello [container] Commands (line 7)"))
        #expect(text.stdout.contains("limits: NanoCpus 1000000000"))
    }

    @Test func refusesAFlowWithLintErrorsPrintingThemAsLintDoes() async throws {
        let dir = try TempDir(["bad.yaml": duplicateKeyFlow])
        let compile = await CLIRun.run(["compile", "--diagnostics", "short", "bad.yaml"], cwd: dir.path)
        let lint = await CLIRun.run(["lint", "--format", "short", "bad.yaml"], cwd: dir.path)
        #expect(compile.exitCode == 1)
        #expect(compile.stdout == lint.stdout)
        #expect(!compile.stdout.isEmpty)
        let human = await CLIRun.run(["compile", "bad.yaml"], cwd: dir.path)
        let lintHuman = await CLIRun.run(["lint", "bad.yaml"], cwd: dir.path)
        #expect(human.stdout == lintHuman.stdout)
    }

    @Test func writesThePlanAtomicallyAndDiffsTwoPlans() async throws {
        let dir = try TempDir()
        try dir.write("flow.yaml", try String(contentsOfFile: hello, encoding: .utf8))
        #expect(await CLIRun.run(["compile", "flow.yaml", "-o", "old.json"], cwd: dir.path).exitCode == 0)
        let changed = try String(contentsOfFile: hello, encoding: .utf8)
            .replacingOccurrences(of: "cpus: 1", with: "cpus: 2").replacingOccurrences(of: "Hello World!", with: "Hi")
        try dir.write("flow.yaml", changed)
        #expect(await CLIRun.run(["compile", "flow.yaml", "-o", "new.json"], cwd: dir.path).exitCode == 0)
        let diff = await CLIRun.run(["compile", "--diff", "old.json", "new.json"], cwd: dir.path)
        #expect(diff.exitCode == 0)
        #expect(diff.stdout.contains("~ tasks[hello].container.create.HostConfig.NanoCpus: 1000000000 → 2000000000"))
        #expect(diff.stdout.contains("~ tasks[hello].container.create.Cmd"))
        #expect(await CLIRun.run(["compile", "--diff", "old.json", "old.json"], cwd: dir.path).stdout == "plans are identical\n")
        try dir.write("junk.json", "{\"version\": 7}")
        let junk = await CLIRun.run(["compile", "--diff", "old.json", "junk.json"], cwd: dir.path)
        #expect(junk.exitCode == 3)
        #expect(junk.stderr.contains("version 7 is not supported"))
    }

    @Test func usage() async {
        #expect(await CLIRun.run(["compile"]).exitCode == 2)
        #expect(await CLIRun.run(["compile", "--diff", "a.json"]).exitCode == 2)
        #expect(await CLIRun.run(["compile", "missing.yaml"]).exitCode == 3)
        let exec = await CLIRun.run(["exec", "missing-plan.json"])
        #expect(exec.exitCode == 3)
        #expect(exec.stderr.contains("cannot read plan \"missing-plan.json\""))
    }
}
