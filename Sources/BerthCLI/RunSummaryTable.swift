import BerthExecutor
import BerthPlan
import Foundation

/// The end-of-run summary every run prints: one row per task run (state, duration,
/// attempts, exit code, a one-line message), in flow order with children indented under their
/// flowable, then where the execution's files, outputs and report are.
struct RunSummaryTable {
    let result: ExecutionResult
    let plan: Plan?
    /// The execution directory, as the user named the state directory.
    let directory: String
    /// Where the execution's stored files are (`<state>/storage/...`).
    let storage: String
    /// The report written for this run, if any.
    let report: String?
    let colour: Bool

    func render() -> String {
        var rows: [[String]] = [["TASK", "STATE", "DURATION", "ATTEMPTS", "EXIT", "MESSAGE"]]
        for run in ordered() {
            let label = String(repeating: "  ", count: depth[run.taskId] ?? 0) + run.taskId
                + (run.loopValues.isEmpty ? "" : " [" + run.loopValues.joined(separator: ", ") + "]")
            rows.append([label, run.state.rawValue, String(format: "%.1f s", run.durationSeconds), run.attempts.isEmpty ? "-" : String(run.attempts.count),
                         run.exitCode.map(String.init) ?? "-", oneLine(run.message ?? "")])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = "\nexecution \(result.executionId) \(result.flow) ended \(paint(result.state.rawValue)) in \(String(format: "%.1f s", result.durationSeconds))\n"
        for (index, row) in rows.enumerated() {
            var line = "  "
            for column in 0..<5 {
                let cell = row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
                line += (column == 1 && index > 0 ? paint(row[1], padded: cell) : cell) + "  "
            }
            line += row[5]
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        if let error = result.error { out += "  \(error)\n" }
        out += "journal, plan and logs: \(directory)\n"
        if let stored = storedFiles() { out += "output files: \(stored)\n" }
        if case .object(let outputs) = result.outputs, !outputs.isEmpty {
            out += "flow outputs: " + outputs.keys.sorted().map { "\($0)=\(PlanText.show(outputs[$0]!))" }.joined(separator: ", ") + "\n"
        }
        out += report.map { "report: \($0)\n" } ?? "report: berth report \(result.executionId) -o report.html\n"
        return out
    }

    /// Flow order from the plan (a parent above its children), then the order they ended.
    private func ordered() -> [TaskRunSummary] {
        let position = Dictionary((plan?.allNodes ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return result.tasks.enumerated().sorted {
            (position[$0.element.taskId] ?? .max, $0.element.loopValues.joined(separator: "\u{0}"), $0.offset)
                < (position[$1.element.taskId] ?? .max, $1.element.loopValues.joined(separator: "\u{0}"), $1.offset)
        }.map(\.element)
    }

    private var depth: [String: Int] {
        Dictionary((plan?.treeOrder ?? []).map { ($0.node.id, $0.depth) }, uniquingKeysWith: { a, _ in a })
    }

    /// Where output files went, when any task produced one.
    private func storedFiles() -> String? {
        let produced = result.tasks.contains { run in
            if case .object(let o)? = run.outputs, case .object(let files)? = o["outputFiles"] { return !files.isEmpty }
            return false
        }
        return produced ? storage : nil
    }

    private func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    private func paint(_ state: String, padded: String? = nil) -> String {
        let shown = padded ?? state
        guard colour else { return shown }
        let code = ["SUCCESS": "32", "WARNING": "33", "FAILED": "31", "KILLED": "35", "INTERRUPTED": "31", "SKIPPED": "90"][state] ?? "0"
        return "\u{1B}[\(code)m\(shown)\u{1B}[0m"
    }
}
