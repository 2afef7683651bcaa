import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

/// Conversions between plan JSON and template values, and rendering of `$template` objects.
enum Values {
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let items): .list(items.map(value))
        case .object(let o): .map(ValueMap(o.keys.sorted().map { ($0, value(o[$0]!)) }))
        }
    }

    /// An Ion item as templates see it: structs as maps (the last of a repeated field wins),
    /// timestamps and symbols as text.
    static func value(_ ion: IonValue) -> Value {
        switch ion {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .text(let s): .string(s)
        case .list(let items): .list(items.map(value))
        case .structure(let fields):
            .map(ValueMap(Dictionary(fields, uniquingKeysWith: { $1 }).mapValues(value).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(json))
        case .map(let m): .object(Dictionary(m.pairs.map { ($0.0, json($0.1)) }, uniquingKeysWith: { $1 }))
        case .date: .string(TemplateText.render(value))
        }
    }

    /// Renders every `$template` inside `json` and converts it to its declared type.
    static func render(_ json: JSONValue, with evaluator: Evaluator) throws(ExecutorError) -> JSONValue {
        if let (text, type) = json.template {
            let rendered: Value
            do { rendered = try evaluator.evaluate(text) } catch { throw ExecutorError.template(error.message) }
            return try convert(rendered, to: type, source: text)
        }
        switch json {
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try render(item, with: evaluator)) }
            return .array(out)
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (key, item) in o { out[key] = try render(item, with: evaluator) }
            return .object(out)
        default:
            return json
        }
    }

    /// Renders a value that must be text (a command part, a file name).
    static func text(_ json: JSONValue, with evaluator: Evaluator) throws(ExecutorError) -> String {
        (try render(json, with: evaluator).plainText)
    }

    /// A rendered value converted as Kestra converts a property of that type; out-of-range
    /// or malformed values are errors naming the template, never traps.
    static func convert(_ value: Value, to type: TemplateType, source: String) throws(ExecutorError) -> JSONValue {
        let text = TemplateText.render(value)
        func fail(_ what: String) -> ExecutorError { .template("`\(source)` rendered \"\(text)\", which is not \(what)") }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .string: return .string(text)
        case .integer:
            if case .int(let i) = value { return .int(i) }
            guard let i = KestraNumber.integer(trimmed) else { throw fail("an integer") }
            return .int(i)
        case .boolean:
            if case .bool(let b) = value { return .bool(b) }
            switch trimmed.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw fail("true or false")
            }
        case .bytes:
            if case .int(let i) = value { return .int(i) }
            guard let n = ByteSize.bytes(text) else { throw fail("a byte size (like 512MB)") }
            return .int(n)
        case .nanoCpus:
            guard let nano = NanoCPUs.from(trimmed) else { throw fail("a number of CPUs") }
            return .int(nano)
        case .seconds:
            if case .int(let i) = value { return .double(Double(i)) }
            guard let seconds = ISODuration.seconds(trimmed) else { throw fail("an ISO-8601 duration (like PT30S)") }
            return .double(seconds)
        case .json:
            switch value {
            case .list, .map: return json(value)
            case .string(let s):
                if let parsed = try? ValueJSON.decode(s) { return json(parsed) }
                return .string(s)
            default: return json(value)
            }
        }
    }
}
