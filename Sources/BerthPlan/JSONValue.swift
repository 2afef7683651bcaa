import Foundation

/// A JSON value with deterministic encoding (object keys sorted), used for the free-form parts
/// of a plan: the Engine API create body, variables, task properties.
public indirect enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int64.self) { self = .int(i) }
        else if let d = try? container.decode(Double.self) { self = .double(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// A double as `encode(to:)` has `JSONEncoder` write it, for the plan's own writers.
    static func encodedDouble(_ d: Double) -> String {
        if d.isNaN { return "\"NaN\"" }
        if d.isInfinite { return d < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        return JSONText.number(d == 0 ? 0 : d)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d):
            // JSON has no infinity or NaN (YAML's .inf and .nan): they travel as Jackson prints
            // them, as strings. -0 is written as 0, which reads back as the same value.
            if d.isNaN { try container.encode("NaN") }
            else if d.isInfinite { try container.encode(d < 0 ? "-Infinity" : "Infinity") }
            else { try container.encode(d == 0 ? 0 : d) }
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The value as text: strings as they are, numbers and booleans as written, null as
    /// nothing, lists and maps as compact JSON with sorted keys.
    public var plainText: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        case .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }
    }

    /// A number as a Double, whether it was written as an integer or not: a plan read back
    /// from JSON holds `2` where the compiler wrote `2.0` (seconds, for instance).
    public var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A template kept for run time: `{"$template": text, "$type": type}`. The executor renders
    /// `text` and converts it to `type` (see grammar/plan.md).
    public static func template(_ text: String, as type: TemplateType = .string) -> JSONValue {
        .object(["$template": .string(text), "$type": .string(type.rawValue)])
    }

    /// The template text and type when this value is a `$template` object.
    public var template: (text: String, type: TemplateType)? {
        guard case .object(let o) = self, o.count == 2, case .string(let text)? = o["$template"],
              case .string(let type)? = o["$type"], let kind = TemplateType(rawValue: type) else { return nil }
        return (text, kind)
    }
}

/// What a `$template` renders to.
public enum TemplateType: String, Sendable, Codable, CaseIterable {
    /// The rendered text.
    case string
    /// An integer (from the rendered text).
    case integer
    /// true or false.
    case boolean
    /// A byte size (`512MB` → 536870912).
    case bytes
    /// CPUs as nano-CPUs (`1.5` → 1500000000).
    case nanoCpus
    /// Seconds from an ISO-8601 duration.
    case seconds
    /// A JSON value (a rendered list or map).
    case json
}
