import BerthExecutor
import Foundation
import Testing

/// The legacy script tasks run as plugin-scripts' emulation runs them: on the Process runner by
/// default, on a Docker runner with the working directory mounted under `runner: DOCKER`.
@Suite struct LegacyScriptRunTests {
    static let flow = """
        id: legacy
        namespace: company.team
        tasks:
          - id: bash
            type: io.kestra.core.tasks.scripts.Bash
            outputFiles: [first]
            outputDirs: [reports]
            commands:
              - test -f {{ outputFiles.first }} && echo "created empty"
              - echo one >> {{ temp.first }}
              - echo r > {{ outputDirs.reports }}/a.txt
              - echo '::{"outputs":{"k":"v"}}::'
          - id: read
            type: io.kestra.plugin.core.log.Log
            message: "{{ read(outputs.bash.outputFiles.first) | trim }} {{ read(outputs.bash.files['reports/a.txt']) | trim }} {{ outputs.bash.vars.k }}"

        """

    @Test func processRunnerWithOutputFilesDirsAndTheOldNames() async throws {
        let run = try await TestRun.run(Self.flow)
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.lines.all.contains("INFO [bash] created empty"))
        #expect(run.lines.all.contains("INFO [read] one r v"))
    }

    @Test func exitOnFailedStopsAtTheFirstFailure() async throws {
        let flow = "id: f\nnamespace: company.team\ntasks:\n  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    commands: [\"false\", \"echo reached\"]\n"
        let stops = try await TestRun.run(flow)
        #expect(stops.result.state == .failed)
        #expect(!stops.lines.all.contains("INFO [b] reached"))
        let goes = try await TestRun.run(flow.replacingOccurrences(of: "    commands", with: "    exitOnFailed: false\n    commands"))
        #expect(goes.result.state == .success)
        #expect(goes.lines.all.contains("INFO [b] reached"))
    }

    @Test(.disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
    func dockerRunnerMountsTheWorkingDirectory() async throws {
        let flow = Self.flow.replacingOccurrences(of: "    outputFiles: [first]\n",
                                                  with: "    outputFiles: [first]\n    runner: DOCKER\n    dockerOptions:\n      image: busybox:1.36\n")
        let run = try await TestRun.run(flow)
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.lines.all.contains("INFO [read] one r v"))
        #expect(run.task("bash")?.outputs?["taskRunner"]?["containerId"] != nil, "it ran in a container")
    }
}
