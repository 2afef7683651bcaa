import Foundation

/// A JSON value held as its canonical compact text: members sorted by key, no whitespace,
/// strings and numbers as the plan encoding writes them. The compiler writes container create
/// bodies this way, straight from the flow, and the plan encoder copies them into the plan
/// (re-indented) without a value tree; readers decode ``value`` when they need one.
public struct CanonicalJSON: Sendable, Hashable, Codable {
    /// The compact UTF-8 text.
    public let bytes: [UInt8]

    /// Text already canonical (as ``CanonicalWriter`` produces it).
    init(canonical bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The canonical text of `value`.
    public init(_ value: JSONValue) {
        var out: [UInt8] = []
        CanonicalWriter.write(value, into: &out)
        bytes = out
    }

    /// The value, decoded (numbers written without a fraction read back as integers, as from
    /// a plan file).
    public var value: JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))) ?? .null
    }

    /// `value[key]` for an object.
    public subscript(key: String) -> JSONValue? { value[key] }

    public init(from decoder: any Decoder) throws {
        self.init(try JSONValue(from: decoder))
    }

    /// Other encoders than ``PlanEncoder`` get the decoded value.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
