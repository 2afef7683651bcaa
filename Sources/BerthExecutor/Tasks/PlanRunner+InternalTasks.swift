import BerthFormats
import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// Log, Return, OutputValues, Fail, Sleep, Pause: the core tasks that need no container.
    func runInternal(_ node: PlanNode, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> AttemptResult {
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run)
        let short = node.type.split(separator: ".").last.map(String.init) ?? node.type
        // A `where` clause guards only the last pattern of a case, so families go first.
        if let result = try await runFamily(node, short: short, evaluator: evaluator, scope: scope, run: run) { return result }
        switch short {
        case "Log", "Echo":
            let levelText = try Values.text(node.properties["level"] ?? .string("INFO"), with: evaluator).uppercased()
            guard let level = ExecutionLog.Level(rawValue: levelText == "WARNING" ? "WARN" : levelText) else {
                throw ExecutorError.task("level must be TRACE, DEBUG, INFO, WARN or ERROR, not \"\(levelText)\"")
            }
            let message = try Values.render(node.properties["message"] ?? node.properties["format"] ?? .string(""), with: evaluator)
            if case .array(let lines) = message {
                for line in lines { log.task(node.id, level, line.plainText) }
            } else {
                log.task(node.id, level, message.plainText)
            }
        case "Return":
            let value = try Values.text(node.properties["format"] ?? .string(""), with: evaluator)
            await state.setOutputs(node.id, .object([("value", .string(value))]), loopValues: scope.loopValues)
        case "OutputValues":
            let values = try Values.render(node.properties["values"] ?? .object([:]), with: evaluator)
            await state.setOutputs(node.id, .object([("values", Values.value(values))]), loopValues: scope.loopValues)
        case "Fail":
            let message = try Values.text(node.properties["errorMessage"] ?? .string("Task failure"), with: evaluator)
            if let condition = node.properties["condition"] {
                guard try conditionIsTrue(condition, evaluator) else { return AttemptResult(state: .success) }
                // Kestra logs the message and fails with its own text.
                log.task(node.id, .error, message)
                return AttemptResult(state: .failed, message: "Fail on a condition")
            }
            return AttemptResult(state: .failed, message: message)
        case "Sleep":
            guard let seconds = try Values.render(node.properties["duration"] ?? .double(0), with: evaluator).numberValue else {
                throw ExecutorError.task("duration must be an ISO-8601 duration")
            }
            log.task(node.id, .info, "Waiting for \(ISODuration.normalized(seconds))")
            do { try await SafeSleep.sleep(seconds: seconds) } catch { return AttemptResult(state: .killed, message: "stopped") }
        case "Pause":
            guard let pause = node.properties["pauseDuration"] ?? node.properties["delay"] else {
                return AttemptResult(state: .failed, message: "Pause without pauseDuration waits for a manual resume, which berth does not offer")
            }
            let text = try Values.text(pause, with: evaluator)
            guard let seconds = ISODuration.seconds(text) else { throw ExecutorError.task("pauseDuration \"\(text)\" is not an ISO-8601 duration") }
            do { try await SafeSleep.sleep(seconds: seconds) } catch { return AttemptResult(state: .killed, message: "stopped") }
        default:
            return AttemptResult(state: .failed, message: "berth cannot run \(node.type)")
        }
        return AttemptResult(state: .success)
    }

    /// The tasks of a package (http, kv, namespace, storage…) and the ones berth does not run;
    /// nil for the rest.
    private func runFamily(_ node: PlanNode, short: String, evaluator: Evaluator, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> AttemptResult? {
        if let reason = ServerOnlyTasks.reason(node.type) { return AttemptResult(state: .failed, message: reason) }
        let family = node.type.split(separator: ".").dropLast().joined(separator: ".")
        switch (family, short) {
        case ("io.kestra.plugin.core.http", "Request"), ("io.kestra.plugin.core.http", "Download"):
            return try await runHTTP(node, download: short == "Download", evaluator: evaluator, run: run, scope: scope)
        case ("io.kestra.plugin.core.kv", _):
            return try await runKV(node, action: short, evaluator: evaluator, scope: scope)
        case ("io.kestra.plugin.core.execution", "Labels"):
            return try await runLabels(node, evaluator: evaluator)
        case ("io.kestra.plugin.core.namespace", _):
            return try await runNamespaceFiles(node, action: short, evaluator: evaluator, scope: scope, run: run)
        case ("io.kestra.plugin.core.storage", "FilterItems"), ("io.kestra.plugin.core.storage", "DeduplicateItems"):
            return try await runItems(node, dedupe: short == "DeduplicateItems", scope: scope, run: run)
        case ("io.kestra.plugin.core.storage", _):
            return try await runStorage(node, action: short, evaluator: evaluator, scope: scope, run: run)
        case (_, "Eval"), (_, "FileTransform"):
            guard node.type.hasPrefix("io.kestra.plugin.scripts.") else { return nil }
            return AttemptResult(state: .failed, message: "\(node.type) runs inside Kestra's JVM (a JSR-223 script engine), which berth does not have; "
                                 + "run the code in a container with a script task instead (io.kestra.plugin.scripts.*.Script)")
        default:
            return nil
        }
    }
}
