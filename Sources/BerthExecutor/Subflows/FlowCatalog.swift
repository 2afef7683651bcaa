import BerthPlan

/// Where a Subflow finds the flow it starts: the CLI compiles the flows of a directory
/// (`--flows DIR`); the executor never compiles.
public protocol FlowCatalog: Sendable {
    /// The plan of flow `flowId` in `namespace`; `.plan` with what is missing or broken.
    func plan(namespace: String, flowId: String) throws(ExecutorError) -> Plan
    /// Where flows are looked up, for messages.
    var location: String { get }
}

/// Flows given as plans (tests, and a caller that compiled them already).
public struct PlanCatalog: FlowCatalog {
    public let plans: [Plan]
    public var location: String { "the given plans" }

    public init(_ plans: [Plan]) { self.plans = plans }

    public func plan(namespace: String, flowId: String) throws(ExecutorError) -> Plan {
        guard let plan = plans.first(where: { $0.flow.namespace == namespace && $0.flow.id == flowId }) else {
            throw ExecutorError.plan("no flow \(namespace).\(flowId) in \(location)")
        }
        return plan
    }
}
