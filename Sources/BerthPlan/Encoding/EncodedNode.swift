/// One value under construction by ``PlanEncoder``: the encoder's containers fill it, the
/// ``PrettyJSONWriter`` writes it. JSON values and pre-written JSON are kept as they are.
final class EncodedNode {
    enum Kind {
        case null
        /// The exact text of a number, boolean or escaped string.
        case literal([UInt8])
        case string(String)
        case json(JSONValue)
        case raw(CanonicalJSON)
        case object
        case array
    }

    var kind: Kind
    /// Members of an object, in the order encoded (written sorted by key).
    var members: [(key: String, value: EncodedNode)] = []
    var items: [EncodedNode] = []

    init(_ kind: Kind) {
        self.kind = kind
    }
}
