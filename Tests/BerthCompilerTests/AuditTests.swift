import BerthCompiler
import BerthDiagnostics
import Foundation
import Testing

/// The security audits, each pinned at its exact position, with its rating and fix-it.
@Suite struct AuditTests {
    static let head = "id: f\nnamespace: company.team\ninputs:\n  - id: name\n    type: STRING\n  - id: count\n    type: INT\n"
    static let regular = CheckOptions(audits: .regular)

    static func check(_ text: String, _ options: CheckOptions = regular) -> [Diagnostic] {
        FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: options).diagnostics
    }

    /// `text` with `fix` applied by ``FixApplier``, the machinery of `lint --fix`.
    static func applying(_ fix: FixIt, to text: String) -> String {
        let diagnostic = Diagnostic(.warning, "test", "", path: "t.yaml", range: fix.edits[0].range, fixIts: [fix])
        let result = FixApplier.apply([diagnostic], path: "t.yaml", to: Array(text.utf8), suggestions: true)
        return String(decoding: result.bytes, as: UTF8.self)
    }

    static func shell(_ commands: String, extra: String = "") -> String {
        head + "tasks:\n  - id: greet\n    type: io.kestra.plugin.scripts.shell.Commands\n\(extra)    commands:\n\(commands)"
    }

    @Test func anInputInACommandIsTemplateInjection() throws {
        let yaml = Self.shell("      - echo 1️⃣{{ inputs.name }} and 2️⃣{{ inputs.count }}\n")
        expectDiagnostics(yaml, [("1️⃣", "template-injection")], options: Self.regular)
        let d = try #require(Self.check(MarkedSource(yaml).text).first)
        #expect(d.message == "the input \"name\" is rendered into the commands of task \"greet\", where its text runs as shell code")
        #expect(d.security == SecurityRating(.high, score: 8.0))
        #expect(d.severity == .warning)
        #expect(d.range.end.offset - d.range.start.offset == "{{ inputs.name }}".utf8.count, "the whole tag")
    }

    @Test(arguments: [
        ("      - echo {{ inputs.name }}\n", "      - echo \"${NAME}\"\n"),
        ("      - echo \"Hello {{ inputs.name }}!\"\n", "      - echo \"Hello ${NAME}!\"\n"),
        ("      - echo 'Hello {{ inputs.name }}'\n", "      - echo 'Hello '\"${NAME}\"''\n"),
        ("      - \"echo {{ inputs.name }}\"\n", "      - \"echo \\\"${NAME}\\\"\"\n"),
    ])
    func theFixItMovesTheValueToEnv(command: String, fixed: String) throws {
        let text = MarkedSource(Self.shell(command)).text
        let d = try #require(Self.check(text).first { $0.code == "template-injection" })
        let fix = try #require(d.fixIts.first)
        #expect(fix.message == "pass the value through env as NAME")
        let result = Self.applying(fix, to: text)
        #expect(result == Self.head + "tasks:\n  - id: greet\n    type: io.kestra.plugin.scripts.shell.Commands\n    env:\n      NAME: \"{{ inputs.name }}\"\n    commands:\n" + fixed)
        #expect(Self.check(result).filter { $0.code == "template-injection" }.isEmpty, "the fixed flow is clean")
    }

    @Test func theFixItAddsToAnExistingEnv() throws {
        let text = Self.shell("      - echo {{ inputs.name }}\n", extra: "    env:\n      OTHER: x\n")
        let fix = try #require(Self.check(text).first { $0.code == "template-injection" }?.fixIts.first)
        #expect(Self.applying(fix, to: text) == Self.shell("      - echo \"${NAME}\"\n", extra: "    env:\n      OTHER: x\n      NAME: \"{{ inputs.name }}\"\n"))
    }

    @Test func valuesThatCannotCarryCodeAreNotReported() {
        let yaml = Self.head + "  - id: choice\n    type: SELECT\n    values: [a, b]\n" + """
            tasks:
              - id: greet
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo {{ inputs.count }} {{ inputs.choice }} {{ vars.x ?? 'a' }} {{ inputs.name | length }} {{ inputs.name == 'x' }}
                  - echo {{ flow.id }} {{ execution.id }} {{ taskrun.id }}
            variables:
              x: y

            """
        expectDiagnostics(yaml, [], options: Self.regular)
    }

    @Test func outputsKvFilesTriggersAndLoopsAreFollowed() throws {
        let yaml = Self.head + """
            tasks:
              - id: first
                type: io.kestra.plugin.core.log.Log
                message: hi
              - id: greet
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo 1️⃣{{ outputs.first.value }}
                  - echo 2️⃣{{ kv('k') }} 3️⃣{{ read('f.txt') }} 4️⃣{{ trigger.body }}
                  - "{% for n in inputs.name | split(',') %}echo 5️⃣{{ n }};{% endfor %}"

            """
        expectDiagnostics(yaml, [("1️⃣", "template-injection"), ("2️⃣", "template-injection"), ("3️⃣", "template-injection"),
                                 ("4️⃣", "template-injection"), ("5️⃣", "template-injection")], options: Self.regular)
        let ratings = Self.check(MarkedSource(yaml).text).filter { $0.code == "template-injection" }.compactMap(\.security?.confidence)
        #expect(ratings == [.medium, .medium, .medium, .high, .high])
    }

    @Test func aPythonScriptGetsHelpWithoutAFixIt() throws {
        let yaml = Self.head + "tasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n    script: |\n      print(\"1️⃣{{ inputs.name }}\")\n"
        expectDiagnostics(yaml, [("1️⃣", "template-injection")], options: Self.regular)
        let d = try #require(Self.check(MarkedSource(yaml).text).first)
        #expect(d.message.hasSuffix("where its text runs as Python code"))
        #expect(d.help == "pass it through env: (NAME: \"{{ … }}\") and read os.environ[\"NAME\"] in the Python")
        #expect(d.fixIts.isEmpty)
    }

    @Test func aSecretInACommandLineIsReported() throws {
        let yaml = Self.shell("      - curl -u \"ci:1️⃣{{ secret('API_TOKEN') }}\" http://x\n")
        expectDiagnostics(yaml, [("1️⃣", "secret-in-command")], options: Self.regular)
        let text = MarkedSource(yaml).text
        let d = try #require(Self.check(text).first)
        #expect(d.message == "secret('API_TOKEN') is rendered into the commands of task \"greet\": it shows in process lists and in the script's debug output")
        let fixed = Self.applying(try #require(d.fixIts.first), to: text)
        #expect(fixed.contains("    env:\n      API_TOKEN: \"{{ secret('API_TOKEN') }}\"\n"))
        #expect(fixed.contains("      - curl -u \"ci:${API_TOKEN}\" http://x\n"))
    }

    @Test func aSecretThroughAByteChangingFilterIsReported() {
        let yaml = Self.head + """
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "{{ secret('TOKEN') | 1️⃣upper }} {{ secret('TOKEN') | 2️⃣base64encode }} {{ secret('TOKEN') | trim }}"

            """
        expectDiagnostics(yaml, [("1️⃣", "secret-filtered"), ("2️⃣", "secret-filtered")], options: Self.regular)
        let found = Self.check(MarkedSource(yaml).text)
        #expect(found.map(\.severity) == [.warning, .info], "berth masks base64 itself; Kestra does not")
    }

    @Test func privilegesBeyondAScriptsNeedsAreReported() {
        let yaml = "id: f\nnamespace: company.team\n" + """
            tasks:
              - id: root
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                commands: [id]
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  privileged: 1️⃣true
                  networkMode: 2️⃣host
                  user: 3️⃣root
                  7️⃣volumes:
                    - 4️⃣/var/run/docker.sock:/var/run/docker.sock
                    - 5️⃣/:/host
                  deviceRequests:
                    - {driver: nvidia, count: 6️⃣-1, capabilities: [[gpu]]}

            """
        expectDiagnostics(yaml, [("1️⃣", "excessive-privileges"), ("2️⃣", "excessive-privileges"), ("3️⃣", "excessive-privileges"),
                                 ("4️⃣", "excessive-privileges"), ("5️⃣", "excessive-privileges"), ("6️⃣", "excessive-privileges"),
                                 ("7️⃣", "host-volumes")],
                          options: Self.regular)
    }

    @Test func imagesWithoutAVersionAreReportedAndDigestsOnlyWhenPedantic() {
        let yaml = "id: f\nnamespace: company.team\ntasks:\n" + ["python", "python:latest", "ghcr.io/acme/tool:1.2", "registry:5000/x", "busybox@sha256:" + String(repeating: "a", count: 64)]
            .enumerated().map { "  - id: t\($0.offset)\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: \(["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"][$0.offset])\($0.element)\n    timeout: PT1H\n    commands: [x]\n" }.joined()
        expectDiagnostics(yaml, [("1️⃣", "unpinned-image"), ("2️⃣", "unpinned-image"), ("4️⃣", "unpinned-image")], options: Self.regular)
        expectDiagnostics(yaml, [("1️⃣", "unpinned-image"), ("2️⃣", "unpinned-image"), ("3️⃣", "unpinned-image"), ("4️⃣", "unpinned-image")],
                          options: CheckOptions(audits: .pedantic))
        expectDiagnostics(yaml, [], options: CheckOptions(audits: .off))
    }

    @Test func credentialsWrittenInTheFlowAreReported() {
        let token = "ghp_" + String(repeating: "a1B2", count: 9)
        let yaml = "id: f\nnamespace: company.team\n" + """
            inputs:
              - id: key
                type: STRING
                defaults: 1️⃣AKIAABCDEFGHIJKLMNOP
            variables:
              nested: {deep: [2️⃣\(token)]}
              fine: hello
            tasks:
              - id: push
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                env:
                  TOKEN: 3️⃣xoxb-1234567890-abcdefghij
                  SAFE: "{{ secret('TOKEN') }}"
                commands: [id]
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  credentials:
                    username: ci
                    password: 4️⃣hunter2
                    registryToken: "{{ secret('REGISTRY_TOKEN') }}"
                  config: 5️⃣{auths: {"127.0.0.1:5000": {auth: "Y2k6aHVudGVyMg=="}}}

            """
        expectDiagnostics(yaml, [("1️⃣", "inline-credentials"), ("2️⃣", "inline-credentials"), ("3️⃣", "inline-credentials"),
                                 ("4️⃣", "inline-credentials"), ("5️⃣", "inline-credentials")], options: Self.regular)
    }

    @Test func ratingsReachJSONAndSARIF() throws {
        let text = MarkedSource(Self.shell("      - echo {{ inputs.name }}\n")).text
        let diagnostics = Self.check(text)
        let json = JSONRenderer().render(diagnostics)
        #expect(json.contains("\"confidence\" : \"high\"") && json.contains("\"securitySeverity\" : 8"), "\(json)")
        let sarif = SARIFRenderer(toolVersion: "test").render(diagnostics)
        #expect(sarif.contains("\"security-severity\" : \"8.0\"") && sarif.contains("\"precision\" : \"high\"") && sarif.contains("\"security\""), "\(sarif)")
    }
}
