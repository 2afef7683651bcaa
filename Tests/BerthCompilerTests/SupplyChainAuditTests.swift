@testable import BerthCompiler
import BerthDiagnostics
import Testing

/// `unpinned-install` and `pull-policy-never`, each pinned at its exact position.
@Suite struct SupplyChainAuditTests {
    static let regular = CheckOptions(audits: .regular)

    static func python(_ before: String, extra: String = "") -> String {
        """
        id: f
        namespace: company.team
        tasks:
          - id: py
            type: io.kestra.plugin.scripts.python.Script
            containerImage: python:3.12-slim
        \(extra)    beforeCommands:
        \(before)
            script: print(1)

        """
    }

    @Test func unpinnedPipAndNpmPackagesAreReportedAtTheirName() {
        expectDiagnostics(Self.python("      - pip install 1️⃣requests pandas==2.2.2 2️⃣\"numpy>=1.26\"\n      - npm i -g 3️⃣typescript @types/node@20.11.0 4️⃣lodash@^4\n"),
                          [("1️⃣", "unpinned-install"), ("2️⃣", "unpinned-install"), ("3️⃣", "unpinned-install"), ("4️⃣", "unpinned-install")],
                          options: Self.regular)
    }

    @Test func theMessageNamesThePackageAndThePin() throws {
        let text = MarkedSource(Self.python("      - sudo PIP_NO_CACHE=1 python3 -m pip install --quiet -i https://pypi.org/simple httpx\n")).text
        let d = try #require(FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: Self.regular).diagnostics.first)
        #expect(d.code == "unpinned-install")
        #expect(d.message.hasPrefix("\"httpx\" is installed without an exact version"))
        #expect(d.help?.contains("httpx==1.2.3") == true)
        #expect(d.security == SecurityRating(.medium, score: 5.0))
        #expect(text.utf8.dropFirst(d.range.start.offset).prefix(5).elementsEqual("httpx".utf8))
    }

    @Test func pinnedFilesAndPathsAreSilent() {
        let commands = [
            "pip install -r requirements.txt",
            "pip install requests==2.32.3 ./local-pkg git+https://example.invalid/x.git dist/a-1.0-py3-none-any.whl",
            "npm ci && npm install && npm install left-pad@1.3.0",
            "echo pip install is documented here # pip install nothing",
        ]
        expectDiagnostics(Self.python(commands.map { "      - \($0)\n" }.joined()), [], options: Self.regular)
    }

    @Test func pythonDependenciesAreRequirements() {
        expectDiagnostics(Self.python("      - echo ready\n", extra: "    dependencies:\n      - 1️⃣requests\n      - pandas==2.2.2\n"),
                          [("1️⃣", "unpinned-install")], options: Self.regular)
    }

    @Test func pullPolicyNeverIsReportedWhenAnotherTaskPulls() throws {
        let yaml = """
            id: f
            namespace: company.team
            tasks:
              - id: pulls
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: ubuntu:24.04
                commands: [echo a]
              - id: local
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: my/tool:1.0
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  pullPolicy: 1️⃣NEVER
                commands: [echo b]

            """
        expectDiagnostics(yaml, [("1️⃣", "pull-policy-never")], options: Self.regular)
        let d = try #require(FlowCheck.check(SourceFile(path: "t.yaml", text: MarkedSource(yaml).text), options: Self.regular).diagnostics.first)
        #expect(d.message.contains("\"my/tool:1.0\""))
        #expect(d.notes.first?.message == "task \"pulls\" pulls its image")
    }

    @Test func pullPolicyNeverAloneOrPinnedByDigestIsSilent() {
        let runner = "    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n      pullPolicy: NEVER\n"
        let only = "id: f\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: my/tool:1.0\n\(runner)    commands: [echo]\n"
        expectDiagnostics(only, [], options: Self.regular)
        let digest = "sha256:" + String(repeating: "a", count: 64)
        let pinned = only.replacingOccurrences(of: "my/tool:1.0", with: "my/tool@\(digest)")
            + "  - id: b\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: ubuntu:24.04\n    commands: [echo]\n"
        expectDiagnostics(pinned, [], options: Self.regular)
    }

    @Test func commandsSplitOnShellOperatorsWithByteRanges() {
        let words = PackageInstall.commands(in: "apt-get update && pip install 'a b' c; npm i d").map { $0.map(\.text) }
        #expect(words == [["apt-get", "update"], ["pip", "install", "a b", "c"], ["npm", "i", "d"]])
        #expect(PackageInstall.unpinned(in: "pip install {{ inputs.pkg }} {{vars.x}} && npm i x@1.2.3").isEmpty, "template words are no package names")
    }
}
