import BerthEngine
import BerthExecutor
import Foundation
import Testing

/// Secrets are registered the moment they are produced and masked on every channel berth
/// writes: live log lines, the summary, the journal, error messages.
@Suite struct SecretMaskingTests {
    static let secret = "hunter2-very-secret"
    static let environment = ["SECRET_API_TOKEN": Data(secret.utf8).base64EncodedString()]

    /// Everything berth wrote for a run: log lines, the JSON summary, the journal.
    func written(_ run: TestRun) throws -> String {
        let summary = String(decoding: try JSONEncoder().encode(run.result), as: UTF8.self)
        let journal = try String(contentsOf: run.state.appendingPathComponent("executions/\(run.result.executionId)/journal.jsonl"), encoding: .utf8)
        return run.text + "\n" + summary + "\n" + journal
    }

    func expectNoSecret(_ run: TestRun, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try written(run)
        for form in [Self.secret, Data(Self.secret.utf8).base64EncodedString(), "hunter2"] {
            #expect(!text.contains(form), "\"\(form)\" was written", sourceLocation: sourceLocation)
        }
    }

    @Test func throughEnv() async throws {
        // The reported leak: a secret given through env and printed by the script.
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("leak", ["echo token is $TOKEN"], extra: "    env:\n      TOKEN: \"{{ secret('API_TOKEN') }}\"\n"),
                                        environment: Self.environment, engine: InMemoryEngine())
        #expect(run.output("leak") == ["token is ******"])
        try expectNoSecret(run)
    }

    @Test func throughCommandsAScriptFileAndInputFiles() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n" +
            shell("commands", ["echo {{ secret('API_TOKEN') }}"]) +
            "  - id: script\n    type: io.kestra.plugin.scripts.python.Script\n    containerImage: busybox:1.36\n    script: \"token = '{{ secret('API_TOKEN') }}'\"\n" +
            "    beforeCommands: [\"cat *.py\"]\n    allowFailure: true\n" +
            shell("files", ["cat s.txt"], extra: "    inputFiles:\n      s.txt: \"{{ secret('API_TOKEN') }}\"\n"),
            environment: Self.environment, engine: engine)
        #expect(run.output("commands") == ["******"])
        #expect(run.output("script").contains("token = '******'"))
        #expect(run.output("files") == ["******"])
        try expectNoSecret(run)
    }

    @Test func throughOutputsWhichLaterTasksStillReceiveInFull() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n" +
            shell("produce", ["echo '::{\"outputs\":{\"token\":\"'$TOKEN'\"}}::'"], extra: "    env:\n      TOKEN: \"{{ secret('API_TOKEN') }}\"\n") +
            shell("consume", ["echo \"{{ outputs.produce.vars.token }}\" > seen.txt", "cat seen.txt"], extra: "    outputFiles: [seen.txt]\n"),
            environment: Self.environment, engine: engine)
        #expect(run.output("consume") == ["******"])
        #expect(run.task("produce")?.outputs?["vars"]?["token"] == .string("******"))
        // The value itself reached the second task unmasked: only what berth writes is masked.
        let consumer = try #require(engine.containers.last)
        #expect(consumer.read("seen.txt").map { String(decoding: $0, as: UTF8.self) } == Self.secret + "\n")
        try expectNoSecret(run)
    }

    @Test func inAnErrorMessageThatQuotesARenderedCommand() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: p\n    type: io.kestra.plugin.scripts.shell.Commands\n" +
                                        "    taskRunner: {type: io.kestra.plugin.core.runner.Process}\n    interpreter: [\"/nonexistent/{{ secret('API_TOKEN') }}\"]\n    commands: [\"true\"]\n",
                                        environment: Self.environment)
        #expect(run.task("p")?.message?.hasPrefix("cannot start /nonexistent/******") == true, "\(run.task("p")?.message ?? "")")
        try expectNoSecret(run)
    }

    @Test func aSecretInputAndAMultiLineSecret() async throws {
        let pem = "-----BEGIN KEY-----\nline-one-of-the-key\nline-two-of-the-key\n-----END KEY-----"
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: password, type: SECRET}\ntasks:\n" +
            log("input", "password {{ inputs.password }}") + shell("pem", ["echo \"$KEY\""], extra: "    env:\n      KEY: \"{{ secret('PEM') }}\"\n")
        let run = try await TestRun.run(yaml, inputs: ["password": "hunter2-input"], environment: ["SECRET_PEM": Data(pem.utf8).base64EncodedString()],
                                        engine: InMemoryEngine())
        #expect(run.output("input") == ["password ******"])
        // Each line of the key is its own log line, and each is masked.
        #expect(run.output("pem") == ["******", "******", "******", "******"])
        let text = try written(run)
        #expect(!text.contains("line-one-of-the-key") && !text.contains("hunter2-input"))
    }

    @Test func registryPasswordsAndAuthAreMasked() async throws {
        let image = "127.0.0.1:5000/app:1"
        let auth = Data("user:hunter2-registry".utf8).base64EncodedString()
        let engine = InMemoryEngine(registry: [image: RegistryAuth(username: "user", password: "hunter2-registry", serverAddress: "127.0.0.1:5000")])
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo hunter2-registry \(auth)"], image: image,
                                                                        runner: "      credentials:\n        auth: \(auth)\n"), engine: engine)
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("t").last == "****** ******")
    }
}
