import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// io.kestra.plugin.core.storage.* over stored files, as Kestra's tasks treat them.
@Suite struct StorageTaskTests {
    func flow(_ tasks: String) -> String {
        "id: st\nnamespace: company.team\ninputs:\n  - {id: data, type: FILE}\ntasks:\n" + tasks
    }

    @Test func concatReverseSplitSizeDeleteAndPurge() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("berth-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "1\n2\n3\r\n4\n5\n".write(to: dir.appendingPathComponent("rows.csv"), atomically: true, encoding: .utf8)
        let run = try await TestRun.run(flow("""
              - {id: cat, type: io.kestra.plugin.core.storage.Concat, files: ["{{ inputs.data }}", "{{ inputs.data }}"], separator: "--\\n", extension: .csv}
              - {id: rev, type: io.kestra.plugin.core.storage.Reverse, from: "{{ inputs.data }}"}
              - {id: rows, type: io.kestra.plugin.core.storage.Split, from: "{{ inputs.data }}", rows: 2}
              - {id: parts, type: io.kestra.plugin.core.storage.Split, from: "{{ inputs.data }}", partitions: 4}
              - {id: bytes, type: io.kestra.plugin.core.storage.Split, from: "{{ inputs.data }}", bytes: "3"}
              - {id: size, type: io.kestra.plugin.core.storage.Size, uri: "{{ outputs.cat.uri }}"}
              - {id: show, type: io.kestra.plugin.core.log.Log, message: ["{{ read(outputs.rev.uri) }}", "{{ read(outputs.rows.uris[2]) }}", "{{ read(outputs.parts.uris[0]) }}"]}
              - {id: del, type: io.kestra.plugin.core.storage.Delete, uri: "{{ outputs.cat.uri }}"}
              - {id: again, type: io.kestra.plugin.core.storage.Delete, uri: "{{ outputs.cat.uri }}", errorOnMissing: true, allowFailure: true}
              - {id: purge, type: io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles}

            """), inputs: ["data": "@" + dir.appendingPathComponent("rows.csv").path])
        #expect(run.result.state == .warning, "\(run.lines.all)")
        #expect(run.task("cat")?.outputs?["uri"]?.stringValue?.hasSuffix(".csv") == true)
        #expect(run.task("size")?.outputs?["size"] == .int(Int64(2 * ("1\n2\n3\r\n4\n5\n".utf8.count + 3))))
        #expect(run.output("show") == ["5\n4\n3\n2\n1\n", "5\n", "1\n5\n"], "reversed, third chunk of 2 rows, first of 4 partitions")
        #expect(run.task("rows")?.outputs?["uris"]?.plainText.split(separator: ",").count == 3)
        #expect(run.task("parts")?.outputs?["uris"]?.plainText.split(separator: ",").count == 4)
        #expect(run.task("bytes")?.outputs?["uris"]?.plainText.split(separator: ",").count == 3, "a chunk passes the limit by one row: 2 rows of 2 bytes each")
        #expect(run.task("del")?.outputs?["deleted"] == .bool(true))
        #expect(run.task("again")?.message?.hasPrefix("Unable to find file 'kestra://") == true)
        #expect((run.task("purge")?.outputs?["uris"]?.plainText.count ?? 0) > 0)
        let storage = run.state.appendingPathComponent("storage/company/team/st/executions/\(run.result.executionId)")
        #expect(!FileManager.default.fileExists(atPath: storage.path), "every file of the execution is gone")
    }

    @Test func splitWithoutASizeAndMissingFilesFailAsKestra() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("berth-split-\(UUID().uuidString).txt")
        try "a\nb\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try await TestRun.run(flow("""
              - {id: s, type: io.kestra.plugin.core.storage.Split, from: "{{ inputs.data }}", allowFailure: true}
              - {id: gone, type: io.kestra.plugin.core.storage.Size, uri: "kestra:///x/y.txt", allowFailure: true}
              - {id: bad, type: io.kestra.plugin.core.storage.Size, uri: "/etc/passwd"}

            """), inputs: ["data": "@" + file.path])
        #expect(run.task("s")?.message == "Invalid configuration with no size, count, nor rows")
        #expect(run.task("gone")?.message == "No such file: kestra:///x/y.txt")
        #expect(run.task("bad")?.message == "Invalid internal storage uri, got uri '/etc/passwd'", "never a local path")
    }
}

/// FilterItems and DeduplicateItems over Ion lines.
@Suite struct ItemTaskTests {
    func flow(_ tasks: String) -> String {
        "id: items\nnamespace: company.team\ninputs:\n  - {id: data, type: FILE}\ntasks:\n" + tasks
    }

    func items() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("berth-ion-\(UUID().uuidString).ion")
        try (1...8).map { "{key:\"k\([1, 2, 3, 1, 2, 2, 3, 1][$0 - 1])\",value:\($0)}" }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return "@" + url.path
    }

    @Test func filterKeepsMatchingLinesAsWrittenAndDedupeKeepsTheLastPerKey() async throws {
        let run = try await TestRun.run(flow("""
              - {id: even, type: io.kestra.plugin.core.storage.FilterItems, from: "{{ inputs.data }}", filterCondition: "{{ value % 2 == 0 }}"}
              - {id: odd, type: io.kestra.plugin.core.storage.FilterItems, from: "{{ inputs.data }}", filterCondition: "{{ value % 2 == 0 }}", filterType: EXCLUDE}
              - {id: dedupe, type: io.kestra.plugin.core.storage.DeduplicateItems, from: "{{ inputs.data }}", expr: "{{ key }}"}
              - {id: show, type: io.kestra.plugin.core.log.Log, message: ["{{ read(outputs.even.uri) }}", "{{ read(outputs.dedupe.uri) }}"]}

            """), inputs: ["data": try items()])
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.task("even")?.outputs?["processedItemsTotal"] == .int(8))
        #expect(run.task("even")?.outputs?["droppedItemsTotal"] == .int(4))
        #expect(run.task("odd")?.outputs?["droppedItemsTotal"] == .int(4))
        #expect(run.task("dedupe")?.outputs?["numKeys"] == .int(3))
        #expect(run.output("show") == ["{key:\"k2\",value:2}\n{key:\"k1\",value:4}\n{key:\"k2\",value:6}\n{key:\"k1\",value:8}\n",
                                       "{key:\"k2\",value:6}\n{key:\"k3\",value:7}\n{key:\"k1\",value:8}\n"], "\(run.lines.all)")
    }

    @Test func nullAndBrokenItemsFollowErrorOrNullBehavior() async throws {
        let run = try await TestRun.run(flow("""
              - {id: strict, type: io.kestra.plugin.core.storage.FilterItems, from: "{{ inputs.data }}", filterCondition: "{{ missing ?? null }}", allowFailure: true}
              - {id: lenient, type: io.kestra.plugin.core.storage.FilterItems, from: "{{ inputs.data }}", filterCondition: "{{ nothere }}", errorOrNullBehavior: EXCLUDE}

            """), inputs: ["data": try items()])
        #expect(run.task("strict")?.message == "Expression `{{ missing ?? null }}` return `null` on item `{key:\"k1\",value:1}`", "\(run.task("strict")?.message ?? "")")
        #expect(run.task("lenient")?.outputs?["droppedItemsTotal"] == .int(8))
    }
}
