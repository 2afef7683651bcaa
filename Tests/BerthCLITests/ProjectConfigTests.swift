import BerthCLI
import Foundation
import Testing

/// `.berth.yaml`, found upward from each flow: audits, levels, allowed images, ignored paths,
/// its own mistakes with positions, `--print-config`, and the default backend of `run`.
@Suite struct ProjectConfigTests {
    static let flow = """
        id: f
        namespace: company.team
        tasks:
          - id: a
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: python
            commands: [python --version]
          - id: b
            type: io.kestra.plugin.core.log.Log
            message: hi
            retry: {type: constant, interval: PT1S, maxAttempt: 2}

        """

    @Test func levelsAndTheAuditProfileApplyToFlowsBelowTheFile() async throws {
        let dir = try TempDir([".berth.yaml": "audits: pedantic\ndiagnostics:\n  unpinned-image: off\n  missing-timeout: off\n  unbounded-retry: off\n  deprecated: error\n", "flows/deep/f.yaml": Self.flow])
        let run = await CLIRun.run(["lint", "--format", "short", "flows"], cwd: dir.path)
        #expect(run.exitCode == 1, "deprecated is an error here")
        #expect(run.stdout == "flows/deep/f.yaml:11:45: error: \"maxAttempt\" of the constant retry is deprecated; use \"maxAttempts\" [deprecated]\n", "\(run.stdout)")
        let without = await CLIRun.run(["lint", "--format", "short", "flows", "--audits", "off"], cwd: dir.path)
        #expect(!without.stdout.contains("unpinned-image"))
    }

    @Test func imagesOutsideThePolicyAreReportedAndCanBlockARun() async throws {
        let config = "images: [\"busybox:*\"]\nregistries: [127.0.0.1:5000]\ndiagnostics: {image-not-allowed: error, unpinned-image: off}\n"
        let dir = try TempDir([".berth.yaml": config, "f.yaml": Self.flow])
        let lint = await CLIRun.run(["lint", "--format", "short", "f.yaml"], cwd: dir.path)
        #expect(lint.stdout.contains("f.yaml:6:21: error: image \"python\" is not allowed by \(dir.path)/.berth.yaml [image-not-allowed]"), "\(lint.stdout)")
        let run = await CLIRun.run(["run", "f.yaml"], cwd: dir.path)
        #expect(run.exitCode == 1 && run.stdout.contains("image-not-allowed"), "the policy stops the run before anything starts: \(run.stdout)")
        let allowed = Self.flow.replacingOccurrences(of: "containerImage: python", with: "containerImage: 127.0.0.1:5000/berth/busybox:1")
        try dir.write("f.yaml", allowed)
        #expect(await !CLIRun.run(["lint", "--format", "short", "f.yaml"], cwd: dir.path).stdout.contains("image-not-allowed"))
    }

    @Test func ignoredPathsAreSkippedUnlessNamed() async throws {
        let dir = try TempDir([".berth.yaml": "ignore: [\"legacy/**\"]\n", "legacy/old.yaml": "id: [\n", "new.yaml": "id: x\nnamespace: company.team\ntasks: []\n"])
        let run = await CLIRun.run(["lint", "--format", "short", "."], cwd: dir.path)
        #expect(!run.stdout.contains("legacy/old.yaml"), "\(run.stdout)")
        let named = await CLIRun.run(["lint", "--format", "short", "legacy/old.yaml"], cwd: dir.path)
        #expect(named.stdout.contains("legacy/old.yaml:"), "a file named on the command line is checked")
    }

    @Test func mistakesInTheFileHavePositions() async throws {
        let dir = try TempDir([".berth.yaml": "audit: off\ndiagnostics:\n  deprecated: loud\n  unknown-property: off\nbackend: kubernetes\n",
                               "f.yaml": Self.flow + "    mesage: typo\n"])
        let run = await CLIRun.run(["lint", "--format", "short", "f.yaml"], cwd: dir.path)
        let config = dir.path + "/.berth.yaml"
        #expect(run.stdout.contains("\(config):1:1: error: unknown key \"audit\" in the berth configuration [unknown-property]"), "\(run.stdout)")
        #expect(run.stdout.contains("\(config):3:15: error: the level of \"deprecated\" must be one of off, info, warning, error [invalid-enum]"))
        #expect(run.stdout.contains("\(config):5:10: error: \"backend\" must be one of docker, swarm [invalid-enum]"))
        #expect(run.stdout.contains("f.yaml:12:5: error: unknown property \"mesage\""), "errors are never lowered: \(run.stdout)")
        let json = await CLIRun.run(["lint", "--format", "json", "f.yaml"], cwd: dir.path)
        #expect(json.stdout.contains("sets \\\"unknown-property\\\" to off, but errors cannot be lowered"), "\(json.stdout)")
    }

    @Test func printConfigShowsWhatApplies() async throws {
        let dir = try TempDir([".berth.yaml": "audits: off\ndiagnostics: {deprecated: info}\nimages: [\"busybox:*\"]\nbackend: swarm\n", "sub/f.yaml": Self.flow])
        let run = await CLIRun.run(["lint", "--print-config", "sub/f.yaml"], cwd: dir.path)
        #expect(run.exitCode == 0)
        #expect(run.stdout == """
            # effective berth configuration (from \(dir.path)/.berth.yaml)
            audits: off
            diagnostics:
              deprecated: info
            images:
              - "busybox:*"
            registries: []
            ignore: []
            backend: swarm
            kestra: auto

            """, "\(run.stdout)")
        let none = try TempDir()
        #expect(await CLIRun.run(["lint", "--print-config"], cwd: none.path).stdout.hasPrefix("# effective berth configuration (no .berth.yaml: defaults)\naudits: regular\n"))
    }

    /// `--kestra` beats the file's `kestra:`, on lint and compile alike.
    @Test func theKestraFlagBeatsTheProjectFile() async throws {
        let flow = "id: f\nnamespace: company.team\ntasks:\n  - {id: hello, type: io.kestra.plugin.core.log.Log, message: hi, policyRefs: [costs]}\n"
        let dir = try TempDir([".berth.yaml": "kestra: 1\n", "f.yaml": flow])
        let one = await CLIRun.run(["lint", "--format", "short", "f.yaml"], cwd: dir.path)
        #expect(one.exitCode == 1)
        #expect(one.stdout.contains("f.yaml:4:67: error: \"policyRefs\" of task \"hello\" exists in Kestra 2.0 only; Kestra 1.x rejects it [requires-kestra-2]"), "\(one.stdout)")
        let two = await CLIRun.run(["lint", "--kestra", "2", "f.yaml"], cwd: dir.path)
        #expect(two.exitCode == 0 && two.stdout.isEmpty, "\(two.stdout)")
        #expect(await CLIRun.run(["compile", "f.yaml"], cwd: dir.path).exitCode == 1)
        #expect(await CLIRun.run(["compile", "--kestra", "2", "f.yaml"], cwd: dir.path).exitCode == 0)
        let bad = await CLIRun.run(["lint", "--kestra", "3", "f.yaml"], cwd: dir.path)
        #expect(bad.exitCode == 2 && bad.stderr.contains("--kestra"), "\(bad.stderr)")
    }

}
