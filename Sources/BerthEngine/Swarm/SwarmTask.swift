import Foundation

/// One task of a service as `GET /tasks` describes it (the parts berth reads).
struct SwarmTask: Decodable, Sendable {
    struct TaskStatus: Decodable, Sendable {
        struct ContainerState: Decodable, Sendable {
            var ContainerID: String?
            var ExitCode: Int?
        }
        /// `new`, `pending`, `assigned`, `accepted`, `preparing`, `ready`, `starting`, `running`,
        /// `complete`, `failed`, `shutdown`, `rejected`, `orphaned`, `remove`.
        var State: String
        var Message: String?
        var Err: String?
        var Timestamp: String?
        var ContainerStatus: ContainerState?
    }

    var ID: String
    var NodeID: String?
    var CreatedAt: String?
    var Status: TaskStatus

    static let ended: Set<String> = ["complete", "failed", "shutdown", "rejected", "orphaned", "remove"]

    /// The task has ended (it will not run again: restart policy `none`).
    var hasEnded: Bool { Self.ended.contains(Status.State) }
    /// Waiting for a node, an image or resources: nothing has run yet.
    var isWaiting: Bool { ["new", "pending", "assigned", "accepted", "preparing", "ready"].contains(Status.State) }
    var containerId: String? { Status.ContainerStatus?.ContainerID.flatMap { $0.isEmpty ? nil : $0 } }
    /// Why the task could not run or failed, as Swarm says it.
    var reason: String { [Status.Err, Status.Message].compactMap { $0 }.first { !$0.isEmpty } ?? Status.State }
}

/// The parts of a service's `GET /services/{id}` berth reads.
struct SwarmService: Decodable, Sendable {
    struct ServiceBody: Decodable, Sendable {
        var Name: String
        var Labels: [String: String]?
        var TaskTemplate: ServiceSpec.Template?
    }
    var ID: String
    var CreatedAt: String?
    var Spec: ServiceBody
}

/// What `GET /info` says of the swarm.
struct SwarmInfo: Decodable, Sendable {
    struct SwarmState: Decodable, Sendable {
        var NodeID: String?
        var LocalNodeState: String?
        var ControlAvailable: Bool?
        var Error: String?
    }
    var Swarm: SwarmState?
}

/// The parts of `GET /nodes/{id}` berth reads: where its engine is and what it is called.
struct SwarmNode: Decodable, Sendable {
    struct NodeSpec: Decodable, Sendable { var Labels: [String: String]? }
    struct NodeDescription: Decodable, Sendable { var Hostname: String? }
    var ID: String
    var Spec: NodeSpec?
    var Description: NodeDescription?
}
