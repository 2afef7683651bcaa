import Crypto
import Foundation

/// Filters, functions and tests (the list and arities are in grammar/schema/expressions.yaml).
extension Evaluator {
    /// Names in the catalog that berth does not evaluate (they need a Kestra server).
    public static let unavailable: Set<String> = ["fileURI", "encrypt", "decrypt", "errorLogs", "tasksWithState",
                                                  "fromIon", "toIon", "currentEachOutput", "fileExists", "fileSize",
                                                  "fetchContext", "className", "randomPort", "escapeChar", "isPublicHoliday"]

    func text(_ v: Value) -> String { TemplateText.render(v) }

    func fail(_ message: String, _ range: Range<Int>) -> EvaluationError { EvaluationError(message: message, range: range) }

    func filter(_ name: String, _ input: Value, _ args: [Value], _ range: Range<Int>) throws -> Value {
        func arg(_ i: Int) -> Value { i < args.count ? args[i] : .null }
        func int(_ v: Value) throws -> Int {
            guard let d = Operators.number(v) else { throw fail("filter \"\(name)\" expects a number, got a \(v.typeName)", range) }
            return Int(d)
        }
        switch name {
        case "upper": return .string(text(input).uppercased())
        case "lower": return .string(text(input).lowercased())
        case "capitalize":
            let s = text(input)
            return .string(s.prefix(1).uppercased() + s.dropFirst())
        case "title":
            return .string(text(input).split(separator: " ", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " "))
        case "trim": return .string(text(input).trimmingCharacters(in: .whitespacesAndNewlines))
        case "default":
            let empty: Bool = switch input {
            case .null: true
            case .string(let s): s.isEmpty
            case .list(let l): l.isEmpty
            case .map(let m): m.isEmpty
            default: false
            }
            return empty ? arg(0) : input
        case "length":
            switch input {
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            case .null: return .int(0)
            default: return .int(Int64(text(input).count))
            }
        case "join":
            guard case .list(let items) = input else { return input }
            return .string(items.map(text).joined(separator: args.isEmpty ? "" : text(arg(0))))
        case "split":
            let separator = text(arg(0))
            var parts = text(input).components(separatedBy: separator)
            if args.count > 1, let limit = try? int(arg(1)), limit > 0, parts.count > limit {
                parts = Array(parts.prefix(limit - 1)) + [parts.dropFirst(limit - 1).joined(separator: separator)]
            }
            return .list(parts.map(Value.string))
        case "first", "last":
            switch input {
            case .list(let l): return (name == "first" ? l.first : l.last) ?? .null
            default:
                let s = text(input)
                return .string(String((name == "first" ? s.first : s.last).map { String($0) } ?? ""))
            }
        case "replace":
            var s = text(input)
            if case .map(let pairs) = arg(0) {
                for (k, v) in pairs.pairs { s = s.replacingOccurrences(of: k, with: text(v)) }
            } else {
                s = s.replacingOccurrences(of: text(arg(0)), with: text(arg(1)))
            }
            return .string(s)
        case "slice":
            let from = try int(arg(0))
            switch input {
            case .list(let l):
                let to = args.count > 1 ? try int(arg(1)) : l.count
                guard from >= 0, to <= l.count, from <= to else { throw fail("slice(\(from), \(to)) is out of range for \(l.count) items", range) }
                return .list(Array(l[from..<to]))
            default:
                let chars = Array(text(input))
                let to = args.count > 1 ? try int(arg(1)) : chars.count
                guard from >= 0, to <= chars.count, from <= to else { throw fail("slice(\(from), \(to)) is out of range for \(chars.count) characters", range) }
                return .string(String(chars[from..<to]))
            }
        case "sort", "rsort":
            guard case .list(let l) = input else { return input }
            let sorted = l.sorted { (Operators.compare($0, $1) ?? 0) < 0 }
            return .list(name == "sort" ? sorted : sorted.reversed())
        case "reverse":
            if case .list(let l) = input { return .list(l.reversed()) }
            return .string(String(text(input).reversed()))
        case "abs":
            switch input {
            case .int(let i): return .int(abs(i))
            case .double(let d): return .double(abs(d))
            default: throw fail("abs expects a number, got a \(input.typeName)", range)
            }
        case "number":
            let s = text(input).trimmingCharacters(in: .whitespaces)
            let type = args.isEmpty ? nil : text(arg(0)).uppercased()
            if type == nil || type == "INT" || type == "LONG" || type == "BIGINTEGER", let i = Int64(s) { return .int(i) }
            if let d = Double(s) { return type == "INT" || type == "LONG" ? .int(Int64(d)) : .double(d) }
            throw fail("\"\(s)\" is not a number", range)
        case "numberFormat":
            guard let d = Operators.number(input) else { throw fail("numberFormat expects a number", range) }
            return .string(formatNumber(d, pattern: text(arg(0))))
        case "date":
            let format = args.isEmpty ? nil : text(arg(0))
            let zone = args.count > 2 ? TimeZone(identifier: text(arg(2))) ?? context.timeZone : context.timeZone
            guard let (date, _) = DateFormatting.date(from: input, existingFormat: args.count > 1 && !arg(1).isNull ? text(arg(1)) : nil, zone: zone) else {
                throw fail("cannot read \"\(text(input))\" as a date", range)
            }
            guard let format else { return .string(DateFormatting.iso(date, zone: zone)) }
            return .string(DateFormatting.formatter(javaPattern(format), zone: zone).string(from: date))
        case "dateAdd":
            guard let (date, zone) = DateFormatting.date(from: input, zone: context.timeZone),
                  let added = DateFormatting.add(try int(arg(0)), text(arg(1)), to: date, zone: zone) else {
                throw fail("dateAdd: cannot add \(text(arg(0))) \(text(arg(1))) to \"\(text(input))\"", range)
            }
            return .date(added, zone)
        case "timestamp", "timestampMicro", "timestampNano":
            guard let (date, _) = DateFormatting.date(from: input, zone: context.timeZone) else { throw fail("cannot read \"\(text(input))\" as a date", range) }
            let scale: Double = name == "timestamp" ? 1 : (name == "timestampMicro" ? 1e6 : 1e9)
            return .int(Int64((date.timeIntervalSince1970 * scale).rounded(.down)))
        case "toJson", "json": return .string(ValueJSON.encode(input))
        case "yaml": return .string(YAMLText.encode(input))
        case "jq": return try JQ.run(text(arg(0)), on: input, range: range)
        case "keys":
            guard case .map(let m) = input else { throw fail("keys expects a map, got a \(input.typeName)", range) }
            return .list(m.keys.map(Value.string))
        case "values":
            guard case .map(let m) = input else { throw fail("values expects a map, got a \(input.typeName)", range) }
            return .list(m.values)
        case "flatten":
            guard case .list(let l) = input else { return input }
            return .list(l.flatMap { if case .list(let inner) = $0 { return inner } else { return [$0] } })
        case "chunk":
            guard case .list(let l) = input else { return input }
            let size = max(1, try int(arg(0)))
            return .list(stride(from: 0, to: l.count, by: size).map { .list(Array(l[$0..<min($0 + size, l.count)])) })
        case "merge":
            switch (input, arg(0)) {
            case (.list(let a), .list(let b)): return .list(a + b)
            case (.map(var a), .map(let b)):
                for (k, v) in b.pairs { a[k] = v }
                return .map(a)
            default: throw fail("merge needs two lists or two maps", range)
            }
        case "base64encode": return .string(Data(text(input).utf8).base64EncodedString())
        case "base64decode":
            guard let data = Data(base64Encoded: text(input)) else { throw fail("not base64: \"\(text(input))\"", range) }
            return .string(String(decoding: data, as: UTF8.self))
        case "sha1": return .string(hex(Insecure.SHA1.hash(data: Data(text(input).utf8))))
        case "sha256": return .string(hex(SHA256.hash(data: Data(text(input).utf8))))
        case "sha512": return .string(hex(SHA512.hash(data: Data(text(input).utf8))))
        case "md5": return .string(hex(Insecure.MD5.hash(data: Data(text(input).utf8))))
        case "urlencode":
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-_.*")
            let encoded = text(input).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return .string(encoded.replacingOccurrences(of: "%20", with: "+"))
        case "urldecode":
            return .string(text(input).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text(input))
        case "slugify":
            let folded = text(input).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
            var slug = ""
            for ch in folded.unicodeScalars {
                if CharacterSet.alphanumerics.contains(ch) && ch.isASCII { slug.unicodeScalars.append(ch) } else if !slug.hasSuffix("-") { slug += "-" }
            }
            return .string(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
        case "substringBefore", "substringAfter", "substringBeforeLast", "substringAfterLast":
            let s = text(input), separator = text(arg(0))
            let options: String.CompareOptions = name.hasSuffix("Last") ? .backwards : []
            guard !separator.isEmpty, let found = s.range(of: separator, options: options) else {
                return .string(name.hasPrefix("substringBefore") ? s : "")
            }
            return .string(name.hasPrefix("substringBefore") ? String(s[..<found.lowerBound]) : String(s[found.upperBound...]))
        case "startsWith": return .bool(text(input).hasPrefix(text(arg(0))))
        case "endsWith": return .bool(text(input).hasSuffix(text(arg(0))))
        case "indent", "nindent":
            let pad = String(repeating: args.count > 1 ? text(arg(1)) : " ", count: try int(arg(0)))
            let lines = text(input).components(separatedBy: "\n")
            let body = lines.enumerated().map { $0.offset == 0 && name == "indent" ? $0.element : pad + $0.element }.joined(separator: "\n")
            return .string(name == "nindent" ? "\n" + body : body)
        default:
            throw fail(Self.unavailable.contains(name) ? "filter \"\(name)\" needs a Kestra server; berth does not evaluate it" : "unknown filter \"\(name)\"", range)
        }
    }

    func function(_ name: String, _ args: [Value], _ named: [String: Value], _ range: Range<Int>, _ template: Template, _ locals: Locals) throws -> Value {
        func arg(_ i: Int, _ key: String) -> Value { i < args.count ? args[i] : (named[key] ?? .null) }
        switch name {
        case "now":
            let zone = arg(0, "timeZone").isNull ? context.timeZone : TimeZone(identifier: text(arg(0, "timeZone"))) ?? context.timeZone
            return .date(context.now, zone)
        case _ where Self.calendarFunctions.contains(name):
            return try calendarFunction(name, args, range)
        case "fromJson", "json":
            do { return try ValueJSON.decode(text(arg(0, "json"))) } catch { throw fail("fromJson: \(error.message)", range) }
        case "loopOutputs":
            // Kestra 2.0: one declared output of a Loop across its iterations, null where one lacks it.
            guard case .list(let iterations) = arg(0, "outputs") else { throw fail("loopOutputs: the first argument must be a Loop's outputs.<loop>.outputs list", range) }
            let id = text(arg(1, "id"))
            return .list(iterations.map { iteration in
                guard case .map(let entry) = iteration, case .map(let outputs)? = entry["outputs"] else { return .null }
                return outputs[id] ?? .null
            })
        case "yaml":
            do { return try YAMLText.decode(text(arg(0, "yaml"))) } catch { throw fail("yaml: \(error.message)", range) }
        case "secret":
            let key = text(arg(0, "key"))
            guard let value = context.secret(key) else {
                throw fail("Cannot find secret for key '\(key)' (berth reads SECRET_\(key), base64-encoded, from the environment)", range)
            }
            revealedSecrets.insert(value)
            return .string(value)
        case "read":
            let path = text(arg(0, "path"))
            guard !path.isEmpty else {
                throw fail("The 'read' function expects an argument 'path' that is a path to a namespace file or an internal storage URI.", range)
            }
            return .string(try context.readFile(path))
        case "kv":
            let key = text(arg(0, "key"))
            let namespace = arg(1, "namespace").isNull ? nil : text(arg(1, "namespace"))
            let errorOnMissing = arg(2, "errorOnMissing").isNull ? true : arg(2, "errorOnMissing").isTruthy
            let found: (value: Value?, namespace: String)
            do { found = try context.kv(key, namespace) } catch let error as EvaluationError {
                throw fail(error.message, range)
            }
            if let value = found.value { return value }
            guard !errorOnMissing else { throw fail("The key '\(key)' does not exist in the namespace '\(found.namespace)'.", range) }
            return .null
        case "render", "renderOnce":
            renderDepth += 1
            defer { renderDepth -= 1 }
            guard renderDepth <= 16 else { throw fail("render() nests more than 16 levels", range) }
            var current = arg(0, "toRender")
            // render() renders until the text stops changing; renderOnce() renders one level.
            for _ in 0..<(name == "render" ? 16 : 1) {
                guard case .string(let s) = current, TemplateParser.containsTemplate(s) else { break }
                current = try evaluate(s)
            }
            return current
        case "uuid": return .string(UUID().uuidString.lowercased())
        case "id": return .string(String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(22)))
        case "randomInt":
            guard let low = Operators.number(arg(0, "lower")), let high = Operators.number(arg(1, "upper")), high > low else {
                throw fail("randomInt(lower, upper) needs lower < upper", range)
            }
            return .int(Int64.random(in: Int64(low)..<Int64(high)))
        case "range":
            guard let start = Operators.number(arg(0, "start")), let end = Operators.number(arg(1, "end")) else { throw fail("range(start, end[, step]) needs numbers", range) }
            let step = Operators.number(arg(2, "step")) ?? 1
            guard step != 0, abs((end - start) / step) <= 1_000_000 else { throw fail("range: invalid step or too many values", range) }
            return .list(Array(stride(from: Int64(start), through: Int64(end), by: Int64.Stride(step))).map(Value.int))
        case "max", "min":
            let items = args.count == 1 ? (args[0].listItems ?? args) : args
            let best = items.dropFirst().reduce(items.first) { acc, v in
                guard let acc, let order = Operators.compare(v, acc) else { return acc }
                return (name == "max" ? order > 0 : order < 0) ? v : acc
            }
            return best ?? .null
        case "printContext":
            var map = context.variables
            for scope in locals.scopes { for (k, v) in scope { map[k] = v } }
            return .string(ValueJSON.encode(.map(map)))
        default:
            throw fail(Self.unavailable.contains(name) ? "function \"\(name)\" needs a Kestra server; berth does not evaluate it" : "unknown function \"\(name)\"", range)
        }
    }

    func test(_ name: String, _ input: Value, _ args: [Value], _ range: Range<Int>) throws -> Bool {
        switch name {
        case "null", "none": return input.isNull
        case "empty":
            switch input {
            case .null: return true
            case .string(let s): return s.isEmpty
            case .list(let l): return l.isEmpty
            case .map(let m): return m.isEmpty
            default: return false
            }
        case "even", "odd":
            guard let n = Operators.number(input), n == n.rounded() else { throw fail("\(name) expects an integer", range) }
            return (Int64(n) % 2 == 0) == (name == "even")
        case "iterable":
            if case .list = input { return true }
            if case .map = input { return true }
            return false
        case "map":
            if case .map = input { return true }
            return false
        case "json":
            return (try? ValueJSON.decode(text(input))) != nil
        default:
            throw fail("unknown test \"\(name)\"", range)
        }
    }

    private func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Java date pattern letters that differ from ICU's.
    private func javaPattern(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "u", with: "y")
    }

    /// A subset of Java's DecimalFormat: `#`, `0`, `,` grouping and `.` decimals.
    private func formatNumber(_ value: Double, pattern: String) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.positiveFormat = pattern
        formatter.negativeFormat = "-" + pattern
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}

extension Value {
    var listItems: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }
}
