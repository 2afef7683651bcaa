import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// Subflow: a child execution of its own, Kestra's wait/transmitFailed/labels/outputs rules,
/// cycles refused before anything runs, and a resume that never starts a child twice.
@Suite struct SubflowTests {
    static let child = """
        id: child
        namespace: company.lib
        labels: {owner: lib}
        inputs:
          - {id: n, type: INT}
          - {id: fail, type: BOOLEAN, defaults: false}
        tasks:
          - {id: double, type: io.kestra.plugin.core.debug.Return, format: "{{ inputs.n * 2 }}"}
          - {id: show, type: io.kestra.plugin.core.log.Log, message: "child sees {{ labels.team ?? 'none' }} {{ labels.owner }}"}
          - {id: maybe, type: io.kestra.plugin.core.execution.Fail, condition: "{{ inputs.fail }}"}
        outputs:
          - {id: doubled, type: INT, value: "{{ outputs.double.value }}"}
        """

    func parent(_ tasks: String) -> String { "id: parent\nnamespace: company.team\nlabels: {team: data}\ntasks:\n" + tasks }

    @Test func childRunsAsItsOwnExecutionWithInputsOutputsAndLabels() async throws {
        let run = try await TestRun.run(plan: try TestRun.compile(parent("""
              - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 21}, inheritLabels: true, labels: {extra: x}}
              - {id: use, type: io.kestra.plugin.core.log.Log, message: "{{ outputs.sub.outputs.doubled + 1 }} {{ outputs.sub.state }}"}

            """)), flows: [try TestRun.compile(Self.child)])
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.lines.all.contains("INFO [use] 43 SUCCESS"))
        #expect(run.lines.all.contains("INFO [show] child sees data lib"), "inheritLabels passes the parent's labels")
        let childId = try #require(run.task("sub")?.outputs?["executionId"]?.stringValue)
        #expect(childId != run.result.executionId)
        let (childPlan, records) = try Journal.execution(childId, stateDirectory: run.state)
        #expect(childPlan.labels["extra"] == "x")
        #expect(records.last?.kind == .executionFinished)
    }

    @Test func transmitFailedDecidesWhetherTheChildsFailureIsTheTasks() async throws {
        let flows = [try TestRun.compile(Self.child)]
        let failing = try await TestRun.run(plan: try TestRun.compile(parent(
            "  - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 1, fail: true}}\n")), flows: flows)
        #expect(failing.result.state == .failed)
        #expect(failing.task("sub")?.message?.hasSuffix("of company.lib.child ended FAILED") == true, "\(failing.task("sub")?.message ?? "")")
        let tolerated = try await TestRun.run(plan: try TestRun.compile(parent(
            "  - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 1, fail: true}, transmitFailed: false}\n")), flows: flows)
        #expect(tolerated.result.state == .success)
        #expect(tolerated.task("sub")?.outputs?["state"] == .string("FAILED"))
        let system = try await TestRun.run(plan: try TestRun.compile(parent(
            "  - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 1}, labels: [{key: system.x, value: y}]}\n")), flows: flows)
        #expect(system.task("sub")?.message == "System labels can only be set by Kestra itself, offending label: system.x", "the list form too")
    }

    @Test func noWaitSucceedsAtOnceAndTheParentWaitsForTheChild() async throws {
        let run = try await TestRun.run(plan: try TestRun.compile(parent(
            "  - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 2}, wait: false}\n")),
            flows: [try TestRun.compile(Self.child)])
        #expect(run.task("sub")?.outputs?["state"] == .string("CREATED"))
        let childId = try #require(run.task("sub")?.outputs?["executionId"]?.stringValue)
        #expect(try Journal.execution(childId, stateDirectory: run.state).1.last?.kind == .executionFinished, "the child ended before the parent")
    }

    @Test func missingFlowsAndCyclesAreRefusedBeforeAnythingRuns() async throws {
        let loopA = try TestRun.compile("id: a\nnamespace: n\ntasks:\n  - {id: s, type: io.kestra.plugin.core.flow.Subflow, namespace: n, flowId: b}\n")
        let loopB = try TestRun.compile("id: b\nnamespace: n\ntasks:\n  - {id: s, type: io.kestra.plugin.core.flow.Subflow, namespace: n, flowId: a}\n")
        await #expect { try await TestRun.run(plan: loopA, flows: [loopA, loopB], preflight: true) } throws: { error in
            "\(error)".contains("n.a → n.b → n.a")
        }
        await #expect { try await TestRun.run(plan: loopA, flows: [loopA], preflight: true) } throws: { error in
            "\(error)".contains("no flow n.b in")
        }
        let without = try await TestRun.run(plan: loopA)
        #expect(without.task("s")?.message?.contains("--flows DIR") == true)
    }

    @Test func aResumeTakesTheRecordedChildInsteadOfStartingAnother() async throws {
        let plan = try TestRun.compile(parent("  - {id: sub, type: io.kestra.plugin.core.flow.Subflow, namespace: company.lib, flowId: child, inputs: {n: 5}}\n"))
        let flows = [try TestRun.compile(Self.child)]
        let first = try await TestRun.run(plan: plan, flows: flows)
        // As if berth died after the child ended but before the parent recorded the task's end.
        let journal = first.state.appendingPathComponent("executions/\(first.result.executionId)/journal.jsonl")
        let kept = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
            .filter { !$0.contains("\"taskFinished\"") && !$0.contains("\"executionFinished\"") }
        try (kept.joined(separator: "\n") + "\n").write(to: journal, atomically: true, encoding: .utf8)
        let executions = { try FileManager.default.contentsOfDirectory(atPath: first.state.appendingPathComponent("executions").path).count }
        let before = try executions()
        let resumed = try await TestRun.run(plan: plan, state: first.state, resuming: first.result.executionId, flows: flows)
        #expect(resumed.result.state == .success, "\(resumed.lines.all)")
        #expect(resumed.task("sub")?.outputs?["outputs"]?["doubled"] == .int(10))
        #expect(try executions() == before, "no second child execution")
    }
}

/// ForEachItem: batches of an items file, one subflow execution each, Kestra's three steps.
@Suite struct ForEachItemTests {
    static let child = """
        id: batch
        namespace: company.lib
        inputs:
          - {id: items, type: STRING}
          - {id: n, type: INT}
        tasks:
          - {id: count, type: io.kestra.plugin.core.debug.Return, format: "{{ read(inputs.items) | trim | split('\\n') | length }}"}
          - {id: check, type: io.kestra.plugin.core.execution.Fail, condition: "{{ read(inputs.items) contains 'bad' }}"}
        outputs:
          - {id: rows, type: INT, value: "{{ outputs.count.value }}"}
          - {id: n, type: INT, value: "{{ inputs.n }}"}
        """

    func parent(_ extra: String = "") -> String {
        """
        id: parent
        namespace: company.team
        inputs:
          - {id: file, type: FILE}
        tasks:
          - id: each
            type: io.kestra.plugin.core.flow.ForEachItem
            items: "{{ inputs.file }}"
            batch: {rows: 2}
            namespace: company.lib
            flowId: batch
            inputs: {items: "{{ taskrun.items }}", n: "{{ taskrun.iteration }}"}
        \(extra)
        """
    }

    func itemsFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("berth-items-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return "@" + url.path
    }

    @Test func batchesRunAsSubflowsAndTheirOutputsAreMerged() async throws {
        let run = try await TestRun.run(plan: try TestRun.compile(parent(
            "  - {id: show, type: io.kestra.plugin.core.log.Log, message: \"{{ outputs.each_items.numberOfBatches }} {{ outputs.each_items.iterations.SUCCESS }} {{ read(outputs.each_merge.subflowOutputs) }}\"}")),
            inputs: ["file": try itemsFile("a\nb\nc\nd\ne\n")], flows: [try TestRun.compile(Self.child)])
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.output("show") == ["3 3 {\"n\":0,\"rows\":2}\n{\"n\":1,\"rows\":2}\n{\"n\":2,\"rows\":1}\n"], "\(run.lines.all)")
    }

    @Test func aFailedBatchFailsTheTaskAndSkipsTheMerge() async throws {
        let run = try await TestRun.run(plan: try TestRun.compile(parent()), inputs: ["file": try itemsFile("a\nbad\nc\n")],
                                        flows: [try TestRun.compile(Self.child)])
        #expect(run.result.state == .failed)
        #expect(run.task("each")?.message == "1 of 2 subflow executions of company.lib.batch failed")
        let notAURI = try await TestRun.run(plan: try TestRun.compile(parent().replacingOccurrences(of: "\"{{ inputs.file }}\"", with: "/tmp/x")),
                                            inputs: ["file": try itemsFile("a\n")], flows: [try TestRun.compile(Self.child)])
        #expect(notAURI.task("each")?.message == "Unable to split the items from /tmp/x, this is not an internal storage URI!")
    }
}
