import BerthExpressions
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
    static func render(_ json: JSONValue, with evaluator: Evaluator) throws -> JSONValue {
        if let (text, type) = json.template {
            let rendered: Value
            do { rendered = try evaluator.evaluate(text) } catch { throw ExecutorError.template("\(error.message)") }
            return try convert(rendered, to: type, source: text)
        }
        switch json {
        case .array(let items): return .array(try items.map { try render($0, with: evaluator) })
        case .object(let o): return .object(try o.mapValues { try render($0, with: evaluator) })
        default: return json
        }
    }

    static func convert(_ value: Value, to type: TemplateType, source: String) throws -> JSONValue {
        let text = TemplateText.render(value)
        func fail(_ what: String) -> ExecutorError { .template("`\(source)` rendered \"\(text)\", which is not \(what)") }
        switch type {
        case .string: return .string(text)
        case .integer:
            if case .int(let i) = value { return .int(i) }
            guard let i = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw fail("an integer") }
            return .int(i)
        case .boolean: return .bool(value.isTruthy)
        case .bytes:
            if case .int(let i) = value { return .int(i) }
            guard let n = ByteSizeParser.bytes(text) else { throw fail("a byte size") }
            return .int(n)
        case .nanoCpus:
            guard let cpus = Double(text.trimmingCharacters(in: .whitespaces)) else { throw fail("a number of CPUs") }
            return .int(Int64((cpus * 1e9).rounded()))
        case .seconds:
            if case .int(let i) = value { return .double(Double(i)) }
            guard let seconds = DurationParser.seconds(text) else { throw fail("an ISO-8601 duration") }
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

/// Byte sizes as Kestra reads them (the executor must not import the compiler's schema module).
enum ByteSizeParser {
    static func bytes(_ text: String) -> Int64? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        for (suffix, multiplier) in [("KB", Int64(1) << 10), ("MB", Int64(1) << 20), ("GB", Int64(1) << 30)] where upper.hasSuffix(suffix) {
            return Int64(upper.dropLast(2)).map { $0 * multiplier }
        }
        return Int64(upper)
    }
}

/// ISO-8601 durations (`PT5M`, `P1DT2H`, or seconds).
enum DurationParser {
    static func seconds(_ text: String) -> Double? {
        if let n = Double(text) { return n }
        let upper = text.uppercased()
        guard upper.hasPrefix("P") else { return nil }
        var total = 0.0
        var number = ""
        var inTime = false
        for ch in upper.dropFirst() {
            if ch == "T" { inTime = true; continue }
            if ch.isNumber || ch == "." || ch == "-" { number.append(ch); continue }
            guard let n = Double(number) else { return nil }
            number = ""
            switch (ch, inTime) {
            case ("D", false): total += n * 86_400
            case ("H", true): total += n * 3_600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
        }
        return number.isEmpty ? total : nil
    }

    /// Kestra's `Timeout after HH:mm:ss.SSS`.
    static func hms(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        return String(format: "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000)
    }
}
