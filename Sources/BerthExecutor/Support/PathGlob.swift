import Foundation

/// Path patterns as Java's `FileSystem.getPathMatcher` reads them, which is what Kestra's
/// `outputFiles` and `namespaceFiles` use: `glob:` (the default) with `*` inside one path
/// segment, `**` across segments, `?`, `[abc]`, `[!a-z]`, `{a,b}` and `\` escapes; `regex:` for
/// a Java regular expression. A pattern matches the whole path.
///
/// Globs are matched by berth itself in time proportional to pattern × path length (a regular
/// expression engine backtracks exponentially on patterns like `*a*a*a*…b`, and a glob comes
/// from the flow); `regex:` patterns are the user's own and go to the regex engine.
struct PathGlob: Sendable {
    /// One element of a glob.
    enum Token: Equatable, Sendable {
        case literal(Character)
        /// `?`: one character, not `/`.
        case one
        /// `*`: any characters but `/`.
        case segment
        /// `**`: any characters.
        case any
        /// `[…]`: one character (never `/`) in (or, negated, out of) the ranges.
        case set([ClosedRange<Character>], negated: Bool)
    }

    /// The pattern as given (for messages).
    let source: String
    /// The alternatives after `{a,b}` expansion.
    private let alternatives: [[Token]]
    private let regex: NSRegularExpression?

    /// At most this many alternatives from braces (Java nests none; this bounds `{a,b}{c,d}…`).
    static let maxAlternatives = 256

    /// Nil when the pattern is not a valid glob or regular expression.
    init?(_ pattern: String) {
        source = pattern
        if pattern.hasPrefix("regex:") {
            guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern.dropFirst("regex:".count)))$", options: [.dotMatchesLineSeparators]) else { return nil }
            self.regex = regex
            alternatives = []
            return
        }
        regex = nil
        let glob = pattern.hasPrefix("glob:") ? String(pattern.dropFirst("glob:".count)) : pattern
        guard let alternatives = Self.parse(Array(glob)) else { return nil }
        self.alternatives = alternatives
    }

    func matches(_ path: String) -> Bool {
        if let regex { return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil }
        let chars = Array(path)
        return alternatives.contains { Self.match($0, chars) }
    }

    /// Tokens of each brace alternative; nil for an unclosed `[` or `{`, nested braces, a
    /// trailing `\`, or too many alternatives.
    static func parse(_ chars: [Character]) -> [[Token]]? {
        var alternatives: [[Token]] = [[]]
        var group: [[Token]]?
        var i = 0
        func append(_ token: Token) {
            if group != nil { group![group!.count - 1].append(token) } else { for k in alternatives.indices { alternatives[k].append(token) } }
        }
        while i < chars.count {
            let c = chars[i]
            i += 1
            switch c {
            case "\\":
                guard i < chars.count else { return nil }
                append(.literal(chars[i]))
                i += 1
            case "*":
                if i < chars.count && chars[i] == "*" {
                    i += 1
                    append(.any)
                } else {
                    append(.segment)
                }
            case "?":
                append(.one)
            case "[":
                guard let (set, next) = characterClass(chars, from: i) else { return nil }
                append(set)
                i = next
            case "{":
                guard group == nil else { return nil }
                group = [[]]
            case "," where group != nil:
                group!.append([])
            case "}" where group != nil:
                var expanded: [[Token]] = []
                for base in alternatives { for option in group! { expanded.append(base + option) } }
                guard expanded.count <= maxAlternatives else { return nil }
                alternatives = expanded
                group = nil
            default:
                append(.literal(c))
            }
        }
        return group == nil ? alternatives : nil
    }

    /// `[...]` after the `[`: the set and the index after `]`. `!` (or `^`) negates; ranges `a-z`.
    private static func characterClass(_ chars: [Character], from start: Int) -> (Token, Int)? {
        var i = start
        var negated = false
        if i < chars.count, chars[i] == "!" || chars[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while i < chars.count {
            var c = chars[i]
            if c == "]" && !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            if c == "\\", i + 1 < chars.count { i += 1; c = chars[i] }
            if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] != "]" {
                let upper = chars[i + 2]
                guard c <= upper else { return nil }
                ranges.append(c...upper)
                i += 3
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    /// Whether `tokens` match all of `path`: dynamic programming over (token, position), so the
    /// cost is tokens × characters whatever the pattern.
    static func match(_ tokens: [Token], _ path: [Character]) -> Bool {
        // reachable[j]: the tokens so far can match exactly path[0..<j].
        var reachable = [Bool](repeating: false, count: path.count + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: path.count + 1)
            switch token {
            case .segment, .any:
                // A star extends every reachable position through the characters it may cover.
                var open = false
                for j in 0...path.count {
                    if reachable[j] { open = true }
                    if open { next[j] = true }
                    if j < path.count && token == .segment && path[j] == "/" { open = false }
                }
            default:
                for j in 0..<path.count where reachable[j] && accepts(token, path[j]) { next[j + 1] = true }
            }
            reachable = next
            if !reachable.contains(true) { return false }
        }
        return reachable[path.count]
    }

    private static func accepts(_ token: Token, _ c: Character) -> Bool {
        switch token {
        case .literal(let l): return l == c
        case .one: return c != "/"
        case .set(let ranges, let negated): return c != "/" && ranges.contains { $0.contains(c) } != negated
        case .segment, .any: return true
        }
    }
}
