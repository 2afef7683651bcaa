import BerthEngine
import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// Kestra's flow semantics, run without Docker: internal tasks and the in-memory engine.
@Suite struct FlowSemanticsTests {
    func fail(_ id: String, extra: String = "") -> String {
        "  - id: \(id)\n    type: io.kestra.plugin.core.execution.Fail\n" + extra
    }

    func sleep(_ id: String, _ duration: String, extra: String = "") -> String {
        "  - id: \(id)\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: \(duration)\n" + extra
    }

    /// A Dag entry from a task item (`  - id: …`), with its dependencies.
    func dagTask(_ item: String, dependsOn: [String] = []) -> String {
        var out = "      - task:\n"
        for line in item.split(separator: "\n") { out += "          " + line.dropFirst(4) + "\n" }
        if !dependsOn.isEmpty { out += "        dependsOn: [\(dependsOn.joined(separator: ", "))]\n" }
        return out
    }

    /// Indents task lines by `levels` × 4 spaces (for children).
    func nested(_ text: String, _ levels: Int = 1) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : String(repeating: "    ", count: levels) + $0 }
            .joined(separator: "\n")
    }

    @Test func sequentialStopsAtTheFirstFailureAndFlowErrorsAllRun() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + log("a", "a ran") + fail("boom") + log("never", "never") +
                                        "errors:\n" + fail("e1") + log("e2", "second handler ran"))
        #expect(run.result.state == .failed)
        #expect(run.task("never") == nil)
        // Kestra goes on through an errors list even when one of its tasks fails.
        #expect(run.output("e2") == ["second handler ran"])
        #expect(run.task("boom")?.message == "Task failure")
    }

    /// `berth exec plan.json` and `resume` run a plan read back from JSON, where the compiler's
    /// `2.0` seconds come back as the integer `2`: sleeps and timeouts must hold all the same.
    @Test func aPlanReadBackFromJSONKeepsItsSleepsAndTimeouts() async throws {
        let plan = try TestRun.compile(flowHead + "tasks:\n" + sleep("nap", "PT0.2S") + sleep("short", "PT1S")
                                       + sleep("long", "PT30S", extra: "    timeout: PT1S\n"))
        let readBack = try Plan.decode(plan.encoded())
        let run = try await TestRun.run(plan: readBack)
        #expect(run.task("nap")?.state == .success && run.task("short")?.state == .success, "\(run.text)")
        // The timeout held (its message), and the sleep did sleep: a lost duration is no sleep
        // at all. Lower bounds only: a loaded host makes every sleep longer.
        #expect(run.task("long")?.message == "Timeout after 00:00:01.000")
        #expect((run.task("short")?.durationSeconds ?? 0) >= 0.95, "\(run.text)")
    }

    @Test func ifAndRunIfUseKestraTruthiness() async throws {
        // Only "false", "0", "-0" and "" are false, case-sensitively: "False" and "null" are true.
        var yaml = flowHead + "tasks:\n"
        for (i, condition) in ["False", "null", "0", "-0", "{{ null }}", "false", "0.0"].enumerated() {
            yaml += "  - id: if\(i)\n    type: io.kestra.plugin.core.flow.If\n    condition: \"\(condition)\"\n    then:\n" +
                nested(log("then\(i)", "then")) + "    else:\n" + nested(log("else\(i)", "else"))
        }
        yaml += log("runif-true", "ran", extra: "    runIf: \"False\"\n") + log("runif-false", "ran", extra: "    runIf: \"0\"\n")
        let run = try await TestRun.run(yaml)
        #expect(run.result.state == .success, "\(run.text)")
        let taken = (0..<7).map { run.task("then\($0)") != nil }
        #expect(taken == [true, true, false, false, false, false, true])
        #expect(run.task("if0")?.outputs?["evaluationResult"] == .bool(true))
        #expect(run.task("if2")?.outputs?["evaluationResult"] == .bool(false))
        #expect(run.output("runif-true") == ["ran"])
        #expect(run.task("runif-false")?.state == .skipped)
    }

    @Test func switchWithoutAMatchAndWithoutDefaultsFails() async throws {
        let body = "    cases:\n      a:\n" + nested(log("la", "a"), 1)
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: sw\n    type: io.kestra.plugin.core.flow.Switch\n    value: z\n" + body)
        #expect(run.result.state == .failed)
        #expect(run.task("sw")?.message?.contains("no case matches \"z\"") == true)
        #expect(run.task("sw")?.outputs?["defaults"] == .bool(true))
        let matched = try await TestRun.run(flowHead + "tasks:\n  - id: sw\n    type: io.kestra.plugin.core.flow.Switch\n    value: \"{{ 'a' }}\"\n" + body +
                                            "    defaults:\n" + nested(log("ld", "d"), 1))
        #expect(matched.result.state == .success)
        #expect(matched.output("la") == ["a"])
        #expect(matched.task("sw")?.outputs?["value"] == .string("a"))
        #expect(matched.task("sw")?.outputs?["defaults"] == .bool(false))
    }

    @Test func forEachDropsDuplicatesAndNestsOutputsByValue() async throws {
        let inner = "  - id: inner\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [x, y]\n    tasks:\n" +
            nested("  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: \"{{ parent.taskrun.value }}-{{ taskrun.value }}\"\n")
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: outer\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a, a, 1]\n    tasks:\n" +
                                        nested(inner) + log("show", "{{ outputs.r['a']['x'].value }} {{ outputs.r['1']['y'].value }}"))
        #expect(run.result.state == .success, "\(run.text)")
        // [a, a, 1] → a and "1": duplicates dropped, integers as text.
        #expect(run.runs("r").count == 4)
        #expect(run.output("show") == ["a-x 1-y"])
        #expect(run.runs("inner").map(\.value) == ["a", "1"])
        #expect(run.runs("r").map(\.loopValues) == [["a", "x"], ["a", "y"], ["1", "x"], ["1", "y"]])
    }

    @Test func forEachRefusesWhatKestraRefuses() async throws {
        let booleans = try await TestRun.run(flowHead + "tasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [true]\n    tasks:\n" + nested(log("l", "x")))
        #expect(booleans.task("each")?.message == "Unknown value element type: class java.lang.Boolean")
        let nulls = try await TestRun.run(flowHead + "tasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: '[1, null, 1]'\n    tasks:\n" + nested(log("l", "x")))
        #expect(nulls.task("each")?.state == .failed)
        #expect(nulls.task("each")?.message == "Found '1' null values on Each, with values=[1, null, 1]")
        #expect(nulls.task("l") == nil)
    }

    @Test func forEachStartsNoFurtherValueAfterAFailure() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a, b, c]\n    tasks:\n" +
                                        nested(fail("f", extra: "    condition: \"{{ taskrun.value == 'b' }}\"\n") + log("l", "{{ parent.taskrun.value ?? taskrun.value }}")))
        #expect(run.result.state == .failed)
        #expect(run.runs("f").count == 2)
        #expect(run.output("l") == ["a"])
    }

    @Test func parallelStartsNoFurtherChildAfterAFailure() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    concurrent: 1\n    tasks:\n" +
                                        nested(fail("first") + log("second", "never started by Kestra")))
        #expect(run.result.state == .failed)
        #expect(run.task("second") == nil)
    }

    @Test func errorsOfAParallelStartWhileASiblingStillRuns() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" +
                                        nested(fail("quick") + shell("slow", ["sleep 1.5", "echo slow done"])) +
                                        "    errors:\n" + nested(log("handler", "handling")), engine: engine)
        #expect(run.result.state == .failed)
        let handling = try #require(run.lines.all.firstIndex(of: "INFO [handler] handling"))
        let slowDone = try #require(run.lines.all.firstIndex(of: "INFO [slow] slow done"))
        #expect(handling < slowDone, "Kestra enters the errors branch as soon as a child fails")
        #expect(run.task("slow")?.state == .success, "running siblings are not killed")
    }

    @Test func dagStartsATaskAsSoonAsItsOwnDependenciesEnd() async throws {
        let engine = InMemoryEngine()
        let dag = "  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n" + dagTask(shell("a", ["sleep 1.5", "echo a done"])) +
            dagTask(log("b", "b done")) + dagTask(log("c", "c done"), dependsOn: ["b"]) + dagTask(log("d", "d done"), dependsOn: ["a", "c"])
        let run = try await TestRun.run(flowHead + "tasks:\n" + dag, engine: engine)
        #expect(run.result.state == .success, "\(run.text)")
        let all = run.lines.all
        let c = try #require(all.firstIndex(of: "INFO [c] c done")), a = try #require(all.firstIndex(of: "INFO [a] a done"))
        let d = try #require(all.firstIndex(of: "INFO [d] d done"))
        #expect(c < a, "c waits for b only, not for the wave with a")
        #expect(a < d)
    }

    @Test func dagStartsNothingMoreAfterAFailure() async throws {
        let dag = "  - id: dag\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n" + dagTask(fail("a")) + dagTask(log("b", "b"), dependsOn: ["a"])
        let run = try await TestRun.run(flowHead + "tasks:\n" + dag)
        #expect(run.result.state == .failed)
        #expect(run.task("b") == nil)
    }

    @Test func aFlowablesRetryRetriesTheFailedChildOnly() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n" +
                                        "    retry: {type: constant, interval: PT0.05S, maxAttempts: 3}\n    tasks:\n" +
                                        nested(log("once", "logged once in Kestra") + fail("boom")))
        #expect(run.result.state == .failed)
        #expect(run.output("once") == ["logged once in Kestra"])
        #expect(run.task("boom")?.attempts.count == 3)
        #expect(run.task("seq")?.attempts.count == 1, "a flowable is never retried itself")
    }

    @Test func theFlowLevelRetryAppliesToTasksWithoutTheirOwn() async throws {
        let run = try await TestRun.run("id: t\nnamespace: company.team\nretry: {type: constant, interval: PT0.05S, maxAttempts: 3}\ntasks:\n" +
                                        fail("flaky") , engine: InMemoryEngine())
        #expect(run.task("flaky")?.attempts.count == 3)
        let own = try await TestRun.run("id: t\nnamespace: company.team\nretry: {type: constant, interval: PT0.05S, maxAttempts: 3}\ntasks:\n" +
                                        fail("flaky", extra: "    retry: {type: constant, interval: PT0.05S, maxAttempts: 2}\n"))
        #expect(own.task("flaky")?.attempts.count == 2)
    }

    @Test func noRetryStartsPastMaxDuration() async throws {
        // Kestra compares the next attempt's date with the first start + maxDuration: the third
        // attempt would start at about 0.8 s, past 0.5 s.
        let run = try await TestRun.run(flowHead + "tasks:\n" +
                                        fail("f", extra: "    retry: {type: constant, interval: PT0.4S, maxDuration: PT0.5S}\n"))
        #expect(run.task("f")?.attempts.count == 2)
    }

    @Test func warningOnRetryAndTaskrunVariablesAcrossAttempts() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n" +
                                        shell("flaky", ["echo run {{ taskrun.id }} attempt {{ taskrun.attemptsCount }}", "exit {{ taskrun.attemptsCount == 0 ? 1 : 0 }}"],
                                              extra: "    retry: {type: constant, interval: PT0.05S, maxAttempts: 3, warningOnRetry: true}\n"), engine: engine)
        #expect(run.result.state == .warning)
        let id = try #require(run.task("flaky")?.taskrunId)
        #expect(run.output("flaky").filter { $0.hasPrefix("run ") } == ["run \(id) attempt 0", "run \(id) attempt 1"])
        #expect(run.task("flaky")?.attempts.map(\.state) == [.failed, .success])
        #expect(run.task("flaky")?.attempts.map(\.exitCode) == [1, 0])
        // The container labels as Kestra writes them: the run's id, attempts before this one.
        #expect(engine.containers.map { $0.request.labels?["kestra.io/taskrun-attempt"] } == ["0", "1"])
        #expect(Set(engine.containers.map { $0.request.labels?["kestra.io/taskrun-id"] }) == [id])
    }

    @Test func taskrunIdIsUniquePerTaskRunAndParentIdNamesTheEnclosingRun() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a, b]\n    tasks:\n" +
                                        nested(log("w", "{{ taskrun.id }}")) + nested(log("p", "{{ taskrun.parentId }} {{ execution.originalId }}")))
        let ids = run.output("w")
        #expect(ids.count == 2 && Set(ids).count == 2 && ids.allSatisfy { $0.count == 22 && $0 != "w" })
        #expect(Set(ids) == Set(run.runs("w").map(\.taskrunId)))
        let each = try #require(run.task("each")?.taskrunId)
        #expect(run.output("p") == ["\(each) \(run.result.executionId)", "\(each) \(run.result.executionId)"])
    }

    @Test func timeoutsStopRunnableTasksAndAreIgnoredOnFlowables() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + sleep("slow", "PT30S", extra: "    timeout: PT0.3S\n"))
        #expect(run.task("slow")?.state == .failed)
        #expect(run.task("slow")?.message == "Timeout after 00:00:00.300")
        let flowable = try await TestRun.run(flowHead + "tasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    timeout: PT0.05S\n    tasks:\n" +
                                             nested(sleep("inner", "PT0.3S")))
        #expect(flowable.result.state == .success, "Kestra applies timeout to runnable tasks only")
    }

    @Test func aDurationOfAnySizeNeverTraps() async throws {
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: d, type: DURATION}\ntasks:\n" +
            sleep("s", "\"{{ inputs.d }}\"", extra: "    timeout: PT0.2S\n") + log("after", "after", extra: "    timeout: PT99999999999999S\n")
        let run = try await TestRun.run(yaml, inputs: ["d": "PT99999999999999S"])
        #expect(run.task("s")?.message == "Timeout after 00:00:00.200")
        let ok = try await TestRun.run("id: t\nnamespace: company.team\ntasks:\n" + log("after", "after", extra: "    timeout: PT99999999999999S\n"))
        #expect(ok.result.state == .success)
    }

    @Test func allowFailureAndAllowWarning() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + fail("soft", extra: "    allowFailure: true\n") + log("after", "went on"))
        #expect(run.task("soft")?.state == .warning)
        #expect(run.result.state == .warning)
        #expect(run.output("after") == ["went on"])
        let both = try await TestRun.run(flowHead + "tasks:\n" + fail("soft", extra: "    allowFailure: true\n    allowWarning: true\n"))
        #expect(both.result.state == .success)
        let wrapper = try await TestRun.run(flowHead + "tasks:\n  - id: af\n    type: io.kestra.plugin.core.flow.AllowFailure\n    tasks:\n" + nested(fail("inner")))
        #expect(wrapper.task("af")?.state == .warning)
    }

    @Test func errorsThenFinallyAndAFailingFinallyFailsTheExecution() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + log("ok", "ok") + "errors:\n" + log("never", "no error") + "finally:\n" + fail("cleanup"))
        #expect(run.result.state == .failed)
        #expect(run.task("never") == nil)
        let order = try await TestRun.run(flowHead + "tasks:\n" + fail("boom") + "errors:\n" + log("handler", "errors") + "finally:\n" + log("last", "finally"))
        let all = order.lines.all
        #expect((all.firstIndex(of: "INFO [handler] errors") ?? 99) < (all.firstIndex(of: "INFO [last] finally") ?? 0))
    }

    @Test func flowOutputsAndOutputValues() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: v\n    type: io.kestra.plugin.core.output.OutputValues\n    values: {n: \"{{ 2 + 3 }}\"}\n" +
                                        "outputs:\n  - {id: total, type: STRING, value: \"{{ outputs.v.values.n }}\"}\n")
        #expect(run.result.outputs["total"] == .string("5"))
    }

    @Test func theJSONSummaryCarriesOutputsAndAttempts() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" +
                                        shell("boom", ["echo '::{\"outputs\":{\"k\":\"v\"},\"metrics\":[{\"name\":\"rows\",\"type\":\"counter\",\"value\":3}]}::'", "exit 4"],
                                              extra: "    retry: {type: constant, interval: PT0.01S, maxAttempts: 2}\n"), engine: InMemoryEngine())
        let data = try JSONEncoder().encode(run.result)
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let task = try #require((summary["tasks"] as? [[String: Any]])?.first)
        #expect((task["outputs"] as? [String: Any])?["exitCode"] as? Int == 4)
        #expect(((task["outputs"] as? [String: Any])?["vars"] as? [String: Any])?["k"] as? String == "v")
        let attempts = try #require(task["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["state"] as? String } == ["FAILED", "FAILED"])
        #expect(attempts.map { $0["exitCode"] as? Int } == [4, 4])
        #expect((task["metrics"] as? [[String: Any]])?.first?["name"] as? String == "rows")
        #expect(summary["version"] as? Int == 1)
    }
}
