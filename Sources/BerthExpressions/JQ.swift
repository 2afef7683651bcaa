/// A documented subset of jq for the `jq` filter: `.`, `.name`, `.["name"]`, `.[n]`, `.[]`,
/// chains of those (`.a.b[0]`, `.items[].name`), pipes (`|`) and the functions `keys`,
/// `length`, `first`, `last`. Like Kestra's filter it returns the list of results.
enum JQ {
    static func run(_ program: String, on input: Value, range: Range<Int>) throws(EvaluationError) -> Value {
        var results = [input]
        for stage in program.split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            var next: [Value] = []
            for value in results { next += try apply(stage, value, range) }
            results = next
        }
        return .list(results)
    }

    private static func apply(_ stage: String, _ value: Value, _ range: Range<Int>) throws(EvaluationError) -> [Value] {
        switch stage {
        case "keys":
            guard case .map(let m) = value else { throw EvaluationError(message: "jq: keys needs an object", range: range) }
            return [.list(m.keys.sorted().map(Value.string))]
        case "length":
            switch value {
            case .list(let l): return [.int(Int64(l.count))]
            case .map(let m): return [.int(Int64(m.count))]
            case .string(let s): return [.int(Int64(s.count))]
            default: return [.int(0)]
            }
        case "first", "last":
            guard case .list(let l) = value else { return [.null] }
            return [(stage == "first" ? l.first : l.last) ?? .null]
        default:
            break
        }
        guard stage.hasPrefix(".") else {
            throw EvaluationError(message: "jq: berth supports paths (.a.b, .[0], .[]), pipes, keys, length, first and last; not \"\(stage)\"", range: range)
        }
        var current = [value]
        var chars = Substring(stage.dropFirst())
        while !chars.isEmpty {
            if chars.hasPrefix(".") { chars = chars.dropFirst(); continue }
            if chars.hasPrefix("[") {
                guard let close = chars.firstIndex(of: "]") else { throw EvaluationError(message: "jq: unclosed [", range: range) }
                let inside = chars[chars.index(after: chars.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                chars = chars[chars.index(after: close)...]
                if inside.isEmpty {
                    current = current.flatMap { v -> [Value] in
                        switch v {
                        case .list(let l): return l
                        case .map(let m): return m.values
                        default: return []
                        }
                    }
                } else if let index = Int(inside) {
                    current = current.map { v in
                        guard case .list(let l) = v else { return .null }
                        let i = index < 0 ? l.count + index : index
                        return i >= 0 && i < l.count ? l[i] : .null
                    }
                } else {
                    let key = inside.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    current = current.map { field($0, key) }
                }
                continue
            }
            let end = chars.firstIndex { $0 == "." || $0 == "[" } ?? chars.endIndex
            let key = String(chars[..<end])
            chars = chars[end...]
            current = current.map { field($0, key) }
        }
        return current
    }

    private static func field(_ value: Value, _ key: String) -> Value {
        if case .map(let m) = value { return m[key] ?? .null }
        return .null
    }
}

import Foundation
