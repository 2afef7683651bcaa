import Foundation

/// A runtime value of a template: what Kestra's Pebble context holds (JSON-like, plus dates).
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([Value])
    /// Insertion-ordered, as Kestra's maps are.
    case map(ValueMap)
    /// An instant with the time zone it is shown in (from `now()`, `date`…).
    case date(Date, TimeZone)

    /// A map value from pairs, keeping their order.
    public static func object(_ pairs: [(String, Value)]) -> Value { .map(ValueMap(pairs)) }

    public var isNull: Bool { self == .null }

    /// Truthiness as Pebble and Kestra's If use it: false, null, 0, "", "false", empty list/map are false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty && s.lowercased() != "false" && s != "0" && s != "-0" && s.lowercased() != "null"
        case .list(let l): !l.isEmpty
        case .map(let m): !m.isEmpty
        case .date: true
        }
    }

    /// A short type name for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .list: "list"
        case .map: "map"
        case .date: "date"
        }
    }
}

/// An insertion-ordered string-keyed map.
public struct ValueMap: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init(_ pairs: [(String, Value)] = []) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }
    public var pairs: [(String, Value)] { keys.map { ($0, storage[$0]!) } }
    public var values: [Value] { keys.map { storage[$0]! } }
}
