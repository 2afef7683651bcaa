import BerthCLI
import Foundation
import Testing

/// The exported JSON Schema, validated by a real validator (check-jsonschema from PyPI).
@Suite struct SchemaCommandTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var validator: String? {
        let env = ProcessInfo.processInfo.environment
        let paths = (env["PATH"] ?? "").split(separator: ":").map(String.init) + ["/root/.pyenv/shims", "/usr/local/bin"]
        return paths.map { $0 + "/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var skipReason: String? {
        if ProcessInfo.processInfo.environment["CI"] != nil || validator != nil { return nil }
        print("skipping schema validation: check-jsonschema is not installed (pip install check-jsonschema)")
        return "check-jsonschema not installed"
    }

    @Test func schemaIsDeterministicAndWrittenAtomically() async throws {
        let dir = try TempDir()
        let first = await CLIRun.run(["schema"])
        #expect(first.exitCode == 0)
        #expect(first.stdout.contains("\"$schema\" : \"http://json-schema.org/draft-07/schema#\""))
        #expect(await CLIRun.run(["schema"]).stdout == first.stdout)
        let written = await CLIRun.run(["schema", "--output", "flow.schema.json"], cwd: dir.path)
        #expect(written.exitCode == 0)
        #expect(try String(contentsOfFile: dir.path + "/flow.schema.json", encoding: .utf8) == first.stdout)
        let failed = await CLIRun.run(["schema", "--output", "/nonexistent-dir/x.json"])
        #expect(failed.exitCode == 3)
        #expect(failed.stderr.contains("cannot write"))
    }

    @Test(.disabled(if: skipReason != nil, "check-jsonschema is not installed"))
    func everySampleValidatesAndABadFlowDoesNot() async throws {
        let tool = try #require(Self.validator, "CI must install check-jsonschema (.ci/install.sh)")
        let dir = try TempDir()
        #expect(await CLIRun.run(["schema", "--output", "flow.schema.json"], cwd: dir.path).exitCode == 0)
        let schema = dir.path + "/flow.schema.json"
        let samples = try FileManager.default.contentsOfDirectory(atPath: Self.repo.appendingPathComponent("samples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { Self.repo.appendingPathComponent("samples/\($0)").path }
        #expect(samples.count >= 5)
        let (status, output) = try runProcess(tool, ["--schemafile", schema] + samples)
        #expect(status == 0, "\(output)")
        try dir.write("bad.yaml", "id: x\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    comands: [x]\n")
        let (badStatus, _) = try runProcess(tool, ["--schemafile", schema, dir.path + "/bad.yaml"])
        #expect(badStatus != 0)
    }

    /// `--kestra 1|2`: each dialect's schema refuses what the other alone has.
    @Test(.disabled(if: skipReason != nil, "check-jsonschema is not installed"))
    func eachDialectsSchemaRefusesTheOthersConstructs() async throws {
        let tool = try #require(Self.validator, "CI must install check-jsonschema (.ci/install.sh)")
        let dir = try TempDir()
        for version in ["1", "2"] {
            let written = await CLIRun.run(["schema", "--kestra", version, "--output", "v\(version).json"], cwd: dir.path)
            #expect(written.exitCode == 0, "\(written.stderr)")
        }
        #expect(try String(contentsOfFile: dir.path + "/v2.json", encoding: .utf8).contains("\"title\" : \"Kestra 2.0 flow (berth)\""))
        try dir.write("new.yaml", "id: x\nnamespace: company.team\ntasks:\n  - {id: a, type: io.kestra.plugin.core.log.Log, message: hi}\n" +
                      "triggers:\n  - {id: t, type: io.kestra.plugin.core.trigger.Schedule, cron: \"0 6 * * *\", when: \"{{ true }}\"}\n")
        try dir.write("old.yaml", "id: x\nnamespace: company.team\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a]\n" +
                      "    tasks:\n      - {id: a, type: io.kestra.plugin.core.log.Log, message: hi}\n")
        func valid(_ flow: String, _ version: String) throws -> Bool {
            try runProcess(tool, ["--schemafile", dir.path + "/v\(version).json", dir.path + "/" + flow]).0 == 0
        }
        #expect(try valid("new.yaml", "2") && !valid("new.yaml", "1"))
        #expect(try valid("old.yaml", "1") && !valid("old.yaml", "2"))
    }

}
