import BerthCLI
import BerthTestSupport
import Foundation
import Testing

/// `berth run --report` and `berth report` on the real engine: a failing flow with retries, a
/// Parallel and a ForEach; the report opened in headless Chromium.
@Suite(.serialized) struct ReportTests {
    static let flow = """
        id: report-demo
        namespace: company.team
        inputs:
          - {id: token, type: SECRET}
        tasks:
          - id: checks
            type: io.kestra.plugin.core.flow.Parallel
            tasks:
              - id: lint
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                env: {TOKEN: "{{ inputs.token }}"}
                commands: ["echo linting with $TOKEN"]
              - id: unit
                type: io.kestra.plugin.scripts.shell.Commands
                containerImage: busybox:1.36
                outputFiles: ["result.txt"]
                commands: ["echo 42 > result.txt", "echo '::{\\"outputs\\":{\\"passed\\":12}}::'"]
          - id: regions
            type: io.kestra.plugin.core.flow.ForEach
            values: ["eu", "us"]
            tasks:
              - id: ping
                type: io.kestra.plugin.core.log.Log
                message: "ping {{ taskrun.value }}"
          - id: flaky
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: busybox:1.36
            retry: {type: constant, interval: PT0.1S, maxAttempts: 3}
            commands: ["echo attempt {{ taskrun.attemptsCount }} failing", "exit 3"]

        """

    static let secret = "hunter2-report-secret"

    /// Runs the demo flow with `--report`; returns the directory, the execution id and the report.
    static func runDemo() async throws -> (TempDir, String, String)? {
        if Engine.skipReason != nil { return nil }
        let dir = try TempDir(["flow.yaml": flow])
        let run = await CLIRun.run(["run", "flow.yaml", "--input", "token=\(secret)", "--report", "report.html"], cwd: dir.path)
        #expect(run.exitCode == 1, "\(run.stdout)\(run.stderr)")
        let id = try #require(run.stdout.firstMatch(of: /execution (\w+) company\.team\.report-demo ended FAILED/)?.1)
        #expect(run.stdout.contains("report: report.html"))
        return (dir, String(id), try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8))
    }

    @Test func theReportHoldsEveryTaskAttemptMarkAndNoSecret() async throws {
        guard let (dir, id, html) = try await Self.runDemo() else { return }
        for task in ["checks", "lint", "unit", "regions", "ping", "flaky"] {
            #expect(html.contains("class=\"row\" data-run=\"") && html.contains("data-task=\"\(task)\""), "no \(task)")
        }
        // lint, unit, ping ×2 and flaky ×3: one bar per attempt.
        #expect(html.components(separatedBy: "data-attempt=\"").count - 1 == 7)
        #expect(html.contains("data-attempt=\"3\""))
        for mark in ["create", "start", "exit"] {
            #expect(html.components(separatedBy: "data-mark=\"\(mark)\"").count - 1 == 5, "\(mark) marks")
        }
        #expect(!html.contains(Self.secret))
        #expect(html.contains("linting with ******"))
        #expect(html.contains("•••••• (secret, never written down)"))
        #expect(html.contains("attempt 0 failing") && html.contains("attempt 2 failing"))
        #expect(html.contains("<span class=\"state s-FAILED\">FAILED</span>"))
        #expect(html.contains("kestra:///company/team/report-demo/executions/\(id)/tasks/unit/"), "output file URI")
        #expect(html.contains("(3 bytes)"), "the output file's local copy is found")
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"), "nothing is loaded from anywhere")
        // The same report again from the journal, through berth report.
        let again = await CLIRun.run(["report", id], cwd: dir.path)
        #expect(again.exitCode == 0)
        #expect(again.stdout.components(separatedBy: "data-attempt=\"").count - 1 == 7)
    }

    @Test func chromiumLoadsTheReportRunsItsScriptAndSearches() async throws {
        guard let chromium = GoldenFiles.require("chromium"), let (dir, _, _) = try await Self.runDemo() else { return }
        let url = "file://\(dir.path)/report.html"
        let dom = try await Self.chromium(chromium, ["--dump-dom", url])
        #expect(dom.contains("data-ready=\"1\""), "the report's script ran")
        #expect(dom.components(separatedBy: "data-attempt=\"").count - 1 == 7)
        for task in ["lint", "unit", "ping", "flaky"] { #expect(dom.contains("t-node n-task") && dom.contains("data-task=\"\(task)\"")) }
        #expect(dom.contains("class=\"t-node n-task s-FAILED\" data-task=\"flaky\""))
        let searched = try await Self.chromium(chromium, ["--dump-dom", url + "?q=attempt%202"])
        #expect(searched.contains("class=\"line l-INFO hit\""), "the search marks matching lines")
        // The container's line and berth's retry warning match; every other line hides.
        #expect(searched.contains("2 of "), "and counts them")
        #expect(searched.contains("class=\"line l-INFO miss\""))
        let shot = dir.path + "/report.png"
        _ = try await Self.chromium(chromium, ["--screenshot=\(shot)", "--window-size=1280,1600", url])
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.count > 20_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a screenshot of \(png.count) bytes")
    }

    @Test func aRunningExecutionHasAReportToo() async throws {
        let dir = try TempDir(["nap.yaml": """
            id: nap
            namespace: company.team
            tasks:
              - {id: before, type: io.kestra.plugin.core.log.Log, message: "going to sleep"}
              - {id: sleep, type: io.kestra.plugin.core.flow.Sleep, duration: PT20S}

            """])
        let process = try Self.berthInBackground(["run", "nap.yaml"], in: dir)
        defer { process.terminate() }
        var report = ""
        for _ in 0..<100 {
            try await Task.sleep(nanoseconds: 100_000_000)
            let ids = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/.berth/executions")) ?? []
            guard let id = ids.first else { continue }
            let run = await CLIRun.run(["report", id], cwd: dir.path)
            if run.stdout.contains("data-task=\"sleep\"") { report = run.stdout; break }
        }
        #expect(report.contains("data-state=\"RUNNING\""))
        #expect(report.contains("so far"))
        #expect(report.contains("class=\"bar s-RUNNING\" data-attempt=\"1\""), "the open attempt is drawn up to now")
    }

    @Test func aResumedExecutionIsReportedFromItsWholeJournal() async throws {
        let dir = try TempDir(["nap.yaml": """
            id: nap
            namespace: company.team
            tasks:
              - {id: before, type: io.kestra.plugin.core.log.Log, message: "going to sleep"}
              - {id: sleep, type: io.kestra.plugin.core.flow.Sleep, duration: PT2S}
              - {id: after, type: io.kestra.plugin.core.log.Log, message: "woke up"}

            """])
        let process = try Self.berthInBackground(["run", "nap.yaml"], in: dir)
        var id: String?
        for _ in 0..<100 where id == nil {
            try await Task.sleep(nanoseconds: 50_000_000)
            let ids = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/.berth/executions")) ?? []
            guard let first = ids.first, let journal = try? String(contentsOfFile: dir.path + "/.berth/executions/\(first)/journal.jsonl", encoding: .utf8),
                  journal.contains("\"key\":\"sleep\",\"kind\":\"taskStarted\"") else { continue }
            id = first
        }
        kill(process.processIdentifier, SIGKILL)
        try await offPool { process.waitUntilExit() }
        let execution = try #require(id)
        let killed = await CLIRun.run(["report", execution], cwd: dir.path)
        #expect(killed.stdout.contains("data-state=\"INTERRUPTED\""), "berth died: nothing runs it any more")
        let resumed = await CLIRun.run(["resume", execution, "--report", "report.html"], cwd: dir.path)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let html = try String(contentsOfFile: dir.path + "/report.html", encoding: .utf8)
        #expect(html.contains("data-state=\"SUCCESS\""))
        for task in ["before", "sleep", "after"] { #expect(html.contains("data-run=\"\(task)\" data-task=\"\(task)\"")) }
        #expect(html.components(separatedBy: "data-attempt=\"").count - 1 == 3, "the interrupted attempt was resumed, not counted twice")
        #expect(html.contains("going to sleep") && html.contains("woke up"), "log lines of both processes")
    }

    @Test func anUnknownExecutionIsAUsageError() async throws {
        let dir = try TempDir()
        let run = await CLIRun.run(["report", "nothere"], cwd: dir.path)
        #expect(run.exitCode == 2)
        #expect(run.stderr.hasPrefix("berth: error: no execution nothere under "))
    }

    /// The berth executable running `arguments` in `dir`, its output discarded.
    static func berthInBackground(_ arguments: [String], in dir: TempDir) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GoldenFiles.berth)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Headless Chromium (as root it needs --no-sandbox); stdout only.
    static func chromium(_ path: String, _ arguments: [String]) async throws -> String {
        try await offPool { try chromiumNow(path, arguments) }
    }

    /// Chromium gets 120 s; its helpers (zygote, crash handler) end with it, and they cannot
    /// hold the test's output open since that is a file.
    static func chromiumNow(_ path: String, _ arguments: [String]) throws -> String {
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--virtual-time-budget=3000"]
        let outcome = try Child.run(path, flags + arguments, errors: .discarded, timeout: 120)
        if outcome.timedOut { Issue.record("chromium ran past 120 s and was killed") }
        return outcome.output
    }
}

/// The real engine `.ci/services.sh` starts: in CI it must answer; elsewhere tests skip.
enum Engine {
    static var skipReason: String? {
        if ProcessInfo.processInfo.environment["CI"] != nil { return nil }
        let socket = ProcessInfo.processInfo.environment["BERTH_TEST_DOCKER_SOCKET"] ?? "/var/run/docker.sock"
        if FileManager.default.fileExists(atPath: socket) { return nil }
        print("skipped: no Docker engine socket at \(socket); run .ci/services.sh")
        return "no engine"
    }
}
