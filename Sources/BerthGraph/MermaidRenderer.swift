/// A ``TopologyGraph`` as a Mermaid flowchart (renders in Markdown viewers: GitHub, GitLab,
/// most editors). Clusters are subgraphs; handlers and triggers are dashed edges.
public enum MermaidRenderer {
    public static func render(_ graph: TopologyGraph) -> String {
        var out = "flowchart TD\n"
        out += "    %% \(graph.flow), drawn by berth graph\n"
        write(graph.items, indent: "    ", to: &out)
        for edge in graph.edges {
            let arrow = edge.dashed ? "-.->" : "-->"
            let label = edge.label.map { "|\"\(escape($0))\"|" } ?? ""
            out += "    \(edge.from) \(arrow)\(label) \(edge.to)\n"
        }
        out += "    classDef junction fill:#6b7280,stroke:#6b7280,color:#6b7280\n"
        out += "    classDef trigger fill:#eef2ff,stroke:#6366f1\n"
        let junctions = graph.nodes.filter { $0.shape == .junction }.map(\.id)
        if !junctions.isEmpty { out += "    class \(junctions.joined(separator: ",")) junction\n" }
        let triggers = graph.nodes.filter { $0.shape == .trigger }.map(\.id)
        if !triggers.isEmpty { out += "    class \(triggers.joined(separator: ",")) trigger\n" }
        return out
    }

    private static func write(_ items: [TopologyGraph.Item], indent: String, to out: inout String) {
        for item in items {
            switch item {
            case .node(let node):
                out += indent + node.id + shape(node) + "\n"
            case .cluster(let cluster):
                out += "\(indent)subgraph \(cluster.id)[\"\(label(cluster.lines))\"]\n"
                out += "\(indent)    direction \(cluster.layout == .row ? "LR" : "TB")\n"
                write(cluster.items, indent: indent + "    ", to: &out)
                out += "\(indent)end\n"
            }
        }
    }

    private static func shape(_ node: TopologyGraph.Node) -> String {
        let text = label(node.lines)
        switch node.shape {
        case .task: return "(\"\(text)\")"
        case .decision: return "{\"\(text)\"}"
        case .junction: return "((\" \"))"
        case .start: return "([\"\(text)\"])"
        case .end: return "(((\"\(text)\")))"
        case .trigger: return ">\"\(text)\"]"
        }
    }

    private static func label(_ lines: [String]) -> String {
        lines.map(escape).joined(separator: "<br/>")
    }

    /// Mermaid's entity codes for what would end a label or read as HTML.
    private static let entities: [Character: String] = ["\"": "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;", "|": "#124;"]

    static func escape(_ text: String) -> String {
        HTMLText.replacing(text, entities)
    }
}
