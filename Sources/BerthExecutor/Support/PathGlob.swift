import Foundation

/// Path patterns as Java's `FileSystem.getPathMatcher` reads them, which is what Kestra's
/// `outputFiles` and `namespaceFiles` use: `glob:` (the default) with `*` inside one path
/// segment, `**` across segments, `?`, `[abc]`, `[!a-z]`, `{a,b}` and `\` escapes; `regex:` for
/// a Java regular expression. A pattern matches the whole path.
struct PathGlob: Sendable {
    let regex: NSRegularExpression
    /// The pattern as given (for messages).
    let source: String

    /// Nil when the pattern is not a valid glob or regular expression.
    init?(_ pattern: String) {
        source = pattern
        let expression: String
        if pattern.hasPrefix("regex:") {
            expression = String(pattern.dropFirst("regex:".count))
        } else {
            guard let translated = Self.translate(pattern.hasPrefix("glob:") ? String(pattern.dropFirst("glob:".count)) : pattern) else { return nil }
            expression = translated
        }
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(expression))$", options: [.dotMatchesLineSeparators]) else { return nil }
        self.regex = regex
    }

    func matches(_ path: String) -> Bool {
        regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    /// Java's glob → regex translation.
    static func translate(_ glob: String) -> String? {
        var out = ""
        let chars = Array(glob)
        var i = 0
        var inGroup = false
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "\\":
                guard i < chars.count else { return nil }
                out += NSRegularExpression.escapedPattern(for: String(chars[i]))
                i += 1
            case "/":
                out += "/"
            case "*":
                if i < chars.count && chars[i] == "*" {
                    out += ".*"
                    i += 1
                } else {
                    out += "[^/]*"
                }
            case "?":
                out += "[^/]"
            case "[":
                guard let (cls, next) = characterClass(chars, from: i) else { return nil }
                out += cls
                i = next
            case "{":
                guard !inGroup else { return nil }
                out += "(?:"
                inGroup = true
            case "}" where inGroup:
                out += ")"
                inGroup = false
            case "," where inGroup:
                out += "|"
            default:
                out += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        return inGroup ? nil : out
    }

    /// `[...]` after the `[`: the regex class and the index after `]`. `!` negates; a class
    /// never matches `/`.
    private static func characterClass(_ chars: [Character], from start: Int) -> (String, Int)? {
        var i = start
        var out = "[[^/]&&["
        if i < chars.count, chars[i] == "!" || chars[i] == "^" {
            out += "^"
            i += 1
        }
        var first = true
        while i < chars.count {
            let c = chars[i]
            if c == "]" && !first { return (out + "]]", i + 1) }
            first = false
            if c == "\\" || c == "[" || c == "&" { out += "\\" }
            out.append(c)
            i += 1
        }
        return nil
    }
}
