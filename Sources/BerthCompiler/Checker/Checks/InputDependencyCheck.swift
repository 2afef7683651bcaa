import BerthDiagnostics
import BerthYAML

/// `input-dependency`: `dependsOn.inputs` naming an input that does not exist;
/// `dependency-cycle`: inputs that depend on each other in a cycle.
enum InputDependencyCheck {
    static func check(_ inputs: YAMLNode?, _ context: CheckContext) {
        let items = inputs?.sequence ?? []
        let ids = items.compactMap { ($0["id"] ?? $0["name"])?.scalar }
        var edges: [String: [String]] = [:]
        var references: [String: [YAMLNode]] = [:]
        for item in items {
            guard let id = (item["id"] ?? item["name"])?.scalar else { continue }
            let deps = item["dependsOn"]?["inputs"]?.sequence ?? []
            edges[id, default: []] += deps.compactMap(\.scalar)
            references[id, default: []] += deps
            for dep in deps {
                guard let name = dep.scalar, !ids.contains(name) else { continue }
                let suggestion = Suggestions.closest(to: name, in: ids)
                context.report(.error, "input-dependency", "input \"\(id)\" depends on a non-existent input \"\(name)\"",
                               at: dep.range, help: suggestion.map { "did you mean \"\($0)\"?" })
            }
        }
        if let cycle = DependencyGraph.cycle(in: edges, order: ids), let start = references[cycle[0]]?.first(where: { $0.scalar == cycle[1] }) {
            context.report(.error, "dependency-cycle", "inputs depend on each other in a cycle: \(cycle.joined(separator: " → "))",
                           at: start.range)
        }
    }
}
