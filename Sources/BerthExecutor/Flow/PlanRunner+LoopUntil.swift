import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// LoopUntil (alias WaitFor): the children in order, again and again until `condition`
    /// renders true after a round, `interval` apart. `outputs.<id>.iterationCount` is the round
    /// (1 during the first) and, as in Kestra, one more than the rounds run once the loop ends.
    /// A failing child ends the loop FAILED; reaching `maxIterations` or `maxDuration` ends it
    /// SUCCESS, or FAILED with `failOnMaxReached`.
    func runLoopUntil(_ node: PlanNode, scope: Scope, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let evaluator = await evaluator(for: node, scope: scope)
        var frequency: [String: JSONValue] = [:]
        if case .object(let given)? = try node.properties["checkFrequency"].map({ (raw) throws(ExecutorError) in try Values.render(raw, with: evaluator) }) {
            frequency = given
        }
        func seconds(_ key: String) throws(ExecutorError) -> Double? {
            guard let text = frequency[key]?.plainText, !text.isEmpty else { return nil }
            guard let value = ISODuration.seconds(text), value > 0 else { throw ExecutorError.task("checkFrequency.\(key) must be a positive duration, not \"\(text)\"") }
            return value
        }
        let maxIterations = frequency["maxIterations"]?.numberValue.map(Int.init)
        let maxDuration = try seconds("maxDuration")
        let interval = try seconds("interval") ?? 60
        let failOnMax = try RenderedProperties(node: node, evaluator: evaluator).flag("failOnMaxReached", default: false)
        let started = Date()
        var round = 1
        while true {
            await state.setOutputs(node.id, .object([("iterationCount", .int(Int64(round)))]), loopValues: scope.loopValues)
            var inner = scope.child(of: node)
            inner.iteration.append(round)
            let result = await runList(node.children["tasks"] ?? [], scope: inner, onFailure: onFailure)
            guard !result.isFailure else { return AttemptResult(state: result) }
            round += 1
            await state.setOutputs(node.id, .object([("iterationCount", .int(Int64(round)))]), loopValues: scope.loopValues)
            if try conditionIsTrue(node.properties["condition"] ?? .bool(true), await self.evaluator(for: node, scope: scope)) {
                return AttemptResult(state: result)
            }
            let reached = maxIterations.map { round > $0 } == true ? "Max iterations reached"
                : maxDuration.map { Date().timeIntervalSince(started) >= $0 } == true ? "Max duration reached" : nil
            if let reached {
                log.task(node.id, .warn, reached)
                return failOnMax ? AttemptResult(state: .failed, message: reached) : AttemptResult(state: result)
            }
            do { try await SafeSleep.sleep(seconds: interval) } catch { return AttemptResult(state: .killed, message: "stopped") }
        }
    }
}
