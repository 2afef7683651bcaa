/// Parses Pebble templates (the grammar is in grammar/expressions.md). The first syntax error
/// stops parsing, as Pebble does; nesting is bounded so hostile input cannot exhaust the stack.
public struct TemplateParser {
    /// Maximum nesting of expressions and block tags.
    public static let maxDepth = 64

    public init() {}

    /// Parses `source`; ranges in the result are UTF-8 offsets into it.
    public func parse(_ source: String) -> Result<Template, TemplateSyntaxError> {
        var state = State(bytes: Array(source.utf8))
        do throws(TemplateSyntaxError) {
            let (nodes, stop) = try state.nodes(until: [])
            if let stop { throw TemplateSyntaxError(message: "unexpected \"{% \(stop.name) %}\" with no open block", range: stop.range) }
            return .success(Template(source: source, nodes: state.trimmed(nodes)))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the text holds template syntax at all (Kestra returns strings without `{` as is).
    public static func containsTemplate(_ text: String) -> Bool {
        var previousBrace = false
        for byte in text.utf8 {
            if previousBrace && (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#")) { return true }
            previousBrace = byte == UInt8(ascii: "{")
        }
        return false
    }

    struct Stop {
        let name: String
        let range: Range<Int>
        let lexer: Lexer
    }

    struct State {
        let bytes: [UInt8]
        var position = 0
        var depth = 0
        /// Offsets whose surrounding whitespace is trimmed by `-` markers: (text end, trim left) pairs.
        var trimBefore: Set<Int> = []
        var trimAfter: Set<Int> = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// Nodes up to one of the tags in `terminators` (returned with its lexer positioned after the name).
        mutating func nodes(until terminators: Set<String>) throws(TemplateSyntaxError) -> ([TemplateNode], Stop?) {
            depth += 1
            defer { depth -= 1 }
            if depth > TemplateParser.maxDepth {
                throw TemplateSyntaxError(message: "blocks nest more than \(TemplateParser.maxDepth) levels deep", range: position..<position)
            }
            var nodes: [TemplateNode] = []
            while position < bytes.count {
                guard let open = nextDelimiter(from: position) else {
                    nodes.append(.text(position..<bytes.count))
                    position = bytes.count
                    break
                }
                if open > position { nodes.append(.text(position..<open)) }
                let kind = bytes[open + 1]
                var contentStart = open + 2
                if contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: "-") {
                    trimBefore.insert(open)
                    contentStart += 1
                }
                switch kind {
                case UInt8(ascii: "#"):
                    guard let close = find("#}", from: contentStart) else {
                        throw TemplateSyntaxError(message: "unclosed comment: expected \"#}\"", range: open..<open + 2)
                    }
                    if close > contentStart && bytes[close - 1] == UInt8(ascii: "-") { trimAfter.insert(close + 2) }
                    position = close + 2
                case UInt8(ascii: "{"):
                    var lexer = Lexer(bytes: bytes, position: contentStart)
                    if case .punct("}}") = try lexer.peek().kind {
                        throw TemplateSyntaxError(message: "empty expression: expected an expression inside {{ }}", range: open..<open + 2)
                    }
                    var parser = ExpressionParser(lexer: lexer)
                    let expr = try parser.expression()
                    try closePrint(&parser.lexer, open: open)
                    nodes.append(.print(expr))
                default:
                    var lexer = Lexer(bytes: bytes, position: contentStart)
                    let nameToken = try lexer.next()
                    guard case .name(let name) = nameToken.kind else {
                        throw TemplateSyntaxError(message: "expected a tag name after \"{%\", found \(nameToken.text)", range: nameToken.range)
                    }
                    if terminators.contains(name) {
                        return (nodes, Stop(name: name, range: nameToken.range, lexer: lexer))
                    }
                    nodes.append(try tag(name, nameToken.range, &lexer, open: open))
                }
            }
            if !terminators.isEmpty {
                let expected = terminators.sorted().map { "{% \($0) %}" }.joined(separator: " or ")
                throw TemplateSyntaxError(message: "unclosed block: expected \(expected) before the end", range: bytes.count..<bytes.count)
            }
            return (nodes, nil)
        }

        mutating func closePrint(_ lexer: inout Lexer, open: Int) throws(TemplateSyntaxError) {
            let token = try lexer.next()
            switch token.kind {
            case .punct("}}"): break
            case .punct("-}}"): trimAfter.insert(token.range.upperBound)
            case .end: throw TemplateSyntaxError(message: "unclosed \"{{\": expected \"}}\"", range: open..<open + 2)
            default: throw TemplateSyntaxError(message: "unexpected \(token.text): expected an operator, a filter or \"}}\"", range: token.range)
            }
            position = token.range.upperBound
        }

        mutating func closeTag(_ lexer: inout Lexer, name: String) throws(TemplateSyntaxError) {
            let token = try lexer.next()
            switch token.kind {
            case .punct("%}"): break
            case .punct("-%}"): trimAfter.insert(token.range.upperBound)
            case .end: throw TemplateSyntaxError(message: "unclosed \"{% \(name)\": expected \"%}\"", range: token.range)
            default: throw TemplateSyntaxError(message: "unexpected \(token.text) in \"{% \(name) %}\": expected \"%}\"", range: token.range)
            }
            position = token.range.upperBound
        }

        mutating func tag(_ name: String, _ nameRange: Range<Int>, _ lexer: inout Lexer, open: Int) throws(TemplateSyntaxError) -> TemplateNode {
            switch name {
            case "if":
                var parser = ExpressionParser(lexer: lexer)
                var condition = try parser.expression()
                lexer = parser.lexer
                try closeTag(&lexer, name: "if")
                var branches: [(condition: Expr, body: [TemplateNode])] = []
                while true {
                    let (body, stop) = try nodes(until: ["elseif", "else", "endif"])
                    branches.append((condition, body))
                    guard var stop else { break }
                    switch stop.name {
                    case "elseif":
                        var p = ExpressionParser(lexer: stop.lexer)
                        condition = try p.expression()
                        try closeTag(&p.lexer, name: "elseif")
                    case "else":
                        var l = stop.lexer
                        try closeTag(&l, name: "else")
                        let (otherwise, end) = try nodes(until: ["endif"])
                        guard var endTag = end else { break }
                        var endLexer = endTag.lexer
                        try closeTag(&endLexer, name: "endif")
                        endTag = Stop(name: endTag.name, range: endTag.range, lexer: endLexer)
                        return .conditional(branches: branches, otherwise: otherwise)
                    default:
                        var l = stop.lexer
                        try closeTag(&l, name: "endif")
                        stop = Stop(name: stop.name, range: stop.range, lexer: l)
                        return .conditional(branches: branches, otherwise: nil)
                    }
                }
                return .conditional(branches: branches, otherwise: nil)
            case "for":
                var variables: [(name: String, range: Range<Int>)] = []
                repeat {
                    let token = try lexer.next()
                    guard case .name(let variable) = token.kind else {
                        throw TemplateSyntaxError(message: "expected a loop variable name, found \(token.text)", range: token.range)
                    }
                    variables.append((variable, token.range))
                    guard case .punct(",") = try lexer.peek().kind else { break }
                    _ = try lexer.next()
                } while true
                let inToken = try lexer.next()
                guard case .name("in") = inToken.kind else {
                    throw TemplateSyntaxError(message: "expected \"in\" after the loop variable, found \(inToken.text)", range: inToken.range)
                }
                var parser = ExpressionParser(lexer: lexer)
                let iterable = try parser.expression()
                lexer = parser.lexer
                try closeTag(&lexer, name: "for")
                let (body, stop) = try nodes(until: ["else", "endfor"])
                var empty: [TemplateNode]?
                if var stop {
                    var l = stop.lexer
                    try closeTag(&l, name: stop.name)
                    if stop.name == "else" {
                        let (elseBody, end) = try nodes(until: ["endfor"])
                        empty = elseBody
                        if let end { stop = end; var l2 = end.lexer; try closeTag(&l2, name: "endfor") }
                    }
                }
                return .loop(variables: variables, iterable: iterable, body: body, empty: empty)
            case "set":
                let token = try lexer.next()
                guard case .name(let variable) = token.kind else {
                    throw TemplateSyntaxError(message: "expected a variable name after \"set\", found \(token.text)", range: token.range)
                }
                let equals = try lexer.next()
                guard case .punct("=") = equals.kind else {
                    throw TemplateSyntaxError(message: "expected \"=\" after \"set \(variable)\", found \(equals.text)", range: equals.range)
                }
                var parser = ExpressionParser(lexer: lexer)
                let value = try parser.expression()
                lexer = parser.lexer
                try closeTag(&lexer, name: "set")
                return .set(name: variable, nameRange: token.range, value: value)
            case "raw":
                try closeTag(&lexer, name: "raw")
                let start = position
                guard let (endStart, endEnd) = findEndRaw(from: start) else {
                    throw TemplateSyntaxError(message: "unclosed \"{% raw %}\": expected \"{% endraw %}\"", range: nameRange)
                }
                position = endEnd
                return .raw(start..<endStart)
            default:
                let known = ["if", "for", "set", "raw"]
                let hint = ["elseif", "else", "endif", "endfor", "endraw"].contains(name)
                    ? "\"{% \(name) %}\" without its opening tag" : "unknown tag \"\(name)\" (berth knows \(known.joined(separator: ", ")))"
                throw TemplateSyntaxError(message: hint, range: nameRange)
            }
        }

        func nextDelimiter(from start: Int) -> Int? {
            var i = start
            while i + 1 < bytes.count {
                if bytes[i] == UInt8(ascii: "{") {
                    let n = bytes[i + 1]
                    if n == UInt8(ascii: "{") || n == UInt8(ascii: "%") || n == UInt8(ascii: "#") { return i }
                }
                i += 1
            }
            return nil
        }

        func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.utf8)
            var i = start
            while i + n.count <= bytes.count {
                if Array(bytes[i..<i + n.count]) == n { return i }
                i += 1
            }
            return nil
        }

        /// `{% endraw %}` (with optional `-` and spaces): its start and end.
        func findEndRaw(from start: Int) -> (Int, Int)? {
            var i = start
            while let open = find("{%", from: i) {
                var lexer = Lexer(bytes: bytes, position: open + 2)
                if lexer.position < bytes.count && bytes[lexer.position] == UInt8(ascii: "-") { lexer.position += 1 }
                if let name = try? lexer.next(), name.kind == .name("endraw"), let close = try? lexer.next(),
                   close.kind == .punct("%}") || close.kind == .punct("-%}") {
                    return (open, close.range.upperBound)
                }
                i = open + 2
            }
            return nil
        }

        /// Applies whitespace control: text before `{{-`/`{%-` loses trailing whitespace, text
        /// after `-}}`/`-%}` loses leading whitespace.
        func trimmed(_ nodes: [TemplateNode]) -> [TemplateNode] {
            nodes.map { node in
                switch node {
                case .text(let range):
                    var lower = range.lowerBound
                    var upper = range.upperBound
                    if trimAfter.contains(lower) { while lower < upper && isSpace(bytes[lower]) { lower += 1 } }
                    if trimBefore.contains(upper) { while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 } }
                    return .text(lower..<upper)
                case .conditional(let branches, let otherwise):
                    return .conditional(branches: branches.map { ($0.condition, trimmed($0.body)) }, otherwise: otherwise.map(trimmed))
                case .loop(let variables, let iterable, let body, let empty):
                    return .loop(variables: variables, iterable: iterable, body: trimmed(body), empty: empty.map(trimmed))
                default:
                    return node
                }
            }
        }

        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    }
}
