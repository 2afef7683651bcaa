import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

/// Typed input values: given values checked against the declarations as Kestra checks them,
/// defaults applied, FILE inputs copied into the storage (the value is then their `kestra://`
/// URI), SECRET inputs registered with the masker before anything can print them.
struct InputValues {
    let declarations: [PlanInput]
    let masker: SecretMasker
    /// Where FILE inputs go, and the storage path of this execution's inputs (`…/inputs`).
    let storage: Storage
    let inputsPath: String
    /// Relative paths of FILE inputs are read from here.
    let workingDirectory: String

    func resolve(_ given: [String: String]) throws(ExecutorError) -> ValueMap {
        for input in declarations where input.type == "SECRET" {
            if let raw = given[input.id] { masker.register(raw) }
        }
        for key in given.keys.sorted() where !declarations.contains(where: { $0.id == key }) {
            throw ExecutorError.plan("unknown input \"\(key)\"; the flow declares: \(declarations.map(\.id).joined(separator: ", "))")
        }
        var result = ValueMap()
        for input in declarations {
            if let raw = given[input.id] {
                result[input.id] = try typed(raw, input)
            } else if let defaults = input.defaults {
                if input.type == "SECRET", let text = defaults.stringValue { masker.register(text) }
                result[input.id] = Values.value(defaults)
            } else if input.required {
                throw ExecutorError.plan("missing input \"\(input.id)\" (\(input.type)); pass --input \(input.id)=VALUE")
            }
        }
        return result
    }

    func typed(_ raw: String, _ input: PlanInput) throws(ExecutorError) -> Value {
        // The message shape is Kestra's: "Invalid input for `x`, <reason>, but received `<value>`".
        let shown = input.type == "SECRET" ? SecretMasker.replacement : raw
        func invalid(_ reason: String) -> ExecutorError { .plan("Invalid input for `\(input.id)`, \(reason), but received `\(shown)`") }
        switch input.type {
        case "INT":
            guard let i = KestraNumber.integer(raw) else { throw invalid("it must be an integer") }
            if let m = number(input.validation["min"]), Double(i) < m { throw invalid("it must be more than `\(format(m))`") }
            if let m = number(input.validation["max"]), Double(i) > m { throw invalid("it must be less than `\(format(m))`") }
            return .int(i)
        case "FLOAT":
            guard let d = KestraNumber.double(raw) else { throw invalid("it must be a number") }
            if let m = number(input.validation["min"]), d < m { throw invalid("it must be more than `\(format(m))`") }
            if let m = number(input.validation["max"]), d > m { throw invalid("it must be less than `\(format(m))`") }
            return .double(d)
        case "BOOLEAN", "BOOL":
            switch raw.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw invalid("it must be true or false")
            }
        case "SELECT", "ENUM":
            try checkAllowed([raw], input, invalid)
            return .string(raw)
        case "MULTISELECT":
            guard case .list(let items) = (try? ValueJSON.decode(raw)) ?? .null else { throw invalid("it must be a JSON list") }
            try checkAllowed(items.map(TemplateText.render), input, invalid)
            return .list(items)
        case "JSON":
            guard let parsed = try? ValueJSON.decode(raw) else { throw invalid("it must be valid JSON") }
            return parsed
        case "ARRAY":
            guard case .list(let items)? = try? ValueJSON.decode(raw) else { throw invalid("it must be a JSON list") }
            return .list(items)
        case "DURATION":
            guard ISODuration.seconds(raw) != nil else { throw invalid("it must be an ISO-8601 duration (like PT5M)") }
            return .string(raw)
        case "DATETIME":
            guard ISO8601DateFormatter.lenient(raw) != nil else { throw invalid("it must be an ISO-8601 date and time (like 2026-01-31T10:00:00Z)") }
            return .string(raw)
        case "DATE":
            guard raw.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { throw invalid("it must be a date (like 2026-01-31)") }
            return .string(raw)
        case "TIME":
            guard raw.wholeMatch(of: /\d{2}:\d{2}(:\d{2}(\.\d+)?)?/) != nil else { throw invalid("it must be a time (like 10:30:00)") }
            return .string(raw)
        case "URI":
            guard let url = URL(string: raw), url.scheme != nil else { throw invalid("it must be a URI") }
            return .string(raw)
        case "EMAIL":
            guard raw.wholeMatch(of: /[^@\s]+@[^@\s]+/) != nil else { throw invalid("it must be an email address") }
            return .string(raw)
        case "FILE":
            return .string(try storeFile(raw, input))
        default:
            if let pattern = input.validation["validator"].map(\.plainText) {
                guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { throw invalid("its validator `\(pattern)` is not a regular expression") }
                if regex.firstMatch(in: raw, range: NSRange(raw.startIndex..., in: raw)) == nil { throw invalid("it must match the pattern `\(pattern)`") }
            }
            return .string(raw)
        }
    }

    private func checkAllowed(_ values: [String], _ input: PlanInput, _ invalid: (String) -> ExecutorError) throws(ExecutorError) {
        guard case .array(let options)? = input.validation["values"] ?? input.validation["options"] else { return }
        let allowed = options.map(\.plainText)
        if input.validation["allowCustomValue"] == .bool(true) { return }
        for value in values where !allowed.contains(value) {
            throw invalid("it must match the values `[\(allowed.joined(separator: ", "))]`")
        }
    }

    /// A FILE input: `@path` or a path (relative to where berth runs), copied into the
    /// storage; a `kestra://` URI is kept as it is (an output of an earlier execution).
    private func storeFile(_ raw: String, _ input: PlanInput) throws(ExecutorError) -> String {
        if raw.hasPrefix(Storage.scheme) {
            guard let file = storage.file(for: raw), FileManager.default.fileExists(atPath: file.path) else {
                throw ExecutorError.plan("Invalid input for `\(input.id)`, no file is stored at `\(raw)`")
            }
            return raw
        }
        let path = raw.hasPrefix("@") ? String(raw.dropFirst()) : raw
        let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: absolute) else {
            throw ExecutorError.plan("Invalid input for `\(input.id)`, it must be a readable file (give --input \(input.id)=@PATH), but received `\(raw)`")
        }
        do {
            return try storage.store(URL(fileURLWithPath: absolute), path: inputsPath + "/\(input.id)", name: (absolute as NSString).lastPathComponent, move: false)
        } catch {
            throw ExecutorError.journal("cannot store the file of input `\(input.id)` in \(storage.root.path): \(error.localizedDescription)")
        }
    }

    private func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let i)?: Double(i)
        case .double(let d)?: d
        case .string(let s)?: KestraNumber.double(s)
        default: nil
        }
    }

    private func format(_ value: Double) -> String {
        KestraNumber.int64(value).map { Double($0) == value ? String($0) : String(value) } ?? String(value)
    }
}

extension ISO8601DateFormatter {
    /// An ISO-8601 date-time with or without fractional seconds.
    static func lenient(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
