/// Comparison, membership and arithmetic on template values.
enum Operators {
    static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s)
        default: nil
        }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)): return Double(x) == y
        case (.double(let x), .int(let y)): return x == Double(y)
        default: return a == b
        }
    }

    /// -1, 0, 1, or nil when the values are not comparable.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x, _), .date(let y, _)): return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard let x = number(a), let y = number(b) else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    static func contains(_ container: Value, _ item: Value) -> Bool {
        switch container {
        case .list(let items): return items.contains { equal($0, item) }
        case .map(let map): return map[TemplateText.render(item)] != nil
        case .string(let s): return s.contains(TemplateText.render(item))
        default: return false
        }
    }

    /// `+ - * / // %`: integers stay integers when exact; otherwise doubles.
    static func arithmetic(_ op: String, _ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            case "//": return y == 0 ? nil : .int(x / y)
            case "%": return y == 0 ? nil : .int(x % y)
            case "/":
                if y == 0 { return nil }
                return x % y == 0 ? .int(x / y) : .double(Double(x) / Double(y))
            default: return nil
            }
        }
        guard let x = number(a), let y = number(b) else { return nil }
        switch op {
        case "+": return .double(x + y)
        case "-": return .double(x - y)
        case "*": return .double(x * y)
        case "/": return y == 0 ? nil : .double(x / y)
        case "//": return y == 0 ? nil : .int(Int64((x / y).rounded(.down)))
        case "%": return y == 0 ? nil : .double(x.truncatingRemainder(dividingBy: y))
        default: return nil
        }
    }
}
