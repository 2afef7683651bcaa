import BerthPlan

/// Builds a plan's ``TopologyGraph``: each list of tasks a chain, each flowable a cluster
/// whose branches part at a junction or decision and meet again, handlers (`errors`,
/// `finally`) as dashed side lanes, triggers as entry nodes before the start.
public struct TopologyBuilder {
    private var used: Set<String> = []
    private var edges: [TopologyGraph.Edge] = []

    /// The drawable part of a list or task: its items, where edges come in and go out.
    private struct Segment {
        var items: [TopologyGraph.Item] = []
        var entries: [String] = []
        var exits: [String] = []
    }

    public init() {}

    /// The topology of `plan`, with `triggers` as entry nodes.
    public static func graph(_ plan: Plan, triggers: [TopologyGraph.Trigger] = []) -> TopologyGraph {
        var builder = TopologyBuilder()
        return builder.build(plan, triggers: triggers)
    }

    private mutating func build(_ plan: Plan, triggers: [TopologyGraph.Trigger]) -> TopologyGraph {
        let flow = "\(plan.flow.namespace).\(plan.flow.id)"
        var items: [TopologyGraph.Item] = []
        for trigger in triggers {
            let node = makeNode("trigger_\(trigger.id)", .trigger, [trigger.id, TopologyGraph.shortType(trigger.type)] + (trigger.disabled ? ["disabled"] : []), taskId: nil)
            items.append(.node(node))
        }
        let start = makeNode("flow_start", .start, [flow], taskId: nil)
        items.append(.node(start))
        for item in items where item.nodeId != start.id { connect([item.nodeId!], [start.id], dashed: true) }
        let tasks = list(plan.tasks)
        items += tasks.items
        var exits = tasks.entries.isEmpty ? [start.id] : tasks.exits
        connect([start.id], tasks.entries)
        if !plan.errors.isEmpty {
            let errors = lane("errors", kind: "errors", plan.errors)
            items.append(errors.item)
            connect(exits, errors.entries, label: "on failure", dashed: true)
            exits += errors.exits
        }
        if !plan.finally.isEmpty {
            let finally = lane("finally", kind: "finally", plan.finally)
            items.append(finally.item)
            connect(exits, finally.entries, label: "finally")
            exits = finally.exits
        }
        let end = makeNode("flow_end", .end, ["end"], taskId: nil)
        items.append(.node(end))
        connect(exits, [end.id])
        if !plan.afterExecution.isEmpty {
            let after = lane("afterExecution", kind: "afterExecution", plan.afterExecution)
            items.append(after.item)
            connect([end.id], after.entries, label: "afterExecution", dashed: true)
        }
        return TopologyGraph(flow: flow, items: items, edges: edges)
    }

    // MARK: lists and nodes

    /// A chain: each segment's exits lead to the next one's entries.
    private mutating func list(_ nodes: [PlanNode]) -> Segment {
        var out = Segment()
        for node in nodes {
            let segment = self.node(node)
            out.items += segment.items
            if out.entries.isEmpty { out.entries = segment.entries } else { connect(out.exits, segment.entries) }
            out.exits = segment.exits
        }
        return out
    }

    private mutating func node(_ plan: PlanNode) -> Segment {
        var segment: Segment
        switch plan.kind {
        case .container, .process, .internal, .subflow:
            let node = makeNode("t_\(plan.id)", .task, taskLines(plan), taskId: plan.id)
            segment = Segment(items: [.node(node)], entries: [node.id], exits: [node.id])
        case .parallel:
            segment = branches(plan, kind: "parallel", plan.children["tasks"] ?? [])
        case .dag:
            segment = dag(plan)
        case .conditional:
            segment = decision(plan, kind: "if", condition: plan.properties["condition"],
                               lanes: [("then", plan.children["then"] ?? []), ("else", plan.children["else"] ?? [])])
        case .switchCase:
            let cases = plan.children.keys.filter { $0.hasPrefix("cases.") }.sorted()
            let lanes = cases.map { ("case \(String($0.dropFirst("cases.".count)))", plan.children[$0] ?? []) }
                + [("defaults", plan.children["defaults"] ?? [])]
            segment = decision(plan, kind: "switch", condition: plan.properties["value"], lanes: lanes)
        case .forEach, .loop:
            var lines = clusterLines(plan)
            if let values = plan.properties["values"] { lines.append("values: " + Self.brief(values)) }
            if let limit = plan.properties["concurrencyLimit"] { lines.append("concurrencyLimit: " + Self.brief(limit)) }
            segment = sequence(plan, kind: plan.kind.rawValue, lines: lines)
        case .loopUntil:
            var lines = clusterLines(plan)
            if let condition = plan.properties["condition"] { lines.append("until: " + Self.brief(condition)) }
            segment = sequence(plan, kind: "loopUntil", lines: lines)
        case .sequential, .workingDirectory, .allowFailure:
            segment = sequence(plan, kind: plan.kind.rawValue, lines: clusterLines(plan))
        }
        handlers(plan, &segment)
        return segment
    }

    /// A flowable whose tasks run one after another, drawn as a cluster around them.
    private mutating func sequence(_ plan: PlanNode, kind: String, lines: [String]) -> Segment {
        var body = list(plan.children["tasks"] ?? [])
        if body.entries.isEmpty {
            let empty = makeNode("j_\(plan.id)", .junction, [], taskId: nil)
            body = Segment(items: [.node(empty)], entries: [empty.id], exits: [empty.id])
        }
        let cluster = TopologyGraph.Cluster(id: unique("c_\(plan.id)"), lines: lines, taskId: plan.id, kind: kind, layout: .column, items: body.items)
        return Segment(items: [.cluster(cluster)], entries: body.entries, exits: body.exits)
    }

    /// Parallel: every child a branch between two junctions.
    private mutating func branches(_ plan: PlanNode, kind: String, _ children: [PlanNode]) -> Segment {
        let split = makeNode("j_\(plan.id)_split", .junction, [], taskId: nil)
        let join = makeNode("j_\(plan.id)_join", .junction, [], taskId: nil)
        var items: [TopologyGraph.Item] = [.node(split)]
        for child in children {
            let branch = node(child)
            items += branch.items
            connect([split.id], branch.entries)
            connect(branch.exits, [join.id])
        }
        if children.isEmpty { connect([split.id], [join.id]) }
        items.append(.node(join))
        var lines = clusterLines(plan)
        if let limit = plan.properties["concurrent"] { lines.append("concurrent: " + Self.brief(limit)) }
        let cluster = TopologyGraph.Cluster(id: unique("c_\(plan.id)"), lines: lines, taskId: plan.id, kind: kind, layout: .row, items: items)
        return Segment(items: [.cluster(cluster)], entries: [split.id], exits: [join.id])
    }

    /// Dag: tasks without dependencies start at the split, each edge is a dependency, tasks
    /// nothing depends on end at the join.
    private mutating func dag(_ plan: PlanNode) -> Segment {
        let split = makeNode("j_\(plan.id)_split", .junction, [], taskId: nil)
        let join = makeNode("j_\(plan.id)_join", .junction, [], taskId: nil)
        let children = plan.children["tasks"] ?? []
        var items: [TopologyGraph.Item] = [.node(split)]
        var segments: [String: Segment] = [:]
        for child in children {
            let segment = node(child)
            segments[child.id] = segment
            items += segment.items
        }
        let needed = Set(plan.dependsOn.values.flatMap { $0 })
        for child in children {
            guard let segment = segments[child.id] else { continue }
            let deps = (plan.dependsOn[child.id] ?? []).compactMap { segments[$0] }
            if deps.isEmpty { connect([split.id], segment.entries) }
            for dep in deps { connect(dep.exits, segment.entries) }
            if !needed.contains(child.id) { connect(segment.exits, [join.id]) }
        }
        if children.isEmpty { connect([split.id], [join.id]) }
        items.append(.node(join))
        let cluster = TopologyGraph.Cluster(id: unique("c_\(plan.id)"), lines: clusterLines(plan), taskId: plan.id, kind: "dag", layout: .column, items: items)
        return Segment(items: [.cluster(cluster)], entries: [split.id], exits: [join.id])
    }

    /// If and Switch: a decision node, one lane per branch (an empty one goes straight to the
    /// join), the lanes meeting at a junction.
    private mutating func decision(_ plan: PlanNode, kind: String, condition: JSONValue?, lanes: [(String, [PlanNode])]) -> Segment {
        let decide = makeNode("d_\(plan.id)", .decision, [condition.map(Self.brief) ?? plan.id], taskId: nil)
        let join = makeNode("j_\(plan.id)_join", .junction, [], taskId: nil)
        var items: [TopologyGraph.Item] = [.node(decide)]
        for (title, tasks) in lanes {
            let body = list(tasks)
            guard !body.entries.isEmpty else {
                // Kestra draws no lane for an absent `else` or `defaults`.
                connect([decide.id], [join.id], label: title)
                continue
            }
            let laneCluster = TopologyGraph.Cluster(id: unique("l_\(plan.id)_\(title)"), lines: [title], taskId: nil, kind: "lane", layout: .column, items: body.items)
            items.append(.cluster(laneCluster))
            connect([decide.id], body.entries, label: title)
            connect(body.exits, [join.id])
        }
        items.append(.node(join))
        let cluster = TopologyGraph.Cluster(id: unique("c_\(plan.id)"), lines: clusterLines(plan), taskId: plan.id, kind: kind, layout: .row, items: items)
        return Segment(items: [.cluster(cluster)], entries: [decide.id], exits: [join.id])
    }

    /// A task's own `errors` and `finally`: dashed side lanes off its exits.
    private mutating func handlers(_ plan: PlanNode, _ segment: inout Segment) {
        if !plan.errors.isEmpty {
            let errors = lane("\(plan.id)_errors", kind: "errors", plan.errors, title: "errors of \(plan.id)")
            segment.items.append(errors.item)
            connect(segment.exits, errors.entries, label: "on failure", dashed: true)
        }
        if !plan.finally.isEmpty {
            let finally = lane("\(plan.id)_finally", kind: "finally", plan.finally, title: "finally of \(plan.id)")
            segment.items.append(finally.item)
            connect(segment.exits, finally.entries, label: "finally", dashed: true)
        }
    }

    private mutating func lane(_ name: String, kind: String, _ nodes: [PlanNode], title: String? = nil) -> (item: TopologyGraph.Item, entries: [String], exits: [String]) {
        let body = list(nodes)
        let cluster = TopologyGraph.Cluster(id: unique("l_\(name)"), lines: [title ?? name], taskId: nil, kind: kind, layout: .column, items: body.items)
        return (.cluster(cluster), body.entries, body.exits)
    }

    // MARK: labels, ids, edges

    private func taskLines(_ plan: PlanNode) -> [String] {
        var lines = [plan.id, TopologyGraph.shortType(plan.type)]
        if let image = plan.container?.create["Image"] { lines.append(Self.brief(image)) }
        if plan.kind == .process { lines.append("process runner") }
        if plan.kind == .subflow, let flowId = plan.properties["flowId"] {
            lines.append("→ " + [plan.properties["namespace"], flowId].compactMap { $0.map(Self.brief) }.joined(separator: "."))
        }
        return lines
    }

    private func clusterLines(_ plan: PlanNode) -> [String] {
        [plan.id, TopologyGraph.shortType(plan.type)]
    }

    /// A value on one short line: templates as written, lists joined, long text cut at 48
    /// characters with an ellipsis.
    static func brief(_ value: JSONValue) -> String {
        let text: String
        if let template = value.template {
            text = template.text
        } else {
            switch value {
            case .string(let s): text = s
            case .array(let items): text = "[" + items.map(brief).joined(separator: ", ") + "]"
            case .int(let i): text = String(i)
            case .bool(let b): text = String(b)
            case .double(let d): text = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case .null: text = "null"
            case .object: text = "{…}"
            }
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 48 ? String(line.prefix(47)) + "…" : line
    }

    private mutating func makeNode(_ base: String, _ shape: TopologyGraph.Shape, _ lines: [String], taskId: String?) -> TopologyGraph.Node {
        TopologyGraph.Node(id: unique(base), shape: shape, lines: lines, taskId: taskId)
    }

    /// `base` with every character outside `[A-Za-z0-9_]` as `_`, numbered when taken.
    private mutating func unique(_ base: String) -> String {
        let clean = String(base.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "_"
        })
        var id = clean
        var n = 2
        while used.contains(id) { id = "\(clean)_\(n)"; n += 1 }
        used.insert(id)
        return id
    }

    private mutating func connect(_ from: [String], _ to: [String], label: String? = nil, dashed: Bool = false) {
        for a in from {
            for b in to where !edges.contains(where: { $0.from == a && $0.to == b }) {
                edges.append(TopologyGraph.Edge(from: a, to: b, label: label, dashed: dashed))
            }
        }
    }
}

extension TopologyGraph.Item {
    var nodeId: String? {
        if case .node(let n) = self { return n.id }
        return nil
    }
}
