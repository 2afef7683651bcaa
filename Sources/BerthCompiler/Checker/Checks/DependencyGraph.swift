/// Finds a cycle in a dependency graph (id → ids it depends on), for inputs and Dag tasks.
enum DependencyGraph {
    /// The first cycle found, as a path that starts and ends with the same id.
    static func cycle(in edges: [String: [String]], order: [String]) -> [String]? {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ id: String) -> [String]? {
            if state[id] == 2 { return nil }
            if state[id] == 1 {
                guard let start = stack.firstIndex(of: id) else { return nil }
                return Array(stack[start...]) + [id]
            }
            state[id] = 1
            stack.append(id)
            for next in edges[id] ?? [] where edges[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[id] = 2
            return nil
        }
        for id in order {
            if let cycle = visit(id) { return cycle }
        }
        return nil
    }
}
