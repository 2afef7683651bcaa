import Foundation

/// What a template can see at run time, and the services its functions use.
public struct EvaluationContext: Sendable {
    /// Root variables: inputs, outputs, vars, flow, execution, taskrun...
    public var variables: ValueMap
    /// `secret('NAME')`: the decoded secret, or nil when it does not exist.
    public var secret: @Sendable (String) -> String?
    /// `read(path)`: the text of a namespace file or stored file.
    public var readFile: @Sendable (String) throws -> String
    /// `kv(key, namespace, errorOnMissing)`: the stored value (nil for a missing or expired
    /// key) and the namespace looked in (a nil namespace means the flow's own).
    public var kv: @Sendable (_ key: String, _ namespace: String?) throws -> (value: Value?, namespace: String)
    /// What `now()` returns (fixed per evaluation so one template sees one instant).
    public var now: Date
    public var timeZone: TimeZone

    public init(variables: ValueMap, secret: @escaping @Sendable (String) -> String? = { _ in nil },
                readFile: @escaping @Sendable (String) throws -> String = { path in throw EvaluationError(message: "read(): no file \"\(path)\"", range: 0..<0) },
                kv: @escaping @Sendable (String, String?) throws -> (value: Value?, namespace: String) = { _, _ in
                    throw EvaluationError(message: "kv(): no KV store here", range: 0..<0)
                },
                now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.variables = variables
        self.secret = secret
        self.readFile = readFile
        self.kv = kv
        self.now = now
        self.timeZone = timeZone
    }

    /// Kestra OSS secrets: `SECRET_<NAME>` environment variables holding base64.
    public static func environmentSecrets(_ environment: [String: String]) -> @Sendable (String) -> String? {
        { name in
            guard let encoded = environment["SECRET_\(name)"],
                  let data = Data(base64Encoded: encoded.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

/// A failure while rendering, at a range of the template (UTF-8 offsets).
public struct EvaluationError: Error, Sendable, Equatable {
    public let message: String
    public let range: Range<Int>

    public init(message: String, range: Range<Int>) {
        self.message = message
        self.range = range
    }
}

/// Renders templates with Kestra's semantics: strict variables (an undefined name is an error
/// naming the template and the line), no escaping, `??` and `???`, lists and maps printed as
/// JSON, and a template that is a single `{{ }}` keeping its native type.
public final class Evaluator: @unchecked Sendable {
    public let context: EvaluationContext
    /// Every secret value a template read: the executor masks these in logs.
    public internal(set) var revealedSecrets: Set<String> = []
    /// Depth of `render()` recursion, bounded.
    var renderDepth = 0

    public init(context: EvaluationContext) {
        self.context = context
    }

    /// The template rendered as text. A string without template syntax is returned as is.
    public func render(_ source: String) throws(EvaluationError) -> String {
        guard TemplateParser.containsTemplate(source) else { return source }
        let template = try parse(source)
        var locals = Locals()
        var out = ""
        try run(template.nodes, template, &locals, &out)
        return out
    }

    /// The value of a template: its native type when the whole template is one `{{ }}`,
    /// otherwise the rendered text.
    public func evaluate(_ source: String) throws(EvaluationError) -> Value {
        guard TemplateParser.containsTemplate(source) else { return .string(source) }
        let template = try parse(source)
        let meaningful = template.nodes.filter {
            if case .text(let r) = $0 { return !Array(source.utf8)[r].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D } }
            return true
        }
        if meaningful.count == 1, case .print(let expr) = meaningful[0] {
            var locals = Locals()
            return try value(expr, template, &locals)
        }
        return .string(try render(source))
    }

    func parse(_ source: String) throws(EvaluationError) -> Template {
        switch TemplateParser().parse(source) {
        case .success(let template): return template
        case .failure(let error): throw EvaluationError(message: "\(error.message) in the expression `\(source)`", range: error.range)
        }
    }

    /// Names defined by `set` and `for` in the template being rendered.
    struct Locals {
        var scopes: [[String: Value]] = [[:]]
        func lookup(_ name: String) -> Value? {
            for scope in scopes.reversed() { if let v = scope[name] { return v } }
            return nil
        }
        mutating func set(_ name: String, _ value: Value) { scopes[scopes.count - 1][name] = value }
    }

    private func run(_ nodes: [TemplateNode], _ template: Template, _ locals: inout Locals, _ out: inout String) throws(EvaluationError) {
        let bytes = Array(template.source.utf8)
        for node in nodes {
            switch node {
            case .text(let range), .raw(let range):
                out += String(decoding: bytes[range], as: UTF8.self)
            case .print(let expr):
                out += TemplateText.render(try value(expr, template, &locals))
            case .set(let name, _, let expr):
                locals.set(name, try value(expr, template, &locals))
            case .conditional(let branches, let otherwise):
                var taken = false
                for branch in branches where try value(branch.condition, template, &locals).isTruthy {
                    try run(branch.body, template, &locals, &out)
                    taken = true
                    break
                }
                if !taken, let otherwise { try run(otherwise, template, &locals, &out) }
            case .loop(let variables, let iterable, let body, let empty):
                let items = try iterationItems(try value(iterable, template, &locals), variables.count, iterable.range)
                if items.isEmpty, let empty { try run(empty, template, &locals, &out); continue }
                for (index, item) in items.enumerated() {
                    locals.scopes.append([:])
                    for (i, variable) in variables.enumerated() where i < item.count { locals.set(variable.name, item[i]) }
                    locals.set("loop", .object([("index", .int(Int64(index))), ("first", .bool(index == 0)),
                                                ("last", .bool(index == items.count - 1)), ("length", .int(Int64(items.count))),
                                                ("revindex", .int(Int64(items.count - index - 1)))]))
                    try run(body, template, &locals, &out)
                    locals.scopes.removeLast()
                }
            }
        }
    }

    private func iterationItems(_ value: Value, _ variableCount: Int, _ range: Range<Int>) throws(EvaluationError) -> [[Value]] {
        switch value {
        case .list(let items): return items.map { [$0] }
        case .map(let map): return variableCount == 2 ? map.pairs.map { [.string($0.0), $0.1] } : map.keys.map { [.string($0)] }
        case .null: return []
        default: throw EvaluationError(message: "cannot loop over a \(value.typeName)", range: range)
        }
    }

    /// An undefined name or attribute (kept apart from null for `???` and `is defined`).
    struct Undefined: Error {
        let name: String
        let range: Range<Int>
    }

    func value(_ expr: Expr, _ template: Template, _ locals: inout Locals) throws(EvaluationError) -> Value {
        do {
            return try resolve(expr, template, &locals)
        } catch let undefined as Undefined {
            throw strictError(undefined, template)
        } catch let error as EvaluationError {
            throw error
        } catch {
            throw EvaluationError(message: "\(error)", range: expr.range)
        }
    }

    func strictError(_ undefined: Undefined, _ template: Template) -> EvaluationError {
        let prefix = template.source.utf8.prefix(undefined.range.lowerBound)
        let line = prefix.filter { $0 == 0x0A }.count + 1
        return EvaluationError(message: "Unable to find `\(undefined.name)` used in the expression `\(template.source)` at line \(line)",
                               range: undefined.range)
    }

    /// Like `value`, but undefined names throw `Undefined` (for the lenient operators).
    func resolve(_ expr: Expr, _ template: Template, _ locals: inout Locals) throws -> Value {
        switch expr.kind {
        case .string(let s): return .string(s)
        case .integer(let i): return .int(i)
        case .number(let d): return .double(d)
        case .boolean(let b): return .bool(b)
        case .null: return .null
        case .list(let items): return .list(try items.map { try resolve($0, template, &locals) })
        case .map(let entries):
            var map = ValueMap()
            for entry in entries { map[TemplateText.render(try resolve(entry.key, template, &locals))] = try resolve(entry.value, template, &locals) }
            return .map(map)
        case .variable(let name):
            if let local = locals.lookup(name) { return local }
            guard let root = context.variables[name] else { throw Undefined(name: name, range: expr.range) }
            return root
        case .attribute(let base, let name, let nameRange):
            return try attribute(try resolve(base, template, &locals), name, nameRange)
        case .subscriptAccess(let base, let index):
            let container = try resolve(base, template, &locals)
            let key = try resolve(index, template, &locals)
            if case .int(let i) = key, case .list(let items) = container {
                guard i >= 0 && Int(i) < items.count else { throw Undefined(name: String(i), range: index.range) }
                return items[Int(i)]
            }
            return try attribute(container, TemplateText.render(key), index.range)
        case .call(let name, let nameRange, let arguments):
            let args = try arguments.map { try resolve($0.value, template, &locals) }
            let named = Dictionary(arguments.enumerated().compactMap { i, a in a.name.map { ($0, args[i]) } }, uniquingKeysWith: { a, _ in a })
            return try function(name, args.enumerated().filter { arguments[$0.offset].name == nil }.map(\.element), named, nameRange, template, locals)
        case .filter(let base, let name, let nameRange, let arguments):
            let input: Value
            if name == "default" {
                do { input = try resolve(base, template, &locals) } catch is Undefined { input = .null }
            } else {
                input = try resolve(base, template, &locals)
            }
            let args = try arguments.map { try resolve($0.value, template, &locals) }
            return try filter(name, input, args, nameRange)
        case .test(let base, let name, let nameRange, let arguments, let negated):
            let result: Bool
            if name == "defined" {
                do { _ = try resolve(base, template, &locals); result = true } catch is Undefined { result = false }
            } else {
                let input = try resolve(base, template, &locals)
                let args = try arguments.map { try resolve($0.value, template, &locals) }
                result = try test(name, input, args, nameRange)
            }
            return .bool(negated ? !result : result)
        case .unary(let op, let operand):
            let v = try resolve(operand, template, &locals)
            switch op {
            case "not": return .bool(!v.isTruthy)
            case "-":
                switch v {
                case .int(let i): return .int(-i)
                case .double(let d): return .double(-d)
                default: throw EvaluationError(message: "cannot negate a \(v.typeName)", range: expr.range)
                }
            default: return v
            }
        case .binary(let op, let left, let right):
            return try binary(op, left, right, expr.range, template, &locals)
        case .ternary(let condition, let then, let otherwise):
            if try resolve(condition, template, &locals).isTruthy { return try resolve(then, template, &locals) }
            return try otherwise.map { try resolve($0, template, &locals) } ?? .null
        }
    }

    func attribute(_ base: Value, _ name: String, _ range: Range<Int>) throws -> Value {
        switch base {
        case .map(let map):
            guard let v = map[name] else { throw Undefined(name: name, range: range) }
            return v
        case .list(let items):
            guard let i = Int(name), i >= 0, i < items.count else { throw Undefined(name: name, range: range) }
            return items[i]
        default:
            throw Undefined(name: name, range: range)
        }
    }

    private func binary(_ op: String, _ left: Expr, _ right: Expr, _ range: Range<Int>, _ template: Template, _ locals: inout Locals) throws -> Value {
        switch op {
        case "???":
            do { return try resolve(left, template, &locals) } catch is Undefined { return try resolve(right, template, &locals) }
        case "??":
            let l: Value
            do { l = try resolve(left, template, &locals) } catch is Undefined { return try resolve(right, template, &locals) }
            return l.isNull ? try resolve(right, template, &locals) : l
        case "and":
            return .bool(try resolve(left, template, &locals).isTruthy && resolve(right, template, &locals).isTruthy)
        case "or":
            return .bool(try resolve(left, template, &locals).isTruthy || resolve(right, template, &locals).isTruthy)
        default:
            break
        }
        let l = try resolve(left, template, &locals)
        let r = try resolve(right, template, &locals)
        switch op {
        case "~": return .string(TemplateText.render(l) + TemplateText.render(r))
        case "==", "equals": return .bool(Operators.equal(l, r))
        case "!=": return .bool(!Operators.equal(l, r))
        case "<", ">", "<=", ">=":
            guard let order = Operators.compare(l, r) else {
                throw EvaluationError(message: "cannot compare a \(l.typeName) with a \(r.typeName)", range: range)
            }
            switch op {
            case "<": return .bool(order < 0)
            case ">": return .bool(order > 0)
            case "<=": return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case "in": return .bool(Operators.contains(r, l))
        case "not in": return .bool(!Operators.contains(r, l))
        case "contains": return .bool(Operators.contains(l, r))
        default:
            guard let result = Operators.arithmetic(op, l, r) else {
                throw EvaluationError(message: "cannot apply \"\(op)\" to a \(l.typeName) and a \(r.typeName)", range: range)
            }
            return result
        }
    }
}
