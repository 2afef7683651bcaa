import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// execution.Labels: the rendered labels (a map, a list of {key, value} or a JSON map)
    /// merged into the execution's, journaled so a resume keeps them; `system.` keys refused.
    func runLabels(_ node: PlanNode, evaluator: Evaluator) async throws(ExecutorError) -> AttemptResult {
        let rendered = try Values.render(node.properties["labels"] ?? .null, with: evaluator)
        var labels: [String: String] = [:]
        switch rendered {
        case .object(let map):
            for (key, value) in map { labels[key] = value.plainText }
        case .array(let items):
            for item in items {
                guard case .object(let label) = item, let key = label["key"]?.plainText, let value = label["value"] else {
                    throw ExecutorError.task("labels: each item of the list must be a {key, value} map, not \(item.plainText)")
                }
                labels[key] = value.plainText
            }
        case .string(let text):
            guard case .object(let map)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                throw ExecutorError.task("labels: \"\(text)\" is not a JSON map of labels")
            }
            for (key, value) in map { labels[key] = value.plainText }
        default:
            throw ExecutorError.task("labels must be a map, a list of {key, value} or a JSON map")
        }
        if let system = labels.keys.sorted().first(where: { $0.hasPrefix("system.") }) {
            throw ExecutorError.task("System labels can only be set by Kestra itself, offending label: \(system)=\(labels[system] ?? "")")
        }
        var record = JournalRecord(kind: .labelsChanged, key: node.id)
        record.outputs = .object(labels.mapValues { .string($0) })
        guard self.record(record) else { return AttemptResult(state: .interrupted) }
        await state.mergeLabels(labels)
        log.task(node.id, .info, "labels: " + labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ", "))
        return AttemptResult(state: .success)
    }
}
