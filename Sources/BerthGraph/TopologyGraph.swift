/// A flow's topology as Kestra draws it: nodes for tasks, clusters for flowable tasks and
/// their branches, edges for the order they run in. Built from a plan by ``TopologyBuilder``;
/// drawn by ``MermaidRenderer``, ``DotRenderer`` and ``HTMLTopology``. Deterministic: the same
/// plan gives the same graph, ids included.
public struct TopologyGraph: Sendable, Equatable {
    public enum Shape: String, Sendable {
        /// A runnable task.
        case task
        /// An If or Switch: where branches part.
        case decision
        /// Where the branches of a Parallel or Dag part or meet (no label).
        case junction
        /// The flow's start and end.
        case start, end
        /// A trigger: an entry into the flow.
        case trigger
    }

    public struct Node: Sendable, Equatable {
        /// Unique in the graph: `[A-Za-z0-9_]+`.
        public var id: String
        public var shape: Shape
        /// The label, one entry per line: task id, short type, container image.
        public var lines: [String]
        /// The Kestra task id this node stands for (report states are keyed by it).
        public var taskId: String?
    }

    public enum Layout: String, Sendable {
        /// Items one under the other (a sequence).
        case column
        /// Items side by side (branches).
        case row
    }

    public struct Cluster: Sendable, Equatable {
        /// Unique in the graph: `[A-Za-z0-9_]+`.
        public var id: String
        /// The title, one entry per line.
        public var lines: [String]
        /// The flowable task the cluster stands for; nil for a lane (then, else, a case, errors).
        public var taskId: String?
        /// `parallel`, `sequential`, `if`, `switch`, `forEach`, `dag`, `workingDirectory`,
        /// `allowFailure`, `lane`, `errors`, `finally`, `afterExecution`.
        public var kind: String
        public var layout: Layout
        public var items: [Item]
    }

    public indirect enum Item: Sendable, Equatable {
        case node(Node)
        case cluster(Cluster)
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String?
        /// Handlers and triggers: a path taken only sometimes.
        public var dashed: Bool
    }

    /// A trigger of the flow (triggers are not part of the plan).
    public struct Trigger: Sendable, Equatable {
        public var id: String
        public var type: String
        /// Drawn with a `disabled` line: it is in the flow but never fires.
        public var disabled: Bool

        public init(id: String, type: String, disabled: Bool = false) {
            self.id = id
            self.type = type
            self.disabled = disabled
        }
    }

    /// `namespace.id`.
    public var flow: String
    public var items: [Item]
    public var edges: [Edge]

    /// Every node, depth first in drawing order.
    public var nodes: [Node] {
        var out: [Node] = []
        func visit(_ items: [Item]) {
            for item in items {
                switch item {
                case .node(let n): out.append(n)
                case .cluster(let c): visit(c.items)
                }
            }
        }
        visit(items)
        return out
    }

    /// `io.kestra.plugin.scripts.shell.Commands` → `shell.Commands`: the last two parts, which
    /// tell the plugin and the task apart.
    public static func shortType(_ type: String) -> String {
        let parts = type.split(separator: ".")
        return parts.suffix(2).joined(separator: ".")
    }
}
