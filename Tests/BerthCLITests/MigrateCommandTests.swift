import BerthCLI
import Foundation
import Testing

/// `berth migrate`: the unified diff by default, `--write` rewriting atomically with the
/// file's permissions, stdin, what remains on stderr, and the exit codes.
@Suite struct MigrateCommandTests {
    static let flow = """
        # regions, one at a time
        id: regions
        namespace: company.team
        inputs:
          - id: deploy
            type: BOOLEAN   # keep this comment
            defaults: false
        tasks:
          - id: each
            type: 'io.kestra.plugin.core.flow.ForEach'
            values: ["eu", "us"]
            tasks:
              - id: ping
                type: io.kestra.plugin.core.log.Log
                message: "checking {{ taskrun.value }} (#{{ taskrun.iteration }})"
          - id: done
            type: io.kestra.plugin.core.log.Log
            message: done

        """

    static let diff = """
        --- a/flow.yaml
        +++ b/flow.yaml
        @@ -3,16 +3,17 @@
         namespace: company.team
         inputs:
           - id: deploy
        -    type: BOOLEAN   # keep this comment
        +    type: BOOL   # keep this comment
             defaults: false
         tasks:
           - id: each
        -    type: 'io.kestra.plugin.core.flow.ForEach'
        +    type: 'io.kestra.plugin.core.flow.Loop'
        +    concurrencyLimit: 1
             values: ["eu", "us"]
             tasks:
               - id: ping
                 type: io.kestra.plugin.core.log.Log
        -        message: "checking {{ taskrun.value }} (#{{ taskrun.iteration }})"
        +        message: "checking {{ item.value }} (#{{ item.index }})"
           - id: done
             type: io.kestra.plugin.core.log.Log
             message: done

        """

    @Test func printsTheDiffAndLeavesTheFile() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow])
        let run = await CLIRun.run(["migrate", "flow.yaml"], cwd: dir.path)
        #expect(run.stdout == Self.diff)
        #expect(run.stderr == "")
        #expect(run.exitCode == 0)
        #expect(try String(contentsOfFile: dir.path + "/flow.yaml", encoding: .utf8) == Self.flow)
    }

    /// The diff is one `patch` applies: the written file is the diff's result.
    @Test func writeRewritesTheFileAsTheDiffSays() async throws {
        let dir = try TempDir(["flow.yaml": Self.flow])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir.path + "/flow.yaml")
        let run = await CLIRun.run(["migrate", "--write", "flow.yaml"], cwd: dir.path)
        #expect(run.exitCode == 0)
        #expect(run.stderr == "berth: migrated flow.yaml (2 rewrites)\n")
        let written = try String(contentsOfFile: dir.path + "/flow.yaml", encoding: .utf8)
        #expect(written == Self.applying(Self.diff, to: Self.flow))
        #expect(written.contains("type: BOOL   # keep this comment\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path + "/flow.yaml")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let again = await CLIRun.run(["migrate", "flow.yaml"], cwd: dir.path)
        #expect(again.stdout == "" && again.exitCode == 0, "a migrated flow has nothing left to migrate")
        let lint = await CLIRun.run(["lint", "--kestra", "2", "flow.yaml"], cwd: dir.path)
        #expect(lint.exitCode == 0, "\(lint.stdout)")
    }

    @Test func stdinWithWritePrintsTheMigratedText() async {
        let run = await CLIRun.run(["migrate", "--write", "-"], stdin: Self.flow)
        #expect(run.exitCode == 0)
        #expect(run.stdout == Self.applying(Self.diff, to: Self.flow))
    }

    /// What cannot be rewritten stays, reported with its reason; the exit code says errors remain.
    @Test func manualItemsAreReportedAndExitOne() async throws {
        let flow = Self.flow.replacingOccurrences(of: "message: done", with: "message: \"{{ outputs.ping['eu'].value }}\"")
        let dir = try TempDir(["flow.yaml": flow])
        let run = await CLIRun.run(["migrate", "flow.yaml"], cwd: dir.path)
        #expect(run.exitCode == 1)
        #expect(run.stdout.contains("+    type: BOOL") && !run.stdout.contains("Loop"))
        #expect(run.stderr.contains("error[removed-in-kestra-2]: task type \"io.kestra.plugin.core.flow.ForEach\" was removed in Kestra 2.0"))
        #expect(run.stderr.contains("declare outputs: on the Loop"))
    }

    /// EachParallel's rewrite changes how an iteration's tasks run: it waits for --unsafe-fixes.
    @Test func rewritesThatNeedConfirmingWaitForUnsafeFixes() async throws {
        let flow = """
            id: each
            namespace: company.team
            tasks:
              - id: all
                type: io.kestra.plugin.core.flow.EachParallel
                value: [a, b]
                tasks:
                  - id: one
                    type: io.kestra.plugin.core.log.Log
                    message: "{{ taskrun.value }}"

            """
        let dir = try TempDir(["flow.yaml": flow])
        let plain = await CLIRun.run(["migrate", "flow.yaml"], cwd: dir.path)
        #expect(plain.exitCode == 1 && plain.stdout == "")
        #expect(plain.stderr.contains("1 more rewrite needs confirming"))
        let unsafe = await CLIRun.run(["migrate", "--unsafe-fixes", "flow.yaml"], cwd: dir.path)
        #expect(unsafe.exitCode == 0)
        #expect(unsafe.stdout.contains("+    values: [a, b]") && unsafe.stdout.contains("+    concurrencyLimit: 0"))
    }

    @Test func usageAndUnreadablePaths() async {
        #expect(await CLIRun.run(["migrate"]).exitCode == 2)
        let missing = await CLIRun.run(["migrate", "/nonexistent/flow.yaml"])
        #expect(missing.exitCode == 3)
        #expect(missing.stderr.contains("/nonexistent/flow.yaml"))
    }

    /// Applies a unified diff's hunks (as `patch` would), to check the diff says what was written.
    static func applying(_ diff: String, to text: String) -> String {
        var old = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var offset = 0
        let lines = diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 2
        while index < lines.count, lines[index].hasPrefix("@@") {
            let start = Int(lines[index].dropFirst(4).prefix { $0 != "," })! - 1 + offset
            index += 1
            var body: [String] = [], removed = 0
            while index < lines.count, let first = lines[index].first, first != "@" {
                if first == " " || first == "+" { body.append(String(lines[index].dropFirst())) }
                if first == " " || first == "-" { removed += 1 }
                index += 1
            }
            old.replaceSubrange(start..<(start + removed), with: body)
            offset += body.count - removed
            if index < lines.count, lines[index].isEmpty { break }
        }
        return old.joined(separator: "\n")
    }
}
