import BerthCLI
import Foundation
import Testing

let cleanFlow = """
    id: hello
    namespace: company.team
    tasks:
      - id: a
        type: io.kestra.plugin.core.log.Log
        message: hi

    """

@Suite struct LintCommandTests {
    @Test func cleanFileExitsZeroAndPrintsNothing() throws {
        let dir = try TempDir(["flow.yaml": cleanFlow])
        let run = CLIRun(["lint", "flow.yaml"], cwd: dir.path)
        #expect(run.exitCode == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    @Test func yamlErrorExitsOneWithExactPositionInEveryFormat() throws {
        let dir = try TempDir(["bad.yaml": "id: a\nid: b\n"])
        let short = CLIRun(["lint", "--format", "short", "bad.yaml"], cwd: dir.path)
        #expect(short.exitCode == 1)
        #expect(short.stdout == "bad.yaml:2:1: error: duplicate key \"id\" in this mapping [duplicate-key]\n")
        let human = CLIRun(["lint", "bad.yaml"], cwd: dir.path)
        #expect(human.exitCode == 1)
        #expect(human.stdout.contains(" --> bad.yaml:2:1\n"))
        #expect(human.stdout.contains("2 | id: b\n  | ^^\n"))
        let json = CLIRun(["lint", "--format", "json", "bad.yaml"], cwd: dir.path)
        #expect(json.exitCode == 1)
        #expect(json.stdout.contains("\"line\" : 2"))
        let sarif = CLIRun(["lint", "--format", "sarif", "bad.yaml"], cwd: dir.path)
        #expect(sarif.exitCode == 1)
        #expect(sarif.stdout.contains("\"startLine\" : 2"))
        #expect(sarif.stdout.contains("\"startColumn\" : 1"))
    }

    @Test func directoriesAreSearchedRecursivelyForYamlFiles() throws {
        let dir = try TempDir([
            "flows/a.yaml": "id: a\nid: b\n",
            "flows/nested/b.yml": "k: [1\n",
            "flows/readme.txt": "id: x\nid: y\n",
            "flows/.hidden/c.yaml": "id: x\nid: y\n",
        ])
        let run = CLIRun(["lint", "--format", "short", "flows"], cwd: dir.path)
        #expect(run.exitCode == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("flows/a.yaml:2:1: error:"))
        #expect(lines[1].hasPrefix("flows/nested/b.yml:2:1: error:"))
    }

    @Test func stdinWithFilename() {
        let run = CLIRun(["lint", "--format", "short", "--stdin-filename", "in.yaml", "-"], stdin: "a: 1\na: 2\n")
        #expect(run.exitCode == 1)
        #expect(run.stdout.hasPrefix("in.yaml:2:1: error: duplicate key"))
    }

    @Test func unreadablePathExitsThreeButOtherFilesAreStillChecked() throws {
        let dir = try TempDir(["bad.yaml": "id: a\nid: b\n"])
        let run = CLIRun(["lint", "--format", "short", "missing.yaml", "bad.yaml"], cwd: dir.path)
        #expect(run.exitCode == 3)
        #expect(run.stderr.contains("cannot read \"missing.yaml\""))
        #expect(run.stdout.contains("bad.yaml:2:1"))
    }

    @Test func usageErrorsExitTwo() {
        #expect(CLIRun(["lint"]).exitCode == 2)
        #expect(CLIRun(["lint", "--format", "xml", "x.yaml"]).exitCode == 2)
        #expect(CLIRun(["lint", "--bogus", "x.yaml"]).exitCode == 2)
        #expect(CLIRun(["frobnicate"]).exitCode == 2)
        let run = CLIRun(["lint", "--format", "xml", "x.yaml"])
        #expect(run.stderr.contains("xml"))
    }

    @Test func versionAndHelp() {
        let version = CLIRun(["--version"])
        #expect(version.exitCode == 0)
        #expect(version.stdout == BerthCLI.version + "\n")
        let help = CLIRun(["help", "lint"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("--stdin-filename"))
        #expect(help.stdout.contains("--strict"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let dir = try TempDir(["bad.yaml": "id: a\nid: b\n"])
        #expect(CLIRun(["lint", "bad.yaml"], tty: true, cwd: dir.path).stdout.contains("\u{1B}["))
        #expect(!CLIRun(["lint", "bad.yaml"], environment: ["NO_COLOR": "1"], tty: true, cwd: dir.path).stdout.contains("\u{1B}["))
        #expect(!CLIRun(["lint", "bad.yaml"], cwd: dir.path).stdout.contains("\u{1B}["))
    }

    @Test func everyFileOfAMultiFileRunIsReported() throws {
        let dir = try TempDir(["one.yaml": "a: 1\na: 2\n", "two.yaml": "b: [\n", "three.yaml": cleanFlow])
        let run = CLIRun(["lint", "--format", "short", "one.yaml", "two.yaml", "three.yaml"], cwd: dir.path)
        #expect(run.exitCode == 1)
        #expect(run.stdout.contains("one.yaml:2:1"))
        #expect(run.stdout.contains("two.yaml:"))
        #expect(!run.stdout.contains("three.yaml"))
    }
}
