import BerthCompiler
import BerthDiagnostics
import BerthEngine
import BerthExecutor
import BerthLanguageServer
import BerthPlan
import BerthYAML
import Foundation

/// `swift run -c release berth-bench`: each scenario prints the median of several runs and the
/// ratio to a baseline measured in the same run, because absolute times on shared machines mean
/// nothing. Scenarios that need something missing (an engine, check-jsonschema) say so and skip.
let runs = Int(ProcessInfo.processInfo.environment["BERTH_BENCH_RUNS"] ?? "") ?? 7
let clock = ContinuousClock()

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func median(_ count: Int, _ body: () -> Void) -> Double {
    var samples = (0..<count).map { _ in seconds(clock.measure(body)) }
    samples.sort()
    return samples[samples.count / 2]
}

func asyncMedian(_ count: Int, _ body: () async throws -> Void) async rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<count {
        let start = clock.now
        try await body()
        samples.append(seconds(clock.now - start))
    }
    samples.sort()
    return samples[samples.count / 2]
}

/// Runs `body` and `baseline` alternately `count` times: medians of each and the median of the
/// per-pair ratios. Alternating keeps a shared machine's load swings out of the ratio, which
/// two blocks measured one after the other do not.
func paired(_ count: Int, _ body: () -> Void, against baseline: () -> Void) -> (value: Double, base: Double, ratio: Double) {
    var values: [Double] = [], bases: [Double] = [], ratios: [Double] = []
    for _ in 0..<count {
        let value = seconds(clock.measure(body))
        let base = seconds(clock.measure(baseline))
        values.append(value); bases.append(base); ratios.append(value / base)
    }
    func middle(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    return (middle(values), middle(bases), middle(ratios))
}

func ms(_ s: Double) -> String { String(format: "%9.1f ms", s * 1000) }

/// Prints one line now (stdout into a pipe would otherwise hold it back).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func report(_ name: String, _ value: Double, _ baselineName: String, _ base: Double, ratio: Double? = nil, target: String) {
    say("\(name.padding(toLength: 44, withPad: " ", startingAt: 0))\(ms(value))  vs \(baselineName): \(ms(base))  ratio \(String(format: "%.2f", ratio ?? value / base))x  target \(target)")
}

func report(_ name: String, _ result: (value: Double, base: Double, ratio: Double), _ baselineName: String, target: String) {
    report(name, result.value, baselineName, result.base, ratio: result.ratio, target: target)
}

func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss  // KiB on Linux
}

func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try? p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// BERTH_BENCH_SCENARIOS=1,4,5 runs only those (1 covers 1, 2 and 6).
let selected = Set((ProcessInfo.processInfo.environment["BERTH_BENCH_SCENARIOS"] ?? "1,3,4,5").split(separator: ",").map(String.init))
let big = Array(FlowGenerator.flow(tasks: 10_000).utf8)
let file = SourceFile(path: "big.yaml", bytes: big)
// Valid: no error (the security audits warn that inputs.name reaches the shell, as they should).
precondition(!FlowCheck.check(file).diagnostics.contains { $0.severity == .error }, "the generated flow must be valid")
say("berth benchmark — median of \(runs) runs; 10,000-task flow of \(big.count / 1024) KiB")

// 1, 2 and 6: lint and compile against the floor of any libyaml-based tool; peak memory.
if selected.contains("1") {
let scan = { _ = LibYAMLScan.countEvents(big) }
report("1. lint 10,000-task flow", paired(runs, { _ = FlowCheck.check(file) }, against: scan), "bare libyaml scan", target: "<= 2.0x")
say("   peak memory after lint: \(peakRSS() / 1024) MiB")
report("   check vs reading the same flow", paired(runs, { _ = FlowCheck.check(file) }, against: { _ = YAMLReader().read(file) }),
       "read (YAML tree)", target: "<= 1.3x")
report("2. compile 10,000-task flow", paired(runs, { _ = FlowCompile.compile(file) }, against: scan), "bare libyaml scan", target: "<= 3.0x")
say("   peak memory after compile: \(peakRSS() / 1024) MiB")
}

// 3: a directory of 1,000 small flows, whole process, against check-jsonschema on berth's schema.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("berth").path
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("berth-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory.appendingPathComponent("flows"), withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
for i in 0..<1000 {
    try FlowGenerator.flow(tasks: 10, id: "flow\(i)").write(to: directory.appendingPathComponent("flows/flow\(i).yaml"), atomically: true, encoding: .utf8)
}
if !selected.contains("3") {
} else if FileManager.default.isExecutableFile(atPath: binary) {
    let berthTime = median(3) { _ = shell("cd \(directory.path) && \(binary) lint --format short flows > /dev/null") }
    if shell("command -v check-jsonschema") == 0 {
        _ = shell("\(binary) schema -o \(directory.path)/schema.json")
        // check-jsonschema needs seconds per file on this schema: time 20 files, scale to 1,000.
        let start = clock.now
        _ = shell("cd \(directory.path) && check-jsonschema --schemafile schema.json " + (0..<20).map { "flows/flow\($0).yaml" }.joined(separator: " "))
        let validator = seconds(clock.now - start) * 50
        say("3. lint 1,000 files (process)              \(ms(berthTime))  vs check-jsonschema (20 files x 50): \(ms(validator))  berth is \(String(format: "%.0f", validator / berthTime))x faster  target >= 20x")
    } else {
        say("3. lint 1,000 files: \(ms(berthTime)); check-jsonschema is not installed (pip install check-jsonschema), no ratio")
    }
} else {
    say("3. skipped: the berth executable is not next to berth-bench (swift build -c release first)")
}

// 4: executor overhead against docker run, sequential and parallel, when an engine answers.
func containerFlow(_ count: Int, parallel: Bool) -> String {
    var out = "id: bench\nnamespace: company.team\ntasks:\n"
    let indent = parallel ? "      " : "  "
    if parallel { out += "  - id: all\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n" }
    for i in 0..<count {
        out += "\(indent)- id: t\(i)\n\(indent)  type: io.kestra.plugin.scripts.shell.Commands\n\(indent)  containerImage: busybox:1.36\n\(indent)  failFast: false\n\(indent)  interpreter: [\"/bin/true\"]\n\(indent)  commands: [\"x\"]\n"
    }
    return out
}

func runPlan(_ yaml: String, engine: DockerEngine) async throws {
    let plan = FlowCompile.compile(SourceFile(path: "bench.yaml", text: yaml)).plans[0]
    let state = directory.appendingPathComponent("state")
    let runner = try PlanRunner(plan: plan, engines: SingleEngineProvider(engine), options: RunOptions(stateDirectory: state), log: ExecutionLog { _, _ in })
    let result = await runner.run()
    precondition(result.state == TaskState.success, "benchmark flow failed")
}

if !selected.contains("4") {
} else if let engine = try? DockerEngine(), (try? await engine.ping()) != nil, shell("command -v docker") == 0 {
    let engineRuns = max(3, runs / 2)
    let sequential = try await asyncMedian(engineRuns) { try await runPlan(containerFlow(20, parallel: false), engine: engine) }
    let dockerSequential = median(engineRuns) { _ = shell("for i in $(seq 20); do docker run --rm --entrypoint '' busybox:1.36 /bin/true; done") }
    report("4. 20 sequential container tasks", sequential, "20 x docker run --rm", dockerSequential, target: "<= 1.05x")
    let parallel = try await asyncMedian(engineRuns) { try await runPlan(containerFlow(20, parallel: true), engine: engine) }
    // xargs waits with waitpid; a shell's `wait` can hang when SIGCHLD is blocked in children.
    let dockerParallel = median(engineRuns) { _ = shell("seq 20 | xargs -P 20 -I{} docker run --rm --entrypoint '' busybox:1.36 /bin/true") }
    report("   20 parallel container tasks", parallel, "20 parallel docker run", dockerParallel, target: "<= 1.1x")
    await engine.shutdown()
} else {
    say("4. skipped: no Docker engine answers (start dockerd; see .ci/services.sh)")
}

// 5: LSP didChange → publishDiagnostics on a 1,000-task flow.
if selected.contains("5") {
    let latency = try await LSPLatency.measure(flow: FlowGenerator.flow(tasks: 1_000), runs: runs)
    say("5. LSP didChange → diagnostics (1,000 tasks) \(ms(latency))  target <= 50 ms")
    let completion = try await LSPLatency.completion(flow: FlowGenerator.flow(tasks: 1_000), runs: max(runs, 15))
    say("   LSP completion at a half-typed key (1,000 tasks) \(completion.isNaN ? "no runner keys offered: FAILED" : ms(completion))  target <= 20 ms")
}
