import BerthFormats
import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `retry-interval`: Kestra's retry invariants per type — constant: interval < maxDuration;
/// exponential: interval < maxDuration and interval < maxInterval; random: minInterval <
/// maxInterval < maxDuration.
enum RetryIntervalCheck {
    static func check(_ retry: YAMLNode?, _ context: CheckContext) {
        guard let retry, retry.mapping != nil else { return }
        func seconds(_ key: String) -> (Double, YAMLNode)? {
            guard let node = retry[key], !node.isTemplate, let text = node.scalar, let value = ISODuration.seconds(text) else { return nil }
            return (value, node)
        }
        let pairs: [(String, String)]
        switch retry["type"]?.scalar {
        case "exponential": pairs = [("interval", "maxDuration"), ("interval", "maxInterval")]
        case "random": pairs = [("minInterval", "maxInterval"), ("maxInterval", "maxDuration")]
        default: pairs = [("interval", "maxDuration")]
        }
        for (lower, upper) in pairs {
            guard let (low, node) = seconds(lower), let (high, upperNode) = seconds(upper), low >= high else { continue }
            context.report(.error, "retry-interval", "'\(lower)' must be less than '\(upper)' but is \(node.scalar ?? "")",
                           at: node.range, notes: [Note("'\(upper)' is \(upperNode.scalar ?? "")", range: upperNode.range)])
        }
    }

    /// Every retry mapping in the flow: flow level and per task.
    static func checkAll(_ root: YAMLNode, _ context: CheckContext) {
        check(root["retry"], context)
        for task in context.tasks { check(task.node["retry"], context) }
    }
}
