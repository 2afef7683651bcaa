import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// The Process runner: the same scripts and output protocol, run as local processes.
@Suite(.serialized)
struct ProcessRunnerTests {
    func local(_ id: String, _ commands: [String], extra: String = "") -> String {
        var out = "  - id: \(id)\n    type: io.kestra.plugin.scripts.shell.Commands\n" + extra
        out += "    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n"
        out += "    commands:\n" + commands.map { "      - \"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"\n" }.joined()
        return out
    }

    @Test func bothStreamsInFullWhileTheChildWritesToBoth() async throws {
        // 100,000 lines on each pipe at once: a reader that drained one pipe at a time, or lost
        // the last chunks after exit, would hang or come up short.
        let run = try await TestRun.run(flowHead + "tasks:\n" + local("chatty", [
            "seq 1 100000 >&2 & seq 1 100000; wait",
            "echo '::{\"outputs\":{\"k\":\"v\"}}::'",
            "printf tail-without-newline",
        ]) + "  - id: after\n    type: io.kestra.plugin.core.log.Log\n    message: \"k is {{ outputs.chatty.vars.k }}\"\n")
        #expect(run.result.state == .success, "stderr lines do not make a warning (Kestra >= 0.23)")
        let out = run.lines.all.filter { $0.hasPrefix("INFO [chatty] ") }
        let err = run.lines.all.filter { $0.hasPrefix("ERROR [chatty] ") }
        #expect(out.count == 100_001)
        #expect(err.count == 100_000)
        #expect(out.last == "INFO [chatty] tail-without-newline")
        #expect(err.last == "ERROR [chatty] 100000")
        #expect(run.lines.all.contains("INFO [after] k is v"))
    }

    @Test func exitCodeAndTimeout() async throws {
        let failed = try await TestRun.run(flowHead + "tasks:\n" + local("boom", ["exit 3"]))
        #expect(failed.task("boom")?.state == .failed)
        #expect(failed.task("boom")?.message == "Command failed with exit code 3")
        let start = Date()
        let slow = try await TestRun.run(flowHead + "tasks:\n" + local("slow", ["sleep 30"], extra: "    timeout: PT1S\n"))
        #expect(slow.task("slow")?.state == .failed)
        #expect(slow.task("slow")?.message == "Timeout after 00:00:01.000")
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test func whatTheScriptLeavesRunningEndsWithTheTask() async throws {
        // The background sleep holds the output pipes; the task ends with its shell, as a
        // container's processes end with the container.
        let start = Date()
        let run = try await TestRun.run(flowHead + "tasks:\n" + local("bg", ["sleep 37 &", "echo started"]))
        #expect(run.task("bg")?.state == .success)
        #expect(run.lines.all.contains("INFO [bg] started"))
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(shellOut("pgrep -x -f 'sleep 37' || true").isEmpty, "the background process outlived its task")
    }

    @Test func pythonScriptsFindTheWorkersPythonAndInstallTheirDependencies() async throws {
        // Kestra probes python3 before python; a worker with only python3 runs the script.
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n" +
            "    taskRunner: {type: io.kestra.plugin.core.runner.Process}\n    script: |\n      import sys\n      print('python', sys.version_info[0], true, null)\n")
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("py") == ["python 3 True None"])
    }

    @Test(.disabled(if: ProcessInfo.processInfo.environment["CI"] == nil && ProcessInfo.processInfo.environment["BERTH_TEST_PYPI"] == nil,
                    "installs from PyPI: runs in CI or with BERTH_TEST_PYPI=1"))
    func pythonDependenciesAreInstalledOnThePythonPath() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n" +
            "    taskRunner: {type: io.kestra.plugin.core.runner.Process}\n    packageManager: PIP\n    dependencies: [\"six==1.16.0\"]\n" +
            "    script: |\n      import os, six\n      print(six.__version__, os.environ['PYTHONPATH'].endswith('.kestra_additional_python_lib'))\n")
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("py").last == "1.16.0 True")
    }
}
