import BerthFormats
import BerthPlan
import Foundation

/// Kestra's rules for KV keys and typed values.
enum KVKey {
    /// A key starts with a letter or digit and holds letters, digits, `.`, `_` and `-` only.
    static func validate(_ key: String) throws(ExecutorError) {
        let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") }
        guard let first = key.first, first.isASCII, first.isLetter || first.isNumber, key.allSatisfy(allowed) else {
            throw ExecutorError.task("Key '\(key)' is invalid: a key must start with an alphanumeric character and contain only "
                                     + "alphanumeric characters, dots (.), underscores (_) and hyphens (-)")
        }
    }

    /// The value converted to `kvType` as kv.Set stores it; without a type, the rendered
    /// value's own (text, number, boolean or JSON).
    static func typed(_ value: JSONValue, kvType: String?) throws(ExecutorError) -> (JSONValue, String) {
        let text = value.plainText.trimmingCharacters(in: .whitespaces)
        func invalid(_ what: String) -> ExecutorError { .task("kvType \(kvType ?? ""): \"\(text)\" is not \(what)") }
        switch kvType?.uppercased() {
        case nil:
            switch value {
            case .int, .double: return (value, "NUMBER")
            case .bool: return (value, "BOOLEAN")
            case .array, .object: return (value, "JSON")
            default: return (.string(value.plainText), "STRING")
            }
        case "STRING": return (.string(value.plainText), "STRING")
        case "NUMBER":
            if case .int = value { return (value, "NUMBER") }
            if case .double = value { return (value, "NUMBER") }
            if let i = KestraNumber.integer(text) { return (.int(i), "NUMBER") }
            guard let d = KestraNumber.double(text) else { throw invalid("a number") }
            return (.double(d), "NUMBER")
        case "BOOLEAN":
            if case .bool = value { return (value, "BOOLEAN") }
            guard ["true", "false"].contains(text.lowercased()) else { throw invalid("true or false") }
            return (.bool(text.lowercased() == "true"), "BOOLEAN")
        case "JSON":
            if case .array = value { return (value, "JSON") }
            if case .object = value { return (value, "JSON") }
            guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { throw invalid("JSON") }
            return (parsed, "JSON")
        case "DURATION":
            guard ISODuration.seconds(text) != nil else { throw invalid("an ISO-8601 duration") }
            return (.string(text), "DURATION")
        case "DATE", "DATETIME":
            guard text.count >= 10, ISO8601DateFormatter.kvDate(text, time: kvType?.uppercased() == "DATETIME") else {
                throw invalid(kvType?.uppercased() == "DATE" ? "an ISO-8601 date" : "an ISO-8601 date-time")
            }
            return (.string(text), kvType!.uppercased())
        default:
            throw ExecutorError.task("kvType must be STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION or JSON, not \"\(kvType ?? "")\"")
        }
    }
}

private extension ISO8601DateFormatter {
    static func kvDate(_ text: String, time: Bool) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = time ? [.withInternetDateTime, .withFractionalSeconds] : [.withFullDate]
        if formatter.date(from: text) != nil { return true }
        formatter.formatOptions = time ? [.withInternetDateTime] : [.withFullDate]
        return formatter.date(from: text) != nil
    }
}
