/// A ``TopologyGraph`` as nested HTML boxes: a sequence top to bottom, branches side by side,
/// each flowable a titled box around its tasks. No layout engine and no script: it draws in
/// any browser, offline, and takes a state per task (the execution report colours it).
public enum HTMLTopology {
    /// What the report knows of a task: its state and a short note (`3 runs`, `2 attempts`).
    public struct Badge: Sendable {
        public var state: String
        public var note: String?

        public init(state: String, note: String? = nil) {
            self.state = state
            self.note = note
        }
    }

    /// The topology as one `<div class="topology">` (style it with ``css``).
    public static func render(_ graph: TopologyGraph, badges: [String: Badge] = [:]) -> String {
        "<div class=\"topology\">" + column(graph.items, badges) + "</div>"
    }

    /// A whole page: `berth graph --format html`.
    public static func page(_ graph: TopologyGraph) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(graph.flow))</title>
        <style>body{font-family:system-ui,sans-serif;margin:24px;color:#0f172a}\(css)</style></head>
        <body><h1>\(HTMLText.escape(graph.flow))</h1>
        \(render(graph))
        </body></html>

        """
    }

    private static func column(_ items: [TopologyGraph.Item], _ badges: [String: Badge]) -> String {
        let parts = items.compactMap { item(for: $0, badges) }
        return "<div class=\"t-col\">" + parts.joined(separator: "<div class=\"t-arrow\">↓</div>") + "</div>"
    }

    private static func row(_ items: [TopologyGraph.Item], _ badges: [String: Badge]) -> String {
        "<div class=\"t-row\">" + items.compactMap { item(for: $0, badges) }.joined() + "</div>"
    }

    private static func item(for item: TopologyGraph.Item, _ badges: [String: Badge]) -> String? {
        switch item {
        case .node(let node):
            return self.node(node, badges)
        case .cluster(let cluster):
            let badge = cluster.taskId.flatMap { badges[$0] }
            let title = cluster.lines.enumerated().map { $0.offset == 0 ? "<b>\(HTMLText.escape($0.element))</b>" : "<small>\(HTMLText.escape($0.element))</small>" }
                .joined(separator: " ")
            let body = cluster.layout == .row ? row(cluster.items, badges) : column(cluster.items, badges)
            return "<div class=\"t-cluster k-\(cluster.kind)\(stateClass(badge))\"\(taskAttribute(cluster.taskId))>"
                + "<div class=\"t-title\">\(title)\(badgeText(badge))</div>\(body)</div>"
        }
    }

    private static func node(_ node: TopologyGraph.Node, _ badges: [String: Badge]) -> String? {
        guard node.shape != .junction else { return nil }
        let badge = node.taskId.flatMap { badges[$0] }
        let lines = node.lines.enumerated().map { $0.offset == 0 && node.shape == .task ? "<b>\(HTMLText.escape($0.element))</b>" : "<small>\(HTMLText.escape($0.element))</small>" }
        return "<div class=\"t-node n-\(node.shape.rawValue)\(stateClass(badge))\"\(taskAttribute(node.taskId))>" + lines.joined() + badgeText(badge) + "</div>"
    }

    private static func stateClass(_ badge: Badge?) -> String {
        badge.map { " s-\(HTMLText.escape($0.state))" } ?? ""
    }

    private static func taskAttribute(_ taskId: String?) -> String {
        taskId.map { " data-task=\"\(HTMLText.escape($0))\"" } ?? ""
    }

    private static func badgeText(_ badge: Badge?) -> String {
        guard let badge else { return "" }
        return "<span class=\"t-state\">\(HTMLText.escape(badge.state))\(badge.note.map { " · " + HTMLText.escape($0) } ?? "")</span>"
    }

    /// The topology's style sheet, with a colour per Kestra state.
    public static let css = """
    .topology{font-size:12px;overflow:auto}
    .t-col{display:flex;flex-direction:column;align-items:center;gap:2px}
    .t-row{display:flex;flex-direction:row;align-items:flex-start;gap:10px;justify-content:center}
    .t-arrow{color:#94a3b8;line-height:1}
    .t-node{border:1px solid #64748b;border-radius:8px;padding:4px 10px;background:#f8fafc;display:flex;flex-direction:column;align-items:center;min-width:90px}
    .t-node small,.t-title small{color:#475569}
    .n-decision{background:#fef9c3;border-style:dashed}
    .n-start,.n-end{border-radius:999px;background:#e0f2fe}
    .n-trigger{background:#eef2ff;border-color:#6366f1}
    .t-cluster{border:1px solid #94a3b8;border-radius:10px;padding:6px 8px 8px;background:#ffffff80}
    .t-cluster.k-errors,.t-cluster.k-finally,.t-cluster.k-afterExecution{border-style:dashed}
    .t-cluster.k-errors{border-color:#dc2626}
    .t-title{margin-bottom:4px;text-align:left}
    .t-state{font-size:10px;font-weight:600;margin-top:2px}.t-title .t-state{margin-left:8px}
    .s-SUCCESS{background:#dcfce7;border-color:#16a34a}
    .s-WARNING{background:#fef3c7;border-color:#d97706}
    .s-FAILED{background:#fee2e2;border-color:#dc2626}
    .s-KILLED{background:#fae8ff;border-color:#a21caf}
    .s-SKIPPED{background:#f1f5f9;border-color:#94a3b8;color:#64748b}
    .s-RUNNING{background:#dbeafe;border-color:#2563eb}
    .s-CREATED{background:#f1f5f9;border-color:#64748b}
    """
}
