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

/// A complete flow whose only problem is a duplicate "message" key on line 7.
let duplicateKeyFlow = cleanFlow + "    message: again\n"

@Suite struct LintCommandTests {
    @Test func cleanFileExitsZeroAndPrintsNothing() async throws {
        let dir = try TempDir(["flow.yaml": cleanFlow])
        let run = await CLIRun.run(["lint", "flow.yaml"], cwd: dir.path)
        #expect(run.exitCode == 0)
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    @Test func yamlErrorExitsOneWithExactPositionInEveryFormat() async throws {
        let dir = try TempDir(["bad.yaml": duplicateKeyFlow])
        let short = await CLIRun.run(["lint", "--format", "short", "bad.yaml"], cwd: dir.path)
        #expect(short.exitCode == 1)
        #expect(short.stdout == "bad.yaml:7:5: error: duplicate key \"message\" in this mapping [duplicate-key]\n")
        let human = await CLIRun.run(["lint", "bad.yaml"], cwd: dir.path)
        #expect(human.exitCode == 1)
        #expect(human.stdout.contains(" --> bad.yaml:7:5\n"))
        #expect(human.stdout.contains("7 |     message: again\n  |     ^^^^^^^\n"))
        let json = await CLIRun.run(["lint", "--format", "json", "bad.yaml"], cwd: dir.path)
        #expect(json.exitCode == 1)
        #expect(json.stdout.contains("\"line\" : 7"))
        let sarif = await CLIRun.run(["lint", "--format", "sarif", "bad.yaml"], cwd: dir.path)
        #expect(sarif.exitCode == 1)
        #expect(sarif.stdout.contains("\"startLine\" : 7"))
        #expect(sarif.stdout.contains("\"startColumn\" : 5"))
    }

    @Test func directoriesAreSearchedRecursivelyForYamlFiles() async throws {
        let dir = try TempDir([
            "flows/a.yaml": duplicateKeyFlow,
            "flows/nested/b.yml": "k: [1\n",
            "flows/readme.txt": "id: x\nid: y\n",
            "flows/.hidden/c.yaml": "id: x\nid: y\n",
        ])
        let run = await CLIRun.run(["lint", "--format", "short", "flows"], cwd: dir.path)
        #expect(run.exitCode == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("flows/a.yaml:7:5: error:"))
        #expect(lines[1].hasPrefix("flows/nested/b.yml:2:1: error:"))
    }

    @Test func stdinWithFilename() async {
        let run = await CLIRun.run(["lint", "--format", "short", "--stdin-filename", "in.yaml", "-"], stdin: duplicateKeyFlow)
        #expect(run.exitCode == 1)
        #expect(run.stdout.hasPrefix("in.yaml:7:5: error: duplicate key"))
    }

    @Test func unreadablePathExitsThreeButOtherFilesAreStillChecked() async throws {
        let dir = try TempDir(["bad.yaml": duplicateKeyFlow])
        let run = await CLIRun.run(["lint", "--format", "short", "missing.yaml", "bad.yaml"], cwd: dir.path)
        #expect(run.exitCode == 3)
        #expect(run.stderr.contains("cannot read \"missing.yaml\""))
        #expect(run.stdout.contains("bad.yaml:7:5"))
    }

    @Test func usageErrorsExitTwo() async {
        #expect(await CLIRun.run(["lint"]).exitCode == 2)
        #expect(await CLIRun.run(["lint", "--format", "xml", "x.yaml"]).exitCode == 2)
        #expect(await CLIRun.run(["lint", "--bogus", "x.yaml"]).exitCode == 2)
        #expect(await CLIRun.run(["frobnicate"]).exitCode == 2)
        let run = await CLIRun.run(["lint", "--format", "xml", "x.yaml"])
        #expect(run.stderr.contains("xml"))
    }

    @Test func versionAndHelp() async {
        let version = await CLIRun.run(["--version"])
        #expect(version.exitCode == 0)
        #expect(version.stdout == BerthCLI.version + "\n")
        let help = await CLIRun.run(["help", "lint"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("--stdin-filename"))
        #expect(help.stdout.contains("--strict"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() async throws {
        let dir = try TempDir(["bad.yaml": duplicateKeyFlow])
        #expect(await CLIRun.run(["lint", "bad.yaml"], tty: true, cwd: dir.path).stdout.contains("\u{1B}["))
        let noColor = await CLIRun.run(["lint", "bad.yaml"], environment: ["NO_COLOR": "1"], tty: true, cwd: dir.path)
        #expect(!noColor.stdout.contains("\u{1B}["))
        let notTTY = await CLIRun.run(["lint", "bad.yaml"], cwd: dir.path)
        #expect(!notTTY.stdout.contains("\u{1B}["))
    }

    @Test func everyFileOfAMultiFileRunIsReported() async throws {
        let dir = try TempDir(["one.yaml": duplicateKeyFlow, "two.yaml": "b: [\n", "three.yaml": cleanFlow])
        let run = await CLIRun.run(["lint", "--format", "short", "one.yaml", "two.yaml", "three.yaml"], cwd: dir.path)
        #expect(run.exitCode == 1)
        #expect(run.stdout.contains("one.yaml:7:5"))
        #expect(run.stdout.contains("two.yaml:"))
        #expect(!run.stdout.contains("three.yaml"))
    }

    @Test func strictTurnsWarningsIntoFailure() async throws {
        let warning = "id: w\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    disabled: \"{{ inputs.x }}\"\n"
        let dir = try TempDir(["w.yaml": warning])
        let lenient = await CLIRun.run(["lint", "--format", "short", "w.yaml"], cwd: dir.path)
        #expect(lenient.exitCode == 0)
        #expect(lenient.stdout.contains("warning:"))
        #expect(await CLIRun.run(["lint", "--strict", "w.yaml"], cwd: dir.path).exitCode == 1)
    }

    @Test func allowUnknownTypesDowngradesToWarning() async throws {
        let plugin = "id: p\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.aws.s3.Upload\n    bucket: b\n"
        let dir = try TempDir(["p.yaml": plugin])
        let strictRun = await CLIRun.run(["lint", "--format", "short", "p.yaml"], cwd: dir.path)
        #expect(strictRun.exitCode == 1)
        #expect(strictRun.stdout == "p.yaml:5:11: error: unknown task type \"io.kestra.plugin.aws.s3.Upload\" [unknown-type]\n")
        let allowed = await CLIRun.run(["lint", "--format", "short", "--allow-unknown-types", "p.yaml"], cwd: dir.path)
        #expect(allowed.exitCode == 0)
        #expect(allowed.stdout == "p.yaml:5:11: warning: unknown task type \"io.kestra.plugin.aws.s3.Upload\" [unknown-type]\n")
    }

    @Test func everySampleLintsWithoutErrors() async throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples").path
        let run = await CLIRun.run(["lint", "--format", "short", samples])
        #expect(run.exitCode == 0, "\(run.stdout)")
        #expect(!run.stdout.contains(": error:") && !run.stdout.contains(": warning:"))
    }
}
