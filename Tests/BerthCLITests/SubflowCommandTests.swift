import Foundation
import Testing

/// `berth run` starts subflows from the flow's directory or `--flows DIR`.
@Suite struct SubflowCommandTests {
    static let parent = """
        id: parent
        namespace: company.team
        tasks:
          - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {who: berth}}
          - {id: done, type: io.kestra.plugin.core.log.Log, message: "got {{ outputs.sub.outputs.greeting }}"}
        """
    static let child = """
        id: child
        namespace: company.lib
        inputs:
          - {id: who, type: STRING}
        tasks:
          - {id: hi, type: io.kestra.plugin.core.debug.Return, format: "hello {{ inputs.who }}"}
        outputs:
          - {id: greeting, type: STRING, value: "{{ outputs.hi.value }}"}
        """

    @Test func theFlowsDirectoryDefaultsToTheFlowsOwn() async throws {
        let dir = try TempDir(["flows/parent.yaml": Self.parent, "flows/lib/child.yaml": Self.child, "broken.yaml": "id: [\n"])
        let run = await CLIRun.run(["run", "--plain", "flows/parent.yaml"], cwd: dir.path)
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("[done] got hello berth"), "\(run.stdout)")
        let elsewhere = try TempDir(["parent.yaml": Self.parent, "lib/child.yaml": Self.child])
        let missing = await CLIRun.run(["run", "--plain", "--flows", "/nonexistent-dir", "parent.yaml"], cwd: elsewhere.path)
        #expect(missing.exitCode == 3, "refused in preflight, before any task")
        #expect((missing.stdout + missing.stderr).contains("no flow company.lib.child in /nonexistent-dir"), "\(missing.stdout)\(missing.stderr)")
    }
}
