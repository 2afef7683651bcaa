import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// The SQLite KV store and the kv.* tasks and kv() function over it.
@Suite struct KVStoreTests {
    func flow(_ tasks: String, namespace: String = "company.team") -> String { "id: kv\nnamespace: \(namespace)\ntasks:\n" + tasks }

    @Test func storeHonoursTTLOverwriteAndNamespaces() throws {
        let state = TestRun.newState()
        let store = try KVStore(stateDirectory: state)
        let now = Date()
        try store.set(namespace: "a", key: "k", value: .int(1), type: "NUMBER", ttlSeconds: 60, overwrite: true, now: now)
        try store.set(namespace: "b", key: "k", value: .string("other"), type: "STRING", ttlSeconds: nil, overwrite: true, now: now)
        #expect(try store.get(namespace: "a", key: "k", now: now.addingTimeInterval(59))?.value == .int(1))
        #expect(try store.get(namespace: "a", key: "k", now: now.addingTimeInterval(61)) == nil, "past its TTL a key reads as missing")
        #expect(try store.keys(namespace: "a", now: now.addingTimeInterval(61)) == [])
        #expect(try store.get(namespace: "b", key: "k")?.value == .string("other"), "namespaces do not share keys")
        #expect(throws: ExecutorError.self) {
            try store.set(namespace: "b", key: "k", value: .string("x"), type: "STRING", ttlSeconds: nil, overwrite: false)
        }
        // A second handle (another berth process) sees the same data.
        #expect(try KVStore(stateDirectory: state).get(namespace: "b", key: "k")?.type == "STRING")
        #expect(try store.delete(namespace: "b", key: "k"))
        #expect(try !store.delete(namespace: "b", key: "k"))
    }

    @Test func tasksSetGetDeleteAndListTypedValues() async throws {
        let state = TestRun.newState()
        let run = try await TestRun.run(flow("""
              - {id: s1, type: io.kestra.plugin.core.kv.Set, key: count, value: "41", kvType: NUMBER}
              - {id: s2, type: io.kestra.plugin.core.kv.Set, key: conf, value: '{"a": [1, 2]}', kvType: JSON}
              - {id: s3, type: io.kestra.plugin.core.kv.Set, key: other, value: x, namespace: company}
              - {id: g, type: io.kestra.plugin.core.kv.Get, key: count}
              - {id: missing, type: io.kestra.plugin.core.kv.Get, key: nope}
              - {id: keys, type: io.kestra.plugin.core.kv.GetKeys, prefix: co}
              - id: use
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.g.value + 1 }} {{ kv('conf').a[1] }} {{ kv('other') }} {{ kv('nope', errorOnMissing=false) ?? 'none' }}"
              - {id: d, type: io.kestra.plugin.core.kv.Delete, key: count}

            """), state: state)
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.task("g")?.outputs?["value"] == .int(41))
        #expect(run.task("missing")?.outputs?["value"] == .null)
        #expect(run.task("keys")?.outputs?["keys"] == .array([.string("conf"), .string("count")]))
        #expect(run.lines.all.contains("INFO [use] 42 2 x none"), "kv() without a namespace looks in the parents: \(run.lines.all)")
        #expect(run.task("d")?.outputs?["deleted"] == .bool(true))
        // The store outlives the execution.
        let next = try await TestRun.run(flow("  - {id: g, type: io.kestra.plugin.core.kv.Get, key: conf}\n"), state: state)
        #expect(next.task("g")?.outputs?["value"] == .object(["a": .array([.int(1), .int(2)])]))
    }

    @Test func mistakesFailTheTaskWithKestrasMessage() async throws {
        let state = TestRun.newState()
        let run = try await TestRun.run(flow("""
              - {id: bad, type: io.kestra.plugin.core.kv.Set, key: "-x", value: v, allowFailure: true}
              - {id: num, type: io.kestra.plugin.core.kv.Set, key: n, value: abc, kvType: NUMBER, allowFailure: true}
              - {id: once, type: io.kestra.plugin.core.kv.Set, key: k, value: v}
              - {id: twice, type: io.kestra.plugin.core.kv.Set, key: k, value: w, overwrite: false, allowFailure: true}
              - {id: strict, type: io.kestra.plugin.core.kv.Get, key: absent, errorOnMissing: true, allowFailure: true}
              - {id: fn, type: io.kestra.plugin.core.log.Log, message: "{{ kv('absent') }}"}

            """), state: state)
        #expect(run.task("bad")?.message?.contains("Key '-x' is invalid") == true)
        #expect(run.task("num")?.message == "kvType NUMBER: \"abc\" is not a number")
        #expect(run.task("twice")?.message == "Cannot set value for key 'k'. Key already exists and `overwrite` is set to `false`.")
        #expect(run.task("strict")?.message == "No value found for key 'absent' in namespace 'company.team' and `errorOnMissing` is set to true")
        #expect(run.task("fn")?.state == .failed)
        #expect(run.task("fn")?.message?.contains("The key 'absent' does not exist in the namespace 'company.team'.") == true, "\(run.task("fn")?.message ?? "")")
    }

    @Test func parallelTasksWriteWithoutLosingAnUpdate() async throws {
        let state = TestRun.newState()
        let sets = (1...12).map { "      - {id: s\($0), type: io.kestra.plugin.core.kv.Set, key: k\($0), value: \"\($0)\"}" }.joined(separator: "\n")
        let run = try await TestRun.run(flow("  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n\(sets)\n"
                                             + "  - {id: keys, type: io.kestra.plugin.core.kv.GetKeys}\n"), state: state)
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.task("keys")?.outputs?["keys"]?.plainText.split(separator: ",").count == 12)
    }
}
