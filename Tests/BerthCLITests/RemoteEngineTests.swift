import BerthCLI
import BerthTestSupport
import Foundation
import Testing

/// Remote engines: over TCP with TLS (`.ci/tls-engine.sh`: dockerd --tlsverify on
/// 127.0.0.1:2376 with generated certificates) and over SSH (`.ci/ssh-engine.sh`: sshd on
/// 127.0.0.1:2222, `ssh://berth-ssh-test`). The samples run there through DOCKER_HOST, a
/// runner's `host` and Docker contexts; every connection mistake is one line before any task.
@Suite(.serialized) struct RemoteEngineTests {
    static let environment = ProcessInfo.processInfo.environment
    static let host = environment["BERTH_TEST_TLS_ENGINE"] ?? ""
    static let certs = environment["BERTH_TEST_TLS_CERTS"] ?? ""
    static let samples = GoldenFiles.root.appendingPathComponent("samples")

    /// In CI the TLS engine must be there; elsewhere the tests skip with the reason.
    static var available: Bool {
        if !host.isEmpty && FileManager.default.fileExists(atPath: certs + "/client/cert.pem") { return true }
        if environment["CI"] != nil { Issue.record("BERTH_TEST_TLS_ENGINE is not set: .ci/services.sh starts the TLS engine") }
        print("skipped: no TLS engine (BERTH_TEST_TLS_ENGINE); run .ci/services.sh")
        return false
    }

    /// Runs a sample with `environment` and expects it to succeed.
    static func expectSuccess(_ sample: String, _ environment: [String: String]) async throws {
        let dir = try TempDir()
        let run = await CLIRun.run(["run", samples.appendingPathComponent(sample + ".yaml").path, "--json"], environment: environment, cwd: dir.path)
        #expect(run.exitCode == 0, "\(sample): \(run.stderr)")
        #expect(run.stdout.contains("\"state\" : \"SUCCESS\""), "\(sample)")
    }

    /// A flow with one shell task whose runner names `host`.
    static func remoteFlow(host: String, commands: String, extra: String = "") -> String {
        """
        id: remote
        namespace: company.team
        tasks:
          - id: there
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: busybox:1.36
        \(extra)    taskRunner:
              type: io.kestra.plugin.scripts.runner.docker.Docker
              host: \(host)
            commands: \(commands)

        """
    }

    static func tls(_ directory: String) -> [String: String] {
        ["DOCKER_HOST": host, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs + "/" + directory, "HOME": NSTemporaryDirectory()]
    }

    @Test(arguments: ["hello-docker", "inputs-and-outputs", "files-and-resources", "parallel-if-foreach"])
    func theSamplesRunOnTheTLSEngine(sample: String) async throws {
        guard Self.available else { return }
        try await Self.expectSuccess(sample, Self.tls("client"))
    }

    @Test func aRunnerHostReachesTheTLSEngineWithoutALocalOne() async throws {
        guard Self.available else { return }
        let dir = try TempDir(["remote.yaml": Self.remoteFlow(host: Self.host, commands: #"["echo ran remotely"]"#)])
        var environment = Self.tls("client")
        environment["DOCKER_HOST"] = "unix:///nonexistent/docker.sock"
        let run = await CLIRun.run(["run", "remote.yaml"], environment: environment, cwd: dir.path)
        #expect(run.exitCode == 0, "only the engine the task names is needed: \(run.stderr)")
        #expect(run.stdout.contains("[there] ran remotely"))
    }

    /// (certificate directory or nil for plain HTTP, DOCKER_HOST, the message after the engine's name)
    static let mistakes: [(String?, String, String)] = [
        ("wrong-ca", "", "its certificate is not signed by the CA in CERTS/wrong-ca/ca.pem; DOCKER_CERT_PATH must hold the CA that signed the daemon's --tlscert"),
        ("untrusted-client", "", "it refused berth's client certificate CERTS/untrusted-client/cert.pem; it must be signed by the CA the daemon trusts (its --tlscacert)"),
        ("expired-client", "", "the client certificate CERTS/expired-client/cert.pem expired on "),
        ("ca", "", "CERTS/ca/cert.pem is missing or unreadable; DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem"),
        (nil, "", "it speaks TLS; set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a directory with its ca.pem and a client cert.pem and key.pem"),
        ("client", "tcp://127.0.0.1:5000", "it does not speak TLS; unset DOCKER_TLS_VERIFY (or start the daemon with --tlsverify)"),
    ]

    @Test(arguments: 0..<6)
    func eachTLSMistakeIsOneLineBeforeAnyTaskStarts(_ index: Int) async throws {
        guard Self.available else { return }
        let (directory, otherHost, expected) = Self.mistakes[index]
        let dir = try TempDir()
        var environment = directory.map(Self.tls) ?? ["DOCKER_HOST": Self.host]
        if !otherHost.isEmpty { environment["DOCKER_HOST"] = otherHost }
        let run = await CLIRun.run(["run", Self.samples.appendingPathComponent("hello-docker.yaml").path], environment: environment, cwd: dir.path)
        #expect(run.exitCode == 3)
        let engine = otherHost.isEmpty ? Self.host : otherHost
        let message = "berth: error: the Docker engine at \(engine): " + expected.replacingOccurrences(of: "CERTS", with: Self.certs)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        #expect(!run.stderr.contains("BoringSSL") && !run.stderr.contains(".build/") && !run.stderr.contains("error:1"), "no library internals")
        #expect(!run.stdout.contains("[hello]"), "no task started")
    }

    static let ssh = environment["BERTH_TEST_SSH_ENGINE"] ?? ""

    static var sshAvailable: Bool {
        if !ssh.isEmpty { return true }
        if environment["CI"] != nil { Issue.record("BERTH_TEST_SSH_ENGINE is not set: .ci/services.sh starts sshd") }
        print("skipped: no SSH engine (BERTH_TEST_SSH_ENGINE); run .ci/services.sh")
        return false
    }

    @Test(arguments: ["hello-docker", "parallel-if-foreach", "files-and-resources"])
    func theSamplesRunOverSSH(sample: String) async throws {
        guard Self.sshAvailable else { return }
        try await Self.expectSuccess(sample, ["DOCKER_HOST": Self.ssh, "PATH": Self.environment["PATH"] ?? "/usr/bin:/bin"])
    }

    @Test func aRunnerHostOverSSH() async throws {
        guard Self.sshAvailable else { return }
        let dir = try TempDir(["remote.yaml": Self.remoteFlow(host: Self.ssh, commands: #"["echo through ssh > out.txt", "cat out.txt"]"#,
                                                              extra: #"    outputFiles: ["out.txt"]"# + "\n")])
        let run = await CLIRun.run(["run", "remote.yaml"], environment: ["PATH": Self.environment["PATH"] ?? "/usr/bin:/bin", "DOCKER_HOST": "unix:///nonexistent"],
                                   cwd: dir.path)
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("[there] through ssh"))
    }

    @Test(arguments: [("ssh://nobody@berth-ssh-test", "ssh could not reach the engine: nobody@127.0.0.1: Permission denied (publickey)."),
                      ("ssh://127.0.0.1:2299", "ssh could not reach the engine: ssh: connect to host 127.0.0.1 port 2299: Connection refused")])
    func sshFailuresSayWhatSshSaid(host: String, expected: String) async throws {
        guard Self.sshAvailable else { return }
        let dir = try TempDir()
        let run = await CLIRun.run(["run", Self.samples.appendingPathComponent("hello-docker.yaml").path],
                                   environment: ["DOCKER_HOST": host, "PATH": Self.environment["PATH"] ?? "/usr/bin:/bin"], cwd: dir.path)
        #expect(run.exitCode == 3)
        #expect(run.stderr == "berth: error: the Docker engine at \(host): \(expected)\n")
        #expect(!run.stdout.contains("[hello]"))
    }

    @Test(arguments: ["hello-docker", "inputs-and-outputs", "files-and-resources", "parallel-if-foreach", "registry-credentials"])
    func theSamplesRunOnPodman(sample: String) async throws {
        let socket = Self.environment["BERTH_TEST_PODMAN_SOCKET"] ?? ""
        guard !socket.isEmpty else {
            if Self.environment["CI"] != nil { Issue.record("BERTH_TEST_PODMAN_SOCKET is not set: .ci/services.sh starts Podman's service") }
            return print("skipped: no Podman service (BERTH_TEST_PODMAN_SOCKET); run .ci/services.sh")
        }
        // The registry sample's secrets, base64 as Kestra OSS reads them.
        let user = Self.environment["BERTH_TEST_REGISTRY_USER"] ?? "berth"
        let password = Self.environment["BERTH_TEST_REGISTRY_PASSWORD"] ?? "berth-test-password"
        let environment = ["DOCKER_HOST": "unix://" + socket, "SECRET_REGISTRY_USER": Data(user.utf8).base64EncodedString(),
                           "SECRET_REGISTRY_PASSWORD": Data(password.utf8).base64EncodedString()]
        try await Self.expectSuccess(sample, environment)
    }

    @Test func dockerContextsAreReadFromTheDockerCLIStoreWithItsPrecedence() async throws {
        guard Self.available, let docker = GoldenFiles.require("docker") else { return }
        let dir = try TempDir()
        let config = dir.path + "/docker-config"
        let client = Self.certs + "/client"
        let (status, output) = try await offPool { try runProcess(docker, ["context", "create", "tls-test", "--docker",
                                                      "host=\(Self.host),ca=\(client)/ca.pem,cert=\(client)/cert.pem,key=\(client)/key.pem"],
                                              environment: ["DOCKER_CONFIG": config]) }
        try #require(status == 0, "docker context create: \(output)")
        let hello = Self.samples.appendingPathComponent("hello-docker.yaml").path
        let gone = "unix:///nonexistent/docker.sock"
        func run(_ arguments: [String], _ environment: [String: String]) async -> CLIRun {
            await CLIRun.run(["run", hello, "--json"] + arguments, environment: environment.merging(["DOCKER_CONFIG": config]) { a, _ in a }, cwd: dir.path)
        }
        #expect(await run(["--context", "tls-test"], [:]).exitCode == 0, "--context")
        #expect(await run(["--context", "tls-test"], ["DOCKER_HOST": gone]).exitCode == 0, "--context wins over DOCKER_HOST")
        #expect(await run([], ["DOCKER_CONTEXT": "tls-test"]).exitCode == 0, "DOCKER_CONTEXT")
        let hostWins = await run([], ["DOCKER_CONTEXT": "tls-test", "DOCKER_HOST": gone])
        #expect(hostWins.exitCode == 3 && hostWins.stderr.contains(gone), "DOCKER_HOST wins over DOCKER_CONTEXT, as in the Docker CLI")
        let (used, _) = try await offPool { try runProcess(docker, ["context", "use", "tls-test"], environment: ["DOCKER_CONFIG": config]) }
        #expect(used == 0)
        #expect(await run([], [:]).exitCode == 0, "the currentContext of config.json")
        let unknown = await run(["--context", "nope"], [:])
        #expect(unknown.exitCode == 3)
        #expect(unknown.stderr.contains("Docker context \"nope\" (from --context) does not exist in \(config)/contexts; docker context ls lists them"), "\(unknown.stderr)")
    }
}
