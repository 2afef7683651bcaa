import BerthEngine
import BerthExecutor
import Foundation
import Testing

/// The fidelity audit's flows on the real engine and registry: what Kestra does with them.
@Suite(.serialized, .disabled(if: Engine.skipReason != nil, "no Docker engine reachable"))
struct KestraFidelityEngineTests {
    static let env = ProcessInfo.processInfo.environment
    static let registry = env["BERTH_TEST_REGISTRY"] ?? "127.0.0.1:5000"
    static let image = env["BERTH_TEST_REGISTRY_IMAGE"] ?? "\(registry)/berth/busybox:1"
    static let user = env["BERTH_TEST_REGISTRY_USER"] ?? "berth"
    static let password = env["BERTH_TEST_REGISTRY_PASSWORD"] ?? "berth-test-password"

    @Test func aSecretInEnvNeverReachesTheLogInClearOrAsBase64() async throws {
        let secret = "hunter2-engine-secret"
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("leak", [
            "echo \"[leak] token is $TOKEN\"", "printf %s \"$TOKEN\" | base64", "echo \"token is $TOKEN\" | base64", "echo \"x$TOKEN\" | base64",
        ], extra: "    env:\n      TOKEN: \"{{ secret('API_TOKEN') }}\"\n"), environment: ["SECRET_API_TOKEN": Data(secret.utf8).base64EncodedString()])
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("leak").first == "[leak] token is ******")
        #expect(!run.text.contains(secret))
        for prefix in ["", "token is ", "x"] {
            let encoded = Data((prefix + secret).utf8).base64EncodedString()
            #expect(!run.text.contains(String(encoded.dropFirst(prefix.isEmpty ? 0 : 4).prefix(16))), "base64 of \"\(prefix)<secret>\" leaked: \(run.text)")
        }
    }

    @Test func workingDirectoryPassesFilesBetweenContainerTasks() async throws {
        let run = try await TestRun.run("id: wd-sync\nnamespace: audit\ntasks:\n  - id: wd\n    type: io.kestra.plugin.core.flow.WorkingDirectory\n    tasks:\n" +
            "      - id: write\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n        inputFiles: {seed.txt: hello}\n        commands: [\"cp seed.txt out.txt\"]\n" +
            "      - id: read\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n        commands: [\"cat out.txt\"]\n")
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("read") == ["hello"])
    }

    @Test func aStorageURIInCommandsWorksInsideTheContainer() async throws {
        let run = try await TestRun.run("id: uri-in-commands\nnamespace: audit\ntasks:\n" +
            shell("produce", ["echo hello > out.txt"], extra: "    outputFiles: [out.txt]\n") + shell("consume", ["cat {{ outputs.produce.outputFiles['out.txt'] }}"]))
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("consume") == ["hello"])
    }

    @Test func aFileInputIsAFileInTheContainer() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-input-\(UUID().uuidString).txt")
        try "the file's content\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await TestRun.run("id: file-input\nnamespace: audit\ninputs:\n  - {id: file, type: FILE}\ntasks:\n" +
            shell("shell", ["cat data.txt"], extra: "    inputFiles: {data.txt: \"{{ inputs.file }}\"}\n"), inputs: ["file": "@" + file.path])
        #expect(run.output("shell") == ["the file's content"])
    }

    @Test func theRunnersConfigAuthenticatesThePull() async throws {
        let auth = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        let config = "      pullPolicy: ALWAYS\n      config: |\n        {\"auths\": {\"\(Self.registry)\": {\"auth\": \"{{ secret('REGISTRY_AUTH') }}\"}}}\n"
        let run = try await TestRun.run("id: config-auth\nnamespace: audit\ntasks:\n" + shell("private", ["echo ok"], image: Self.image, runner: config),
                                        environment: ["SECRET_REGISTRY_AUTH": Data(auth.utf8).base64EncodedString(), "DOCKER_CONFIG": "/nonexistent"])
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("private").last == "ok")
    }

    @Test func credentialsAuthAloneAuthenticatesThePull() async throws {
        let auth = Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        let runner = "      pullPolicy: ALWAYS\n      credentials:\n        registry: \(Self.registry)\n        auth: \"{{ secret('REGISTRY_AUTH') }}\"\n"
        let run = try await TestRun.run("id: auth\nnamespace: audit\ntasks:\n" + shell("private", ["echo ok"], image: Self.image, runner: runner),
                                        environment: ["SECRET_REGISTRY_AUTH": Data(auth.utf8).base64EncodedString(), "DOCKER_CONFIG": "/nonexistent"])
        #expect(run.result.state == .success, "\(run.text)")
    }
}
