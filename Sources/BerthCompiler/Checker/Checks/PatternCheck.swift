import BerthDiagnostics
import BerthSchema
import BerthYAML
import Foundation

/// `invalid-id`: ids and namespaces that do not match Kestra's pattern or exceed its length.
enum PatternCheck {
    private static let cache = RegexCache()

    static func check(_ node: YAMLNode, value: String, property: PropertySchema, name: () -> String, _ context: CheckContext) {
        if let pattern = property.pattern, !cache.matches(pattern, value) {
            context.report(.error, "invalid-id", "\(name()) must match \(pattern), found \"\(value)\"", at: node.range,
                           help: help(for: property.name, value: value))
        }
        if let maxLength = property.maxLength, value.count > maxLength {
            context.report(.error, "invalid-id", "\(name()) is \(value.count) characters long; at most \(maxLength) are allowed",
                           at: node.range)
        }
    }

    private static func help(for property: String, value: String) -> String {
        if value.isEmpty { return "the value must not be empty" }
        if property == "namespace" && value != value.lowercased() { return "namespaces are lowercase: \"\(value.lowercased())\"" }
        if value.contains(".") && property == "id" { return "task and trigger ids cannot contain dots; use - or _" }
        return "start with a letter or digit; then letters, digits, - and _ (and . where the pattern allows)"
    }
}

/// Compiled patterns. The grammar's id patterns all have the form `^[first][rest]*$`; those run
/// as two byte sets (a check per id of a 10,000-task flow must be cheap). Others use NSRegularExpression.
final class RegexCache: @unchecked Sendable {
    private enum Compiled {
        case classes(first: Set<UInt8>, rest: Set<UInt8>)
        case regex(NSRegularExpression?)
    }

    private var compiled: [String: Compiled] = [:]
    private let lock = NSLock()

    func matches(_ pattern: String, _ value: String) -> Bool {
        let entry: Compiled = lock.withLock {
            if let entry = compiled[pattern] { return entry }
            let entry = Self.compile(pattern)
            compiled[pattern] = entry
            return entry
        }
        switch entry {
        case .classes(let first, let rest):
            var iterator = value.utf8.makeIterator()
            guard let head = iterator.next(), first.contains(head) else { return false }
            while let byte = iterator.next() { if !rest.contains(byte) { return false } }
            return true
        case .regex(let regex):
            guard let regex else { return true }
            return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        }
    }

    private static func compile(_ pattern: String) -> Compiled {
        let chars = Array(pattern.utf8)
        // ^[...][...]*$ with ASCII ranges and literals only.
        func parseClass(_ start: Int) -> (Set<UInt8>, Int)? {
            guard start < chars.count, chars[start] == UInt8(ascii: "[") else { return nil }
            var set = Set<UInt8>()
            var i = start + 1
            while i < chars.count && chars[i] != UInt8(ascii: "]") {
                let c = chars[i]
                if c == UInt8(ascii: "\\") || c == UInt8(ascii: "^") { return nil }
                if i + 2 < chars.count && chars[i + 1] == UInt8(ascii: "-") && chars[i + 2] != UInt8(ascii: "]") {
                    for b in c...chars[i + 2] { set.insert(b) }
                    i += 3
                } else {
                    set.insert(c)
                    i += 1
                }
            }
            return i < chars.count ? (set, i + 1) : nil
        }
        if chars.first == UInt8(ascii: "^"), let (first, next) = parseClass(1), let (rest, after) = parseClass(next),
           after + 1 < chars.count + 1, Array(chars[after...]) == Array("*$".utf8) {
            return .classes(first: first, rest: rest)
        }
        return .regex(try? NSRegularExpression(pattern: pattern))
    }
}
