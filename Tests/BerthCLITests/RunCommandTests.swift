import BerthCLI
import Foundation
import Testing

/// `berth run` / `exec` in-process, on flows that need no engine: exit codes, `--json`, inputs.
@Suite struct RunCommandTests {
    static let flow = """
        id: cli
        namespace: company.team
        inputs:
          - {id: n, type: INT, defaults: 2}
          - {id: file, type: FILE, required: false}
        tasks:
          - id: value
            type: io.kestra.plugin.core.debug.Return
            format: "{{ inputs.n * 21 }}"
          - id: show
            type: io.kestra.plugin.core.log.Log
            message: "answer {{ outputs.value.value }} {{ inputs.file is defined ? read(inputs.file) : 'no file' }}"
        outputs:
          - {id: answer, type: INT, value: "{{ outputs.value.value }}"}

        """

    @Test func jsonCarriesTaskOutputsAndFlowOutputs() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow, "data.txt": "from a file"])
        let run = await CLIRun.run(["run", "flow.yaml", "--json", "--input", "file=@data.txt"], cwd: dir.path)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[show] answer 42 from a file"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["state"] as? String == "SUCCESS")
        #expect((summary["outputs"] as? [String: Any])?["answer"] as? Int == 42)
        let tasks = try #require(summary["tasks"] as? [[String: Any]])
        #expect((tasks.first { $0["taskId"] as? String == "value" }?["outputs"] as? [String: Any])?["value"] as? String == "42")
    }

    @Test func exitCodesForBadInputsAndAFailure() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow, "fail.yaml": "id: f\nnamespace: company.team\ntasks:\n  - {id: boom, type: io.kestra.plugin.core.execution.Fail}\n"])
        let bad = await CLIRun.run(["run", "flow.yaml", "--input", "n=two"], cwd: dir.path)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("Invalid input for `n`, it must be an integer, but received `two`"))
        let missing = await CLIRun.run(["run", "flow.yaml", "--input", "file=@nowhere.txt"], cwd: dir.path)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("it must be a readable file"))
        let failed = await CLIRun.run(["run", "fail.yaml"], cwd: dir.path)
        #expect(failed.exitCode == 1)
        #expect(failed.stderr.contains("[boom] FAILED: Task failure (fail.yaml:4)"))
    }

    @Test func anUnwritableStateDirectoryIsExitThreeWithAClearMessage() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow, "state": "a file where the state directory should be"])
        let run = await CLIRun.run(["run", "flow.yaml", "--state-dir", "state"], cwd: dir.path)
        #expect(run.exitCode == 3)
        #expect(run.stderr.contains("cannot create the execution directory"), "\(run.stderr)")
    }
}
