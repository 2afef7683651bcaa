import BerthSchema
import BerthYAML

/// A trigger of a flow as the topology draws it (triggers are not part of the plan: berth
/// runs a flow when asked, it does not schedule it).
public struct FlowTrigger: Sendable, Equatable {
    public var id: String
    /// The canonical type when berth knows it (aliases resolved), else as written.
    public var type: String
    /// Whether `disabled: true` is set.
    public var disabled: Bool

    /// The triggers of each flow document of `check`, in document order.
    public static func all(in check: CheckResult) -> [[FlowTrigger]] {
        check.stream.documents.compactMap(\.root).map { root in
            (root["triggers"]?.sequence ?? []).compactMap { item -> FlowTrigger? in
                guard let id = item["id"]?.scalar, let written = item["type"]?.scalar else { return nil }
                let type = Grammar.standard.type(written, in: "trigger")?.schema.name ?? written
                return FlowTrigger(id: id, type: type, disabled: item["disabled"]?.scalar?.lowercased() == "true")
            }
        }
    }
}
