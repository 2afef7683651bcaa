import BerthPlan

/// The flows a plan starts through Subflow tasks with literal namespace and flowId, followed
/// through the catalog: a missing flow or a cycle is refused before anything runs.
struct SubflowGraph {
    let catalog: any FlowCatalog

    func check(_ root: Plan) throws(ExecutorError) {
        var done = Set<String>()
        try visit(root, path: ["\(root.flow.namespace).\(root.flow.id)"], done: &done)
    }

    private func visit(_ plan: Plan, path: [String], done: inout Set<String>) throws(ExecutorError) {
        for node in plan.allNodes where node.kind == .subflow {
            guard let namespace = node.properties["namespace"]?.stringValue, let flowId = node.properties["flowId"]?.stringValue else { continue }
            let name = "\(namespace).\(flowId)"
            if let start = path.firstIndex(of: name) {
                throw ExecutorError.plan("task \"\(node.id)\" (\(plan.source):\(node.source.line)) starts \(name), which is already running in this chain: "
                                         + (path[start...] + [name]).joined(separator: " → ") + "; a cycle of subflows never ends")
            }
            guard !done.contains(name) else { continue }
            let child: Plan
            do { child = try catalog.plan(namespace: namespace, flowId: flowId) } catch {
                throw ExecutorError.plan("task \"\(node.id)\" (\(plan.source):\(node.source.line)): \(error)")
            }
            try visit(child, path: path + [name], done: &done)
            done.insert(name)
        }
    }
}
