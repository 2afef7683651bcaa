import BerthDiagnostics
import BerthSchema
import BerthYAML
import Foundation

/// `invalid-id`: ids and namespaces that do not match Kestra's pattern or exceed its length.
enum PatternCheck {
    private static let cache = RegexCache()

    static func check(_ node: YAMLNode, value: String, property: PropertySchema, name: String, _ context: CheckContext) {
        if let pattern = property.pattern, !cache.matches(pattern, value) {
            context.report(.error, "invalid-id", "\(name) must match \(pattern), found \"\(value)\"", at: node.range,
                           help: help(for: property.name, value: value))
        }
        if let maxLength = property.maxLength, value.count > maxLength {
            context.report(.error, "invalid-id", "\(name) is \(value.count) characters long; at most \(maxLength) are allowed",
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

/// Compiled regular expressions by pattern (grammar patterns are few and fixed).
final class RegexCache: @unchecked Sendable {
    private var compiled: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func matches(_ pattern: String, _ value: String) -> Bool {
        let regex: NSRegularExpression? = lock.withLock {
            if let regex = compiled[pattern] { return regex }
            let regex = try? NSRegularExpression(pattern: pattern)
            compiled[pattern] = regex
            return regex
        }
        guard let regex else { return true }
        return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }
}
