import BerthCLI
import BerthDiagnostics
import Foundation
import Testing

/// `berth lint --fix`: fix-its applied through ``FixApplier``, files rewritten atomically, what
/// remains reported, suggestions only on request.
@Suite struct LintFixTests {
    /// A deprecated property (exact rename), an unquoted `: ` command (quoting), an unused
    /// suppression (removal), a misspelled property (a guess) and a secret in a command (env).
    static let flow = """
        id: hello
        namespace: company.team
        tasks:
          - id: a
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: busybox:1.36
            timout: PT1M
            retry:
              type: constant
              interval: PT1S
              maxAttempt: 2
            commands:
              - curl -H "Authorization: Bearer x" http://127.0.0.1 # berth: ignore[unknown-input]
              - echo {{ secret('TOKEN') }}

        """

    static let fixed = """
        id: hello
        namespace: company.team
        tasks:
          - id: a
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: busybox:1.36
            timout: PT1M
            retry:
              type: constant
              interval: PT1S
              maxAttempts: 2
            env:
              TOKEN: "{{ secret('TOKEN') }}"
            commands:
              - 'curl -H "Authorization: Bearer x" http://127.0.0.1'
              - echo "${TOKEN}"

        """

    @Test func fixRewritesTheFileAndReportsWhatRemains() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.path + "/flow.yaml")
        let run = await CLIRun.run(["lint", "--fix", "--format", "short", "flow.yaml"], cwd: dir.path)
        let text = try String(contentsOfFile: dir.path + "/flow.yaml", encoding: .utf8)
        #expect(text == Self.fixed)
        #expect(run.stderr.hasPrefix("berth: fixed 4 problems in flow.yaml\n"), "\(run.stderr)")
        #expect(run.stdout.contains("[unknown-property]"), "the guess is left for a person: \(run.stdout)")
        #expect(!run.stdout.contains("[deprecated]") && !run.stdout.contains("[wrong-type]"))
        #expect(run.exitCode == 1, "the unknown property remains an error")
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/flow.yaml")[.posixPermissions] as? Int
        #expect(mode == 0o640, "permissions kept")
        let again = await CLIRun.run(["lint", "--fix", "--format", "short", "flow.yaml"], cwd: dir.path)
        #expect(!again.stderr.contains("fixed"), "a second run has nothing left to fix")
    }

    @Test func suggestionsOnRequestAndOnStdin() async throws {
        let run = await CLIRun.run(["lint", "--fix", "--fix-suggestions", "-"], stdin: Self.flow)
        #expect(run.stdout == Self.fixed.replacingOccurrences(of: "    timout: PT1M", with: "    timeout: PT1M"))
        #expect(run.exitCode == 0, "\(run.stderr)")
        let usage = await CLIRun.run(["lint", "--fix-suggestions", "flow.yaml"])
        #expect(usage.exitCode == 2)
    }

    @Test func overlappingFixesWaitForTheNextRound() {
        let file = SourceFile(path: "f", text: "abcdef")
        func diagnostic(_ range: Range<Int>, _ text: String) -> Diagnostic {
            Diagnostic(.warning, "x", "m", path: "f", range: file.range(range),
                       fixIts: [FixIt("t", edits: [TextEdit(range: file.range(range), replacement: text)])])
        }
        let result = FixApplier.apply([diagnostic(0..<3, "X"), diagnostic(2..<4, "Y"), diagnostic(4..<6, "Z"),
                                       Diagnostic(.warning, "x", "m", path: "other", range: file.range(0..<1))], path: "f", to: file.bytes)
        #expect(String(decoding: result.bytes, as: UTF8.self) == "XdZ")
        #expect(result.fixed.count == 2)
    }
}
