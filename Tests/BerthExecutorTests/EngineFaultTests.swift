import BerthEngine
import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// What the executor does when the engine misbehaves, on the in-memory engine.
@Suite struct EngineFaultTests {
    @Test func aDeniedPullFailsTheTaskAndIsNotRetried() async throws {
        let image = "127.0.0.1:5000/private/app:1"
        let engine = InMemoryEngine(registry: [image: RegistryAuth(username: "u", password: "right", serverAddress: "127.0.0.1:5000")])
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo hi"], image: image, runner: "      credentials:\n        username: u\n        password: wrong\n"),
                                        engine: engine)
        #expect(run.task("t")?.state == .failed)
        #expect(run.task("t")?.message == "pulling \(image) failed: unauthorized: authentication required (check the registry credentials)")
        #expect(engine.calls.filter { $0.operation == .pull }.count == 1)
        #expect(engine.containers.isEmpty)
    }

    @Test func aPullThatFailsOnTheServerIsTriedAgainWithBackoff() async throws {
        let image = "127.0.0.1:5000/app:1"
        let engine = InMemoryEngine(registry: [image: nil])
        engine.inject(.pull(image: image, message: "received unexpected HTTP status: 503 Service Unavailable", failure: .transient), on: .pull, times: 2)
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo pulled"], image: image), engine: engine)
        #expect(run.result.state == .success, "\(run.text)")
        #expect(engine.calls.filter { $0.operation == .pull }.count == 3)
        #expect(run.output("t").filter { $0.contains("trying again") }.count == 2)
    }

    @Test func aFailedCreateFailsTheTaskWithTheEnginesMessage() async throws {
        let engine = InMemoryEngine()
        // Twice: a transient failure is tried once more (InfrastructureFailureTests).
        engine.inject(.api(status: 500, message: "no space left on device", operation: "create container"), on: .create, times: 2)
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo hi"]), engine: engine)
        #expect(run.task("t")?.state == .failed)
        #expect(run.task("t")?.message == "create container: the Docker engine answered 500: no space left on device")
    }

    @Test func anOutOfMemoryKillIsSaidSo() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo before", "berth-oom"], runner: "      memory:\n        memory: 64MB\n"), engine: engine)
        #expect(run.task("t")?.state == .failed)
        #expect(run.task("t")?.exitCode == 137)
        #expect(run.task("t")?.message == "Command failed with exit code 137, killed: out of memory (limit 64MB)")
        #expect(engine.wasRemoved(try #require(engine.containers.first?.id)))
    }

    @Test func aNonZeroExitKeepsOutputsAndTheWorkingDirectory() async throws {
        let engine = InMemoryEngine()
        let run = try await TestRun.run(flowHead + "tasks:\n" +
                                        shell("t", ["echo partial > result.txt", "echo '::{\"outputs\":{\"step\":2}}::'", "exit 3"], extra: "    outputFiles: [result.txt]\n") +
                                        "errors:\n" + log("report", "step {{ outputs.t.vars.step }}, exit {{ outputs.t.exitCode }}, file {{ outputs.t.outputFiles['result.txt'] is defined }}"),
                                        engine: engine)
        #expect(run.result.state == .failed)
        #expect(run.output("report") == ["step 2, exit 3, file true"])
    }

    @Test func theEngineVanishingMidTaskInterruptsAndResumeFinishesEachTaskOnce() async throws {
        let engine = InMemoryEngine()
        let yaml = flowHead + "tasks:\n" + shell("first", ["echo first ran"]) + shell("long", ["echo starting", "sleep 1", "echo '::{\"outputs\":{\"n\":42}}::'"]) +
            log("after", "n={{ outputs.long.vars.n }}")
        let plan = try TestRun.compile(yaml)
        let state = TestRun.newState()
        defer { try? FileManager.default.removeItem(at: state) }
        let watcher = Task {
            while !engine.containers.contains(where: { $0.request.labels?["kestra.io/task-id"] == "long" && $0.request.labels?["berth.attempt"] == "1" }) {
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
            try? await Task.sleep(nanoseconds: 200_000_000)
            engine.vanish(reason: "connection reset by peer")
        }
        let first = try await TestRun.run(plan: plan, engine: engine, state: state)
        await watcher.value
        #expect(first.result.state == .interrupted)
        #expect(first.result.error?.contains("berth resume \(first.result.executionId)") == true)
        #expect(first.result.error?.contains("cannot reach the Docker engine at memory://test") == true)
        let long = try #require(engine.containers.first { $0.request.labels?["kestra.io/task-id"] == "long" })
        #expect(!engine.calls.contains { $0.operation == .stop && $0.subject == long.id }, "a lost engine leaves containers as they are")
        engine.comeBack()
        let resumed = try await TestRun.run(plan: plan, engine: engine, state: state, resuming: first.result.executionId)
        #expect(resumed.result.state == .success, "\(resumed.text)")
        #expect(resumed.output("long").contains { $0.hasPrefix("reattaching to container") })
        #expect(resumed.output("after") == ["n=42"])
        #expect(resumed.output("first") == ["already SUCCESS before the resume; not run again"])
        #expect(engine.containers.filter { $0.request.labels?["kestra.io/task-id"] == "long" }.count == 1, "no second container for an attempt")
        #expect(engine.containers.filter { $0.request.labels?["kestra.io/task-id"] == "first" }.count == 1)
    }

    @Test func aCreateBodyWithAFieldTheEngineModelLacksIsRefused() async throws {
        var plan = try TestRun.compile(flowHead + "tasks:\n" + shell("t", ["echo hi"]))
        guard case .object(var create)? = plan.tasks[0].container?.create.value else { Issue.record("no create body"); return }
        create["StopSignal"] = .string("SIGUSR1")
        plan.tasks[0].container?.create = CanonicalJSON(.object(create))
        let run = try await TestRun.run(plan: plan, engine: InMemoryEngine())
        #expect(run.task("t")?.message == "task \"t\": the plan's create body has StopSignal, which this berth does not send to the engine")
    }

    @Test func aTemplateRenderingAValueOutOfRangeFailsTheTaskWithItsLine() async throws {
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: cpus, type: STRING}\ntasks:\n" +
            shell("t", ["echo hi"], runner: "      cpu:\n        cpus: \"{{ inputs.cpus }}\"\n")
        let run = try await TestRun.run(yaml, inputs: ["cpus": "1e30"], engine: InMemoryEngine())
        #expect(run.task("t")?.message == "`{{ inputs.cpus }}` rendered \"1e30\", which is not a number of CPUs")
        #expect(run.lines.all.contains { $0.hasPrefix("ERROR [t] FAILED: `{{ inputs.cpus }}`") && $0.hasSuffix("(test.yaml:6)") })
    }

    @Test func resumeFalseStartsANewContainerInsteadOfReattaching() async throws {
        let engine = InMemoryEngine()
        let plan = try TestRun.compile(flowHead + "tasks:\n" + shell("long", ["echo starting", "sleep 1", "echo finished"], runner: "      resume: false\n"))
        let state = TestRun.newState()
        defer { try? FileManager.default.removeItem(at: state) }
        let watcher = Task {
            while engine.containers.isEmpty { try? await Task.sleep(nanoseconds: 10_000_000) }
            try? await Task.sleep(nanoseconds: 200_000_000)
            engine.vanish()
        }
        let first = try await TestRun.run(plan: plan, engine: engine, state: state)
        await watcher.value
        #expect(first.result.state == .interrupted)
        engine.comeBack()
        let resumed = try await TestRun.run(plan: plan, engine: engine, state: state, resuming: first.result.executionId)
        #expect(resumed.result.state == .success, "\(resumed.text)")
        #expect(engine.containers.count == 2)
        #expect(engine.wasRemoved(engine.containers[0].id))
        #expect(resumed.output("long").contains { $0.hasPrefix("resume is false") })
    }
}
