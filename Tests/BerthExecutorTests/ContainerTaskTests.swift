import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// Kestra's Docker runner scenarios against the real engine.
@Suite(.serialized, .disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
struct ContainerTaskTests {
    /// Indents task lines by `levels` × 2 spaces.
    func nested(_ text: String, _ levels: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : String(repeating: "  ", count: levels) + $0 }
            .joined(separator: "\n")
    }

    @Test func seedExampleRunsAsIsAndPrintsHelloWorld() async throws {
        let yaml = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/hello-docker.yaml").path, encoding: .utf8)
        let run = try await TestRun.run(yaml)
        #expect(run.result.state == .success)
        #expect(run.lines.all.contains("INFO [hello] Hello World!"))
    }

    /// Kestra 2.0's Loop on the engine: a container per iteration (`concurrencyLimit: 0`), each
    /// reading its item and writing outputs the Loop collects in iteration order.
    @Test func aLoopRunsAContainerPerIteration() async throws {
        let run = try await TestRun.run(flowHead + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: [north, south]
                concurrencyLimit: 0
                outputs:
                  - {id: said, type: STRING, value: "{{ outputs.say.vars.word }}"}
                tasks:

            """ + nested(shell("say", ["echo '::{\"outputs\":{\"word\":\"{{ item.value }}-{{ item.index }}\"}}::'"]), 2) +
            "  - {id: after, type: io.kestra.plugin.core.log.Log, message: \"{{ loopOutputs(outputs.each.outputs, 'said') | join(' ') }}\"}\n")
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.runs("say").count == 2 && run.runs("say").allSatisfy { $0.containerId != nil })
        #expect(run.output("after") == ["north-0 south-1"])
    }

    @Test func exitOneFailsButOutputsAreStillRecorded() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("boom", ["echo '::{\"outputs\":{\"k\":\"v\"}}::'", "exit 1"]) +
                                        "  - id: never\n    type: io.kestra.plugin.core.log.Log\n    message: unreachable\n" +
                                        "errors:\n  - id: report\n    type: io.kestra.plugin.core.log.Log\n    message: \"k was {{ outputs.boom.vars.k }} code {{ outputs.boom.exitCode }}\"\n")
        #expect(run.result.state == .failed)
        #expect(run.task("boom")?.state == .failed)
        #expect(run.task("boom")?.exitCode == 1)
        #expect(run.task("boom")?.message == "Command failed with exit code 1")
        #expect(run.task("never") == nil)
        #expect(run.lines.all.contains("INFO [report] k was v code 1"))
    }

    @Test func inputAndOutputFilesNestedOutputDirAndVars() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("make", [
            "mkdir -p sub/deeper", "cat in/data.txt > sub/deeper/copy.txt", "mkdir -p {{ outputDir }}/a", "echo nested > {{ outputDir }}/a/b.txt",
            "echo '::{\"outputs\":{\"count\":3,\"name\":\"x\"}}::'",
        ], extra: "    outputDirectory: true\n    inputFiles:\n      in/data.txt: \"payload {{ flow.id }}\"\n    outputFiles:\n      - \"sub/**\"\n") +
        "  - id: use\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: busybox:1.36\n    inputFiles:\n      got.txt: \"{{ outputs.make.outputFiles['sub/deeper/copy.txt'] }}\"\n      nested.txt: \"{{ outputs.make.outputFiles['a/b.txt'] }}\"\n    commands:\n      - cat got.txt nested.txt\n      - echo \"count={{ outputs.make.vars.count }}\"\n")
        #expect(run.result.state == .success, "\(run.text)")
        // got.txt has no final newline, so cat joins it with nested.txt.
        #expect(run.lines.all.contains("INFO [use] payload tnested"))
        #expect(run.lines.all.contains("INFO [use] count=3"))
    }

    @Test func outputDirectoryDisabledHasNoOutputDir() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("plain", ["echo \"[$OUTPUT_DIR]\""]))
        #expect(run.lines.all.contains("INFO [plain] []"))
    }

    @Test func resourcesAreVisibleThroughContainerInspect() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("limited", ["id -u", "echo ok"], runner: """
              delete: false
              user: "65534"
              networkMode: none
              shmSize: 32MB
              extraHosts: ["db.local:127.0.0.1"]
              cpu:
                cpus: 0.5
              memory:
                memory: 64MB

        """))
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.lines.all.contains("INFO [limited] 65534"))
        let id = try #require(run.task("limited")?.containerId)
        let engine = try Engine.real()
        try await engine.ping()
        let inspect = try await engine.inspect(id)
        let host = inspect.hostConfig
        #expect(host.nanoCpus == 500_000_000)
        #expect(host.memory == 67_108_864)
        #expect(host.shmSize == 33_554_432)
        #expect(host.networkMode == "none")
        #expect(host.extraHosts == ["db.local:127.0.0.1"])
        #expect(inspect.config.user == "65534")
        let labels = inspect.config.labels ?? [:]
        #expect(labels["kestra.io/task-id"] == "limited")
        #expect(labels["kestra.io/flow-id"] == "t")
        #expect(labels["kestra.io/namespace"] == "company.team")
        #expect(labels["kestra.io/execution-id"] == run.result.executionId)
        // Kestra's attempt label counts earlier attempts (0 on the first); the task run id is the run's.
        #expect(labels["kestra.io/taskrun-attempt"] == "0")
        #expect(labels["kestra.io/taskrun-id"] == run.task("limited")?.taskrunId)
        try await engine.remove(id)
        await engine.shutdown()
    }

    @Test func pullFromTheLocalRegistryWithCredentialsAndAClearErrorWithWrongOnes() async throws {
        let env = ProcessInfo.processInfo.environment
        let registry = env["BERTH_TEST_REGISTRY"] ?? "127.0.0.1:5000"
        let image = env["BERTH_TEST_REGISTRY_IMAGE"] ?? "\(registry)/berth/busybox:1"
        let user = env["BERTH_TEST_REGISTRY_USER"] ?? "berth"
        let password = env["BERTH_TEST_REGISTRY_PASSWORD"] ?? "berth-test-password"
        let runner = { (secret: String) in "      pullPolicy: ALWAYS\n      credentials:\n        registry: \(registry)\n        username: \(user)\n        password: \"{{ secret('\(secret)') }}\"\n" }
        let good = try await TestRun.run(flowHead + "tasks:\n" + shell("pulled", ["echo pulled \(password)"], image: image, runner: runner("REG")),
                                         environment: ["SECRET_REG": Data(password.utf8).base64EncodedString()])
        #expect(good.result.state == .success, "\(good.text)")
        // The password is masked in every log line, even when the task prints it.
        #expect(good.lines.all.contains("INFO [pulled] pulled ******"))
        #expect(!good.text.contains(password))
        let bad = try await TestRun.run(flowHead + "tasks:\n" + shell("denied", ["echo no"], image: image, runner: runner("WRONG")),
                                        environment: ["SECRET_WRONG": Data("nope".utf8).base64EncodedString()])
        #expect(bad.result.state == .failed)
        #expect(bad.task("denied")?.message?.hasPrefix("pulling \(image) failed: unauthorized") == true, "\(bad.text)")
    }

    @Test func pullPolicyNeverRefusesAMissingImage() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("missing", ["true"], image: "berth-test/not-there:1", runner: "      pullPolicy: NEVER\n"))
        #expect(run.result.state == .failed)
        #expect(run.task("missing")?.message == "image berth-test/not-there:1 is not present and the pull policy is NEVER")
        let present = try await TestRun.run(flowHead + "tasks:\n" + shell("present", ["echo here"], runner: "      pullPolicy: NEVER\n"))
        #expect(present.result.state == .success)
    }

    @Test func twoHundredThousandLinesAndATailWithoutNewline() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("lines", ["seq 1 200000", "printf tail-without-newline"]))
        #expect(run.result.state == .success)
        let lines = run.lines.all.filter { $0.hasPrefix("INFO [lines] ") }
        #expect(lines.count == 200_001)
        #expect(lines[199_999] == "INFO [lines] 200000")
        #expect(lines.last == "INFO [lines] tail-without-newline")
    }

    @Test func timeoutKillsTheContainer() async throws {
        let start = Date()
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("slow", ["sleep 30"], extra: "    timeout: PT2S\n"))
        #expect(run.result.state == .failed)
        #expect(run.task("slow")?.message == "Timeout after 00:00:02.000")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func parallelTasksOverlap() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" +
            ["a", "b"].map { id in "      - id: \(id)\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n        commands:\n          - date +%s\n          - sleep 2\n          - date +%s\n" }.joined())
        #expect(run.result.state == .success)
        func times(_ id: String) -> [Double] { run.lines.all.filter { $0.hasPrefix("INFO [\(id)] ") }.compactMap { Double($0.split(separator: " ").last!) } }
        let a = times("a"), b = times("b")
        try #require(a.count == 2 && b.count == 2, "\(run.text)")
        // Each started before the other ended.
        #expect(a[0] < b[1] && b[0] < a[1])
    }

    @Test func anEscapingSymlinkIsNotCopiedOutOfTheContainer() async throws {
        // Kestra keeps only regular files as outputs; berth also never recreates, on the host,
        // a link that leads out of the working directory.
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("evil", ["ln -s /etc/passwd leak", "echo data > kept.txt"],
                                                                       extra: "    outputFiles: [\"leak\", \"kept.txt\"]\n"))
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.lines.all.contains { $0.hasPrefix("WARN [evil] not copying symlink \"leak\" → \"/etc/passwd\"") }, "\(run.text)")
        guard case .object(let files)? = run.task("evil")?.outputs?["outputFiles"] else { Issue.record("no outputFiles"); return }
        #expect(files.keys.sorted() == ["kept.txt"])
    }

    @Test func hostVolumesNeedTheOperator() async throws {
        let yaml = flowHead + "tasks:\n" + shell("vol", ["ls /data"], runner: "      volumes: [\"/tmp:/data:ro\"]\n")
        await #expect(throws: ExecutorError.self) { _ = try await TestRun.run(yaml) }
        let allowed = try await TestRun.run(yaml, allowVolumes: true)
        #expect(allowed.result.state == .success)
    }

    @Test func retryMakesANewAttempt() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("flaky", ["exit 3"], extra: "    retry:\n      type: constant\n      interval: PT0.1S\n      maxAttempts: 3\n"))
        #expect(run.task("flaky")?.attempts.count == 3)
        #expect(run.task("flaky")?.attempts.map(\.exitCode) == [3, 3, 3])
        #expect(run.task("flaky")?.state == .failed)
    }

    @Test func stderrIsLoggedAtErrorAndDoesNotMakeAWarning() async throws {
        // Kestra >= 0.23: output on stderr no longer changes the state (warningOnStdErr is ignored).
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("noisy", ["echo oops >&2", "echo", "echo done"]))
        #expect(run.result.state == .success)
        #expect(run.lines.all.contains("ERROR [noisy] oops"))
        // The Docker runner splits on runs of line breaks: the blank line is not logged.
        #expect(run.output("noisy").sorted() == ["done", "oops"])
    }
}
