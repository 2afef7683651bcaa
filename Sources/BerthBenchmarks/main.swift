import BerthCompiler
import BerthDiagnostics
import BerthYAML
import Foundation

/// `swift run -c release berth-bench`: each scenario prints the median of several runs and the
/// ratio to a baseline measured in the same process, because absolute times on shared machines
/// mean nothing.
struct Scenario {
    let name: String
    let target: String
    let baselineName: String
    let run: () -> Void
    let baseline: () -> Void
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let duration = clock.measure(body)
        samples.append(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
    samples.sort()
    return samples[samples.count / 2]
}

func format(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }

let runs = Int(ProcessInfo.processInfo.environment["BERTH_BENCH_RUNS"] ?? "") ?? 7
let big = Array(FlowGenerator.flow(tasks: 10_000).utf8)
let file = SourceFile(path: "big.yaml", bytes: big)
precondition(FlowCheck.check(file).diagnostics.isEmpty, "the generated flow must be valid")

let scenarios = [
    Scenario(name: "lint 10,000-task flow (read + check)", target: "<= 2.0x", baselineName: "bare libyaml event scan",
             run: { _ = FlowCheck.check(file) }, baseline: { _ = LibYAMLScan.countEvents(big) }),
    Scenario(name: "read 10,000-task flow (YAML tree only)", target: "(reference)", baselineName: "bare libyaml event scan",
             run: { _ = YAMLReader().read(file) }, baseline: { _ = LibYAMLScan.countEvents(big) }),
    Scenario(name: "check 10,000-task flow vs reading it", target: "<= 1.5x", baselineName: "read (YAML tree only)",
             run: { _ = FlowCheck.check(file) }, baseline: { _ = YAMLReader().read(file) }),
]

print("berth benchmark — \(big.count / 1024) KiB flow, median of \(runs) runs")
for scenario in scenarios {
    let base = median(runs, scenario.baseline)
    let value = median(runs, scenario.run)
    let ratio = value / base
    print("\(scenario.name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(format(value))  vs \(scenario.baselineName): \(format(base))  ratio \(String(format: "%.2f", ratio))x  target \(scenario.target)")
}
