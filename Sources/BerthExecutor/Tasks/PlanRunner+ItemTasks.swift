import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// storage.FilterItems and storage.DeduplicateItems over an Ion-lines file: each line's
    /// fields are top-level variables while the expression renders; kept lines are copied as
    /// written.
    func runItems(_ node: PlanNode, dedupe: Bool, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> AttemptResult {
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run)
        let store = TaskStorage(storage: storage, path: Storage.taskPath(namespace: plan.flow.namespace, flow: plan.flow.id,
                                                                         execution: executionId, task: node.id, taskrun: run.id))
        let from = try Values.text(node.properties["from"] ?? .null, with: evaluator)
        let lines = Self.lines(of: try store.read(from)).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let expression = node.properties[dedupe ? "expr" : "filterCondition"] ?? .null
        let source = expression.template?.text ?? expression.plainText
        var kept: [String] = []
        var outputs: [(String, Value)] = []
        if dedupe {
            var last: [String: Int] = [:]
            var keys: [String] = []
            for (index, line) in lines.enumerated() {
                let key = TemplateText.render(try await render(source, item: line, index: index, node: node, scope: scope, run: run))
                keys.append(key)
                last[key] = index
            }
            kept = lines.indices.filter { last[keys[$0]] == $0 }.map { lines[$0] }
            outputs.append(("numKeys", .int(Int64(last.count))))
        } else {
            let exclude = node.properties["filterType"]?.plainText.uppercased() == "EXCLUDE"
            let onError = node.properties["errorOrNullBehavior"]?.plainText.uppercased() ?? "FAIL"
            for (index, line) in lines.enumerated() {
                var include: Bool
                do throws(ExecutorError) {
                    let value = try await render(source, item: line, index: index, node: node, scope: scope, run: run)
                    if value.isNull {
                        guard onError != "FAIL" else { throw ExecutorError.task("Expression `\(source)` return `null` on item `\(line)`") }
                        include = onError == "INCLUDE"
                    } else {
                        include = KestraTruth.isTrue(TemplateText.render(value).trimmingCharacters(in: .whitespacesAndNewlines)) != exclude
                    }
                } catch {
                    // A template that cannot render follows errorOrNullBehavior too.
                    guard Self.isTemplateFailure(error), onError != "FAIL" else { throw error }
                    include = onError == "INCLUDE"
                }
                if include { kept.append(line) }
            }
        }
        let uri = try store.write(Data(kept.map { $0 + "\n" }.joined().utf8), extension: ".ion")
        outputs = [("uri", .string(uri)), ("processedItemsTotal", .int(Int64(lines.count))),
                   ("droppedItemsTotal", .int(Int64(lines.count - kept.count)))] + outputs
        await state.setOutputs(node.id, .object(outputs), loopValues: scope.loopValues)
        return AttemptResult(state: .success)
    }

    private static func isTemplateFailure(_ error: ExecutorError) -> Bool {
        if case .template = error { return true }
        return false
    }

    /// The expression rendered with the item's fields (an Ion struct) as top-level variables.
    private func render(_ source: String, item line: String, index: Int, node: PlanNode, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> Value {
        let item: IonValue
        do { item = try IonText.parse(line) } catch {
            throw ExecutorError.task("item \(index + 1) is not an Ion value (\(error.message) at byte \(error.offset + 1)): \(line.prefix(200))")
        }
        guard case .structure(let fields) = item else { throw ExecutorError.task("item \(index + 1) is not an Ion struct: \(line.prefix(200))") }
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run, extra: fields.map { ($0.0, Values.value($0.1)) })
        do { return try evaluator.evaluate(source) } catch { throw ExecutorError.template(error.message) }
    }
}
