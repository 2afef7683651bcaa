import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// kv.Set, kv.Get, kv.Delete and kv.GetKeys against the state directory's store.
    func runKV(_ node: PlanNode, action: String, evaluator: Evaluator, scope: Scope) async throws(ExecutorError) -> AttemptResult {
        let properties = RenderedProperties(node: node, evaluator: evaluator)
        let property = properties.value
        func flag(_ name: String, default fallback: Bool) throws(ExecutorError) -> Bool { try properties.flag(name, default: fallback) }
        let namespace = try property("namespace")?.plainText ?? plan.flow.namespace
        let store = try kv.open()
        var outputs: [(String, Value)] = []
        switch action {
        case "Set":
            let key = try property("key")?.plainText ?? ""
            try KVKey.validate(key)
            let (value, type) = try KVKey.typed(try property("value") ?? .null, kvType: try property("kvType")?.plainText)
            var ttl: Double?
            if let text = try property("ttl")?.plainText, !text.isEmpty {
                guard let seconds = ISODuration.seconds(text), seconds > 0 else { throw ExecutorError.task("ttl \"\(text)\" is not a positive ISO-8601 duration") }
                ttl = seconds
            }
            try store.set(namespace: namespace, key: key, value: value, type: type, ttlSeconds: ttl, overwrite: try flag("overwrite", default: true))
        case "Get":
            let key = try property("key")?.plainText ?? ""
            try KVKey.validate(key)
            let entry = try store.get(namespace: namespace, key: key)
            if entry == nil, try flag("errorOnMissing", default: false) {
                throw ExecutorError.task("No value found for key '\(key)' in namespace '\(namespace)' and `errorOnMissing` is set to true")
            }
            outputs = [("value", entry.map { Values.value($0.value) } ?? .null)]
        case "Delete":
            let key = try property("key")?.plainText ?? ""
            try KVKey.validate(key)
            let deleted = try store.delete(namespace: namespace, key: key)
            if !deleted, try flag("errorOnMissing", default: false) {
                throw ExecutorError.task("No key '\(key)' in namespace '\(namespace)' and `errorOnMissing` is set to true")
            }
            outputs = [("deleted", .bool(deleted))]
        default:
            let keys = try store.keys(namespace: namespace, prefix: try property("prefix")?.plainText)
            outputs = [("keys", .list(keys.map(Value.string)))]
        }
        if !outputs.isEmpty { await state.setOutputs(node.id, .object(outputs), loopValues: scope.loopValues) }
        return AttemptResult(state: .success)
    }

    /// What `kv()` reads: the live value of a key in the given namespace, or, without one, in
    /// the flow's namespace and then its parents (`a.b.c`, `a.b`, `a`), as Kestra's newest kv().
    func kvLookup() -> @Sendable (String, String?) throws -> (value: Value?, namespace: String) {
        { [kv, namespace = plan.flow.namespace] key, asked in
            let target = asked ?? namespace
            var candidates = [target]
            if asked == nil {
                var parts = namespace.split(separator: ".")
                while parts.count > 1 { parts.removeLast(); candidates.append(parts.joined(separator: ".")) }
            }
            do {
                try KVKey.validate(key)
                let store = try kv.open()
                for candidate in candidates {
                    if let entry = try store.get(namespace: candidate, key: key) { return (Values.value(entry.value), candidate) }
                }
                return (nil, target)
            } catch {
                throw EvaluationError(message: "kv(): \(error)", range: 0..<0)
            }
        }
    }
}
