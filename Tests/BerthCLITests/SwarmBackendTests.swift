import BerthCLI
import BerthTestSupport
import Foundation
import Testing

/// `--backend swarm` on the single-node swarm `.ci/swarm.sh` makes of the first engine: the
/// Kestra runner scenarios as services in replicated-job mode — output, a failure with outputs,
/// input and output files, OOM, a timeout, parallel tasks, a resume after berth was killed,
/// gc — and the samples.
@Suite(.serialized) struct SwarmBackendTests {
    static let environment = ProcessInfo.processInfo.environment
    static let samples = GoldenFiles.root.appendingPathComponent("samples")

    /// In CI the swarm must be there; elsewhere the tests skip with the reason.
    static var available: Bool {
        if environment["BERTH_TEST_SWARM"] == "1" { return true }
        if environment["CI"] != nil { Issue.record("BERTH_TEST_SWARM is not set: .ci/services.sh initialises the swarm") }
        print("skipped: no swarm (BERTH_TEST_SWARM); run .ci/services.sh")
        return false
    }

    static func flow(_ tasks: String) -> String {
        "id: swarm\nnamespace: company.team\ntasks:\n" + tasks
    }

    static func shell(_ id: String, _ commands: [String], extra: String = "") -> String {
        let list = commands.map { "      - \($0)\n" }.joined()
        return "  - id: \(id)\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: busybox:1.36\n\(extra)    commands:\n\(list)"
    }

    static func run(_ flow: String, _ arguments: [String] = [], in dir: TempDir? = nil) async throws -> (CLIRun, [String: Any], TempDir) {
        let dir = try dir ?? TempDir()
        try dir.write("flow.yaml", flow)
        // A directory with a .berth.yaml gets its backend from there.
        let backend = FileManager.default.fileExists(atPath: dir.path + "/.berth.yaml") ? [] : ["--backend", "swarm"]
        let run = await CLIRun.run(["run", "flow.yaml", "--json"] + backend + arguments, cwd: dir.path)
        let json = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return (run, json, dir)
    }

    static func task(_ json: [String: Any], _ id: String) -> [String: Any] {
        ((json["tasks"] as? [[String: Any]]) ?? []).first { $0["taskId"] as? String == id } ?? [:]
    }

    /// berth's services of `execution` still on the swarm.
    static func services(of execution: String) async throws -> [String] {
        guard let docker = GoldenFiles.require("docker") else { return [] }
        let (_, output) = try await offPool { try runProcess(docker, ["service", "ls", "-q", "--filter", "label=kestra.io/execution-id=\(execution)"]) }
        return output.split(separator: "\n").map(String.init)
    }

    @Test func aTaskRunsAsAJobWithItsOutputAndOutputs() async throws {
        guard Self.available else { return }
        let flow = Self.flow(Self.shell("hello", [#"echo "user $(id -u) in $PWD""#, #"echo '::{"outputs":{"answer":42}}::'"#, "echo warned >&2"],
                                        extra: "    env: {GREETING: hi}\n"))
        let (run, json, _) = try await Self.run(flow)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[hello] user 0 in /"), "\(run.stderr)")
        #expect(run.stderr.contains("[hello] warned"))
        let task = Self.task(json, "hello")
        let container = task["containerId"] as? String ?? ""
        #expect(container.hasPrefix("berth-"), "the service's name: \(container)")
        #expect(((task["outputs"] as? [String: Any])?["vars"] as? [String: Any])?["answer"] as? Int == 42)
        #expect(try await Self.services(of: json["executionId"] as? String ?? "").isEmpty, "the service is removed (delete: true)")
    }

    @Test func aFailureKeepsItsExitCodeAndOutputs() async throws {
        guard Self.available else { return }
        let flow = Self.flow(Self.shell("fails", [#"echo '::{"outputs":{"partial":1}}::'"#, "exit 3"]))
        let (run, json, _) = try await Self.run(flow)
        #expect(run.exitCode == 1)
        let task = Self.task(json, "fails")
        #expect(task["state"] as? String == "FAILED" && task["exitCode"] as? Int == 3, "\(task)")
        #expect(run.stderr.contains("Command failed with exit code 3"))
        #expect(((task["outputs"] as? [String: Any])?["vars"] as? [String: Any])?["partial"] as? Int == 1)
    }

    @Test func inputFilesTravelAsConfigsAndOutputFilesComeBack() async throws {
        guard Self.available else { return }
        let extra = """
                inputFiles:
                  data.txt: "hello from a config\\n"
                  nested/deep/more.txt: "more\\n"
                outputFiles: ["*.txt", "out/*.txt"]

            """
        let flow = Self.flow(Self.shell("files", ["cat data.txt nested/deep/more.txt", "mkdir -p out && cat data.txt > out/copy.txt", "echo new > new.txt"], extra: extra))
        let (run, json, dir) = try await Self.run(flow)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[files] hello from a config") && run.stderr.contains("[files] more"))
        let files = ((Self.task(json, "files")["outputs"] as? [String: Any])?["outputFiles"] as? [String: String]) ?? [:]
        #expect(files.keys.sorted() == ["data.txt", "new.txt", "out/copy.txt"], "\(files)")
        let storage = dir.path + "/.berth/storage/"
        func stored(_ name: String) -> String? {
            files[name].flatMap { try? String(contentsOfFile: storage + $0.dropFirst("kestra:///".count), encoding: .utf8) }
        }
        #expect(stored("data.txt") == "hello from a config\n", "an input file is not replaced by the empty mount point a stopped container shows")
        #expect(stored("out/copy.txt") == "hello from a config\n" && stored("new.txt") == "new\n")
        let configs = try await offPool { try runProcess("/usr/bin/docker", ["config", "ls", "-q", "--filter", "label=berth.runner=berth"]) }.1
        #expect(configs.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "configs go with the service: \(configs)")
    }

    @Test(arguments: [("empty", "is empty: Swarm configs cannot be empty"),
                      ("big", "is 1100000 bytes: Swarm configs must be less than 1000 KiB (1024000 bytes)")])
    func filesSwarmCannotCarryAreRefusedBeforeTheServiceExists(kind: String, message: String) async throws {
        guard Self.available else { return }
        let file = kind == "empty" ? "empty.txt: \"\"" : "big.txt: \"" + String(repeating: "x", count: 1_100_000) + "\""
        let flow = Self.flow(Self.shell("files", ["ls"], extra: "    inputFiles:\n      \(file)\n"))
        let (run, json, _) = try await Self.run(flow)
        #expect(run.exitCode == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try await Self.services(of: json["executionId"] as? String ?? "").isEmpty)
    }

    @Test func outOfMemoryComesFromTheNodesContainer() async throws {
        guard Self.available else { return }
        let extra = "    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n      memory: {memory: 8MB}\n"
        let flow = Self.flow(Self.shell("hog", [#"x=a; while true; do x="$x$x"; done"#], extra: extra))
        let (run, json, _) = try await Self.run(flow)
        #expect(run.exitCode == 1)
        #expect(Self.task(json, "hog")["exitCode"] as? Int == 137)
        #expect(run.stderr.contains("Command failed with exit code 137, killed: out of memory (limit 8MB)"), "\(run.stderr)")
    }

    @Test func aTimeoutStopsTheTaskAndRemovesItsService() async throws {
        guard Self.available else { return }
        let flow = Self.flow(Self.shell("slow", ["echo started", "sleep 60"], extra: "    timeout: PT3S\n"))
        let started = Date()
        let (run, json, _) = try await Self.run(flow)
        #expect(Date().timeIntervalSince(started) < 40, "stopped, not waited for")
        #expect(run.exitCode != 0)
        #expect(Self.task(json, "slow")["state"] as? String != "SUCCESS")
        #expect(run.stderr.contains("[slow] started"))
        #expect(try await Self.services(of: json["executionId"] as? String ?? "").isEmpty)
    }

    @Test func parallelTasksRunAsServicesAtOnce() async throws {
        guard Self.available else { return }
        let branches = ["a", "b", "c"].map { Self.shell($0, ["sleep 2", "echo \($0) done"]).replacingOccurrences(of: "\n  ", with: "\n      ") }
        let flow = Self.flow("  - id: all\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" + branches.map { "    " + $0 }.joined())
        let (run, json, dir) = try await Self.run(flow)
        #expect(run.exitCode == 0, "\(run.stderr)\n\(flow)")
        for id in ["a", "b", "c"] { #expect(run.stderr.contains("[\(id)] \(id) done")) }
        // Every branch started before any ended.
        let journal = try String(contentsOfFile: dir.path + "/.berth/executions/\(json["executionId"] as? String ?? "")/journal.jsonl", encoding: .utf8)
        let records = journal.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let starts = records.filter { $0["kind"] as? String == "containerStarted" }.compactMap { $0["time"] as? Double }
        let exits = records.filter { $0["kind"] as? String == "containerExited" }.compactMap { $0["time"] as? Double }
        #expect(starts.count == 3 && exits.count == 3)
        #expect((starts.max() ?? 0) < (exits.min() ?? 0), "the three services overlapped")
    }

    @Test func aResumeFindsTheServiceOfAKilledBerthAndRunsNothingTwice() async throws {
        guard Self.available else { return }
        let dir = try TempDir(["flow.yaml": Self.flow(Self.shell("long", ["echo first run", "sleep 4", "echo finished"]))])
        let process = try ReportTests.berthInBackground(["run", "flow.yaml", "--backend", "swarm"], in: dir)
        var id: String?
        for _ in 0..<300 where id == nil {
            try await Task.sleep(nanoseconds: 50_000_000)
            let ids = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/.berth/executions")) ?? []
            guard let first = ids.first, let journal = try? String(contentsOfFile: dir.path + "/.berth/executions/\(first)/journal.jsonl", encoding: .utf8),
                  journal.contains("\"kind\":\"containerStarted\"") else { continue }
            id = first
        }
        kill(process.processIdentifier, SIGKILL)
        try await offPool { process.waitUntilExit() }
        let execution = try #require(id)
        #expect(try await Self.services(of: execution).count == 1, "the service outlives berth")
        let wrong = await CLIRun.run(["resume", execution, "--backend", "docker"], cwd: dir.path)
        #expect(wrong.exitCode == 2)
        #expect(wrong.stderr.contains("execution \(execution) started on the swarm backend: resume it with --backend swarm"), "\(wrong.stderr)")
        // No --backend: the journal says it started on swarm.
        let resumed = await CLIRun.run(["resume", execution], cwd: dir.path)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("reattaching to container berth-"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("[long] first run") && resumed.stdout.contains("[long] finished"), "the whole log, replayed")
        #expect(try await Self.services(of: execution).isEmpty)
    }

    @Test func gcSweepsServicesAndConfigsLeftBehind() async throws {
        guard Self.available, let docker = GoldenFiles.require("docker") else { return }
        let extra = """
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  delete: false
                  cpu: {cpus: 0.5}
                  memory: {memory: 64MB, memoryReservation: 32MB}
                  user: "65534"
                inputFiles:
                  in.txt: "x\\n"

            """
        let (run, json, dir) = try await Self.run(Self.flow(Self.shell("kept", ["cat in.txt"], extra: extra)))
        #expect(run.exitCode == 0, "\(run.stderr)")
        let execution = json["executionId"] as? String ?? ""
        let service = Self.task(json, "kept")["containerId"] as? String ?? ""
        let (_, spec) = try await offPool { try runProcess(docker, ["service", "inspect", service, "--format",
            "{{json .Spec.TaskTemplate.Resources}} {{.Spec.TaskTemplate.RestartPolicy.Condition}} {{.Spec.TaskTemplate.ContainerSpec.User}} {{index .Spec.Labels \"kestra.io/execution-id\"}}"]) }
        #expect(spec.contains(#""Limits":{"NanoCPUs":500000000,"MemoryBytes":67108864}"#) && spec.contains(#""Reservations":{"MemoryBytes":33554432}"#), "\(spec)")
        #expect(spec.contains(" none 65534 \(execution)"), "\(spec)")
        let stray = "berth-gone-\(UUID().uuidString.prefix(8).lowercased())"
        let (made, why) = try await offPool { try runProcess("/bin/sh", ["-c", "echo x | \(docker) config create --label berth.runner=berth --label berth.service=\(stray) \(stray)-0 -"]) }
        try #require(made == 0, "\(why)")
        let dry = await CLIRun.run(["gc", "--backend", "swarm", "--dry-run"], cwd: dir.path)
        #expect(dry.stdout.contains("would remove \(service) (execution \(execution), task kept)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("would remove config \(stray)-0 (its service is gone)"))
        let gc = await CLIRun.run(["gc", "--backend", "swarm"], cwd: dir.path)
        #expect(gc.exitCode == 0, "\(gc.stderr)")
        #expect(gc.stdout.contains("removed \(service)") && gc.stdout.contains("1 service removed"), "\(gc.stdout)")
        #expect(try await Self.services(of: execution).isEmpty)
        let (_, left) = try await offPool { try runProcess(docker, ["config", "ls", "-q", "--filter", "label=berth.service=\(stray)"]) }
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test(arguments: ["hello-docker", "inputs-and-outputs", "parallel-if-foreach", "registry-credentials", "insecure-registry"])
    func theSamplesRunOnSwarm(sample: String) async throws {
        guard Self.available else { return }
        let user = Self.environment["BERTH_TEST_REGISTRY_USER"] ?? "berth"
        let password = Self.environment["BERTH_TEST_REGISTRY_PASSWORD"] ?? "berth-test-password"
        let dir = try TempDir()
        let run = await CLIRun.run(["run", Self.samples.appendingPathComponent(sample + ".yaml").path, "--backend", "swarm", "--json"],
                                   environment: ["SECRET_REGISTRY_USER": Data(user.utf8).base64EncodedString(),
                                                 "SECRET_REGISTRY_PASSWORD": Data(password.utf8).base64EncodedString()], cwd: dir.path)
        #expect(run.exitCode == 0, "\(sample): \(run.stderr)")
        #expect(run.stdout.contains("\"state\" : \"SUCCESS\""), "\(sample)")
    }

    @Test func theResourcesSampleIsRefusedInPreflightForItsNetworkModeNone() async throws {
        guard Self.available else { return }
        let dir = try TempDir()
        let run = await CLIRun.run(["run", Self.samples.appendingPathComponent("files-and-resources.yaml").path, "--backend", "swarm"], cwd: dir.path)
        #expect(run.exitCode == 3, "refused before any task starts")
        #expect(run.stderr.contains("preflight failed:\n  task \"produce\" (files-and-resources.yaml:6): networkMode none"), "\(run.stderr)")
        #expect(run.stderr.contains("networkMode none is not available to Swarm services (a task is always attached to a network); remove it or run this task with --backend docker"), "\(run.stderr)")
        #expect(!run.stdout.contains("[produce]"))
    }

    @Test func theProjectConfigurationChoosesTheBackend() async throws {
        guard Self.available else { return }
        let dir = try TempDir([".berth.yaml": "backend: swarm\n"])
        let (run, json, _) = try await Self.run(Self.flow(Self.shell("where", ["echo here"])), [], in: dir)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect((Self.task(json, "where")["containerId"] as? String ?? "").hasPrefix("berth-"), "a service, as .berth.yaml says")
    }

    @Test func anEngineOutsideASwarmIsOneLineBeforeAnyTask() async throws {
        guard Self.available, let second = Self.environment["BERTH_TEST_TLS_ENGINE"], let certs = Self.environment["BERTH_TEST_TLS_CERTS"] else { return }
        let dir = try TempDir()
        let run = await CLIRun.run(["run", Self.samples.appendingPathComponent("hello-docker.yaml").path, "--backend", "swarm"],
                                   environment: ["DOCKER_HOST": second, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs + "/client", "HOME": NSTemporaryDirectory()],
                                   cwd: dir.path)
        #expect(run.exitCode == 3)
        #expect(run.stderr == "berth: error: the Docker engine at \(second): is not part of a swarm (swarm state: inactive); run docker swarm init there, or point --context or DOCKER_HOST at a manager, or use --backend docker\n", "\(run.stderr)")
    }
}
