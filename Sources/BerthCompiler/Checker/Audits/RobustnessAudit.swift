import BerthDiagnostics
import BerthPlan
import BerthYAML

/// `unbounded-retry` and `missing-timeout`: what keeps a failing or hanging task from holding
/// its worker for ever. Kestra retries without end when a retry sets neither `maxAttempts` nor
/// `maxDuration`, and a task without `timeout` runs until someone kills it. Values set through
/// `pluginDefaults` count, as Kestra applies them before it runs the task.
struct RobustnessAudit {
    let root: YAMLNode
    let context: CheckContext
    let pedantic: Bool

    func run() {
        let defaults = PluginDefaults(root: root, grammar: context.grammar)
        // Without plugin defaults a task's timeout and retry are the ones it writes: no need to
        // convert the whole task (the conversion was most of this audit's time on large flows).
        let hasDefaults = root["pluginDefaults"] != nil || root["taskDefaults"] != nil
        for task in context.tasks {
            let properties: [String: JSONValue]
            if hasDefaults {
                guard case .object(let written) = JSONConversion.json(task.node) else { continue }
                properties = defaults.apply(to: written, type: task.typeName)
            } else {
                guard task.node.mapping != nil else { continue }
                properties = ["timeout": task.node["timeout"].map { JSONConversion.json($0) }, "retry": task.node["retry"].map { JSONConversion.json($0) }]
                    .compactMapValues { $0 }
            }
            let timeout = properties["timeout"].map { $0 != .null } ?? false
            if case .object(let retry)? = properties["retry"], !timeout {
                checkRetry(retry, node: task.node["retry"] ?? task.idNode, owner: "task \"\(task.id)\"")
            }
            if pedantic, !timeout, task.containerSettings != nil {
                context.audit(.info, "missing-timeout",
                              "task \"\(task.id)\" runs a container with no timeout: a script that hangs holds its worker until someone kills it",
                              at: task.idNode.range, rating: SecurityRating(.low, score: 2.0),
                              help: "add a timeout (timeout: PT1H); when it fires, the container is killed and the task fails")
            }
        }
        if let node = root["retry"], case .object(let retry) = JSONConversion.json(node) {
            checkRetry(retry, node: node, owner: "the flow")
        }
    }

    /// A retry on a task (or flow) that has no timeout.
    private func checkRetry(_ retry: [String: JSONValue], node: YAMLNode, owner: String) {
        guard retry["maxDuration"].map({ $0 == .null }) ?? true else { return }
        let attempts = (retry["maxAttempts"] ?? retry["maxAttempt"]).map { $0 != .null } ?? false
        let range = (node["type"] ?? node).range
        if !attempts {
            context.audit(.warning, "unbounded-retry",
                          "the retry of \(owner) sets neither maxAttempts nor maxDuration: Kestra retries a task that keeps failing for ever",
                          at: range, rating: SecurityRating(.high, score: 4.0), help: "bound it: maxAttempts: 3, or maxDuration: PT1H")
        } else if pedantic {
            context.audit(.info, "unbounded-retry",
                          "the retry of \(owner) has no maxDuration and \(owner) no timeout: an attempt that hangs holds the retries for ever",
                          at: range, rating: SecurityRating(.low, score: 2.0), help: "add maxDuration to the retry or a timeout to the task")
        }
    }
}
