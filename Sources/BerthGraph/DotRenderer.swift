/// A ``TopologyGraph`` as Graphviz DOT (`dot -Tsvg` draws it; `berth graph --format svg`
/// does that). Clusters are `cluster_` subgraphs; handlers and triggers are dashed edges.
public enum DotRenderer {
    public static func render(_ graph: TopologyGraph) -> String {
        var out = "digraph \(quote(graph.flow)) {\n"
        out += "    graph [rankdir=TB, compound=true, fontname=\"Helvetica\", fontsize=11, labeljust=l, nodesep=0.3, ranksep=0.35];\n"
        out += "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#f8fafc\", color=\"#64748b\", fontname=\"Helvetica\", fontsize=10];\n"
        out += "    edge [color=\"#64748b\", fontname=\"Helvetica\", fontsize=9];\n"
        write(graph.items, indent: "    ", to: &out)
        for edge in graph.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(quote(label))") }
            if edge.dashed { attributes.append("style=dashed") }
            out += "    \(edge.from) -> \(edge.to)\(attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]");\n"
        }
        out += "}\n"
        return out
    }

    private static func write(_ items: [TopologyGraph.Item], indent: String, to out: inout String) {
        for item in items {
            switch item {
            case .node(let node):
                out += "\(indent)\(node.id) [\(attributes(node))];\n"
            case .cluster(let cluster):
                out += "\(indent)subgraph cluster_\(cluster.id) {\n"
                let style = ["errors", "finally", "afterExecution"].contains(cluster.kind) ? "dashed,rounded" : "rounded"
                // `\l` ends each line flush left, under the cluster's left-justified title.
                let title = "\"" + cluster.lines.map { String(quote($0).dropFirst().dropLast()) + "\\l" }.joined() + "\""
                out += "\(indent)    label=\(title); style=\"\(style)\"; color=\"#94a3b8\";\n"
                write(cluster.items, indent: indent + "    ", to: &out)
                out += "\(indent)}\n"
            }
        }
    }

    private static func attributes(_ node: TopologyGraph.Node) -> String {
        let label = "label=\(quote(node.lines.joined(separator: "\n")))"
        switch node.shape {
        case .task: return label
        case .decision: return "\(label), shape=diamond, style=filled, fillcolor=\"#fef9c3\""
        case .junction: return "label=\"\", shape=point, width=0.08"
        case .start: return "\(label), shape=oval, fillcolor=\"#e0f2fe\""
        case .end: return "\(label), shape=doublecircle, fillcolor=\"#e0f2fe\""
        case .trigger: return "\(label), shape=cds, fillcolor=\"#eef2ff\""
        }
    }

    /// A DOT string: quotes and backslashes escaped, line breaks as `\n`.
    static func quote(_ text: String) -> String {
        "\"" + HTMLText.replacing(text, ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": ""]) + "\""
    }
}
