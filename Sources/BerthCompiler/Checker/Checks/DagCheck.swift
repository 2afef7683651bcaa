import BerthDiagnostics
import BerthYAML

/// `dag-dependency`: a Dag `dependsOn` naming no task of the same Dag;
/// `dependency-cycle`: Dag tasks that depend on each other in a cycle (with the path).
enum DagCheck {
    static func check(_ context: CheckContext) {
        for dag in context.tasks where dag.schema?.name == "io.kestra.plugin.core.flow.Dag" {
            let entries = dag.node["tasks"]?.sequence ?? []
            let ids = entries.compactMap { $0["task"]?["id"]?.scalar }
            var edges: [String: [String]] = [:]
            var references: [String: [YAMLNode]] = [:]
            for entry in entries {
                guard let id = entry["task"]?["id"]?.scalar else { continue }
                let deps = entry["dependsOn"]?.sequence ?? []
                edges[id, default: []] += deps.compactMap(\.scalar)
                references[id, default: []] += deps
                for dep in deps {
                    guard let name = dep.scalar, !ids.contains(name) else { continue }
                    let suggestion = Suggestions.closest(to: name, in: ids)
                    context.report(.error, "dag-dependency", "Dag task \"\(id)\" depends on \"\(name)\", which is not a task of Dag \"\(dag.id)\"",
                                   at: dep.range, help: suggestion.map { "did you mean \"\($0)\"?" } ?? "Dag tasks: \(ids.joined(separator: ", "))")
                }
            }
            if let cycle = DependencyGraph.cycle(in: edges, order: ids),
               let start = references[cycle[0]]?.first(where: { $0.scalar == cycle[1] }) {
                context.report(.error, "dependency-cycle", "Dag \"\(dag.id)\" tasks depend on each other in a cycle: \(cycle.joined(separator: " → "))",
                               at: start.range, help: "a Dag must be acyclic; remove one of these dependsOn entries")
            }
        }
    }
}
