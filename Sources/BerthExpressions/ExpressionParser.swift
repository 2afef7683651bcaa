/// Precedence-climbing parser for Pebble expressions (see grammar/expressions.md for the table).
struct ExpressionParser {
    var lexer: Lexer
    private var depth = 0

    init(lexer: Lexer) { self.lexer = lexer }

    mutating func expression() throws(TemplateSyntaxError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= TemplateParser.maxDepth else {
            throw TemplateSyntaxError(message: "the expression nests more than \(TemplateParser.maxDepth) levels deep", range: lexer.position..<lexer.position)
        }
        if let simple = try bareReference() { return simple }
        return try ternary()
    }

    /// Most expressions in flows are a dotted name (`inputs.name`, `outputs.t.vars.x`) right
    /// before `}}`: read as such they skip the twelve operator levels, which return the same
    /// tree for them. Anything else is left to the full grammar; the probe never recurses, so
    /// giving up costs at most one pass over the dotted name.
    private mutating func bareReference() throws(TemplateSyntaxError) -> Expr? {
        var probe = lexer
        guard let first = try? probe.next(), case .name(let name) = first.kind,
              !["not", "true", "false", "null", "none"].contains(name) else { return nil }
        var expression = Expr(.variable(name), first.range)
        while true {
            guard let next = try? probe.peek() else { return nil }
            switch next.kind {
            case .punct("."):
                _ = try? probe.next()
                guard let attribute = try? probe.next() else { return nil }
                let attributeName: String
                switch attribute.kind {
                case .name(let n): attributeName = n
                case .integer(let i): attributeName = String(i)
                default: return nil
                }
                expression = Expr(.attribute(base: expression, name: attributeName, nameRange: attribute.range),
                                  expression.range.lowerBound..<attribute.range.upperBound)
            case .punct("}}"), .punct("-}}"), .end:
                lexer = probe
                return expression
            default:
                return nil
            }
        }
    }

    private mutating func peekKind() throws(TemplateSyntaxError) -> Token.Kind { try lexer.peek().kind }

    private mutating func accept(_ punct: String) throws(TemplateSyntaxError) -> Token? {
        let token = try lexer.peek()
        if token.kind == .punct(punct) { return try lexer.next() }
        return nil
    }

    /// The first of `puncts` that comes next, consumed.
    private mutating func acceptAny(_ puncts: [String]) throws(TemplateSyntaxError) -> Token? {
        for punct in puncts {
            if let token = try accept(punct) { return token }
        }
        return nil
    }

    private mutating func acceptName(_ name: String) throws(TemplateSyntaxError) -> Token? {
        let token = try lexer.peek()
        if token.kind == .name(name) { return try lexer.next() }
        return nil
    }

    private mutating func expect(_ punct: String, context: String) throws(TemplateSyntaxError) -> Token {
        let token = try lexer.next()
        guard token.kind == .punct(punct) else {
            throw TemplateSyntaxError(message: "expected \"\(punct)\" \(context), found \(token.text)", range: token.range)
        }
        return token
    }

    private mutating func ternary() throws(TemplateSyntaxError) -> Expr {
        let condition = try coalesce()
        guard try accept("?") != nil else { return condition }
        let then = try expression()
        var otherwise: Expr?
        if try accept(":") != nil { otherwise = try expression() }
        let end = otherwise?.range.upperBound ?? then.range.upperBound
        return Expr(.ternary(condition: condition, then: then, otherwise: otherwise), condition.range.lowerBound..<end)
    }

    private mutating func coalesce() throws(TemplateSyntaxError) -> Expr {
        var left = try or()
        while true {
            guard let op = try acceptAny(["???", "??"]) else { return left }
            let right = try or()
            left = Expr(.binary(op: op.text, left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func or() throws(TemplateSyntaxError) -> Expr {
        var left = try and()
        while try acceptName("or") != nil {
            let right = try and()
            left = Expr(.binary(op: "or", left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func and() throws(TemplateSyntaxError) -> Expr {
        var left = try not()
        while try acceptName("and") != nil {
            let right = try not()
            left = Expr(.binary(op: "and", left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func not() throws(TemplateSyntaxError) -> Expr {
        if let token = try acceptName("not") {
            let operand = try not()
            return Expr(.unary(op: "not", operand: operand), token.range.lowerBound..<operand.range.upperBound)
        }
        return try comparison()
    }

    private static let comparisons: Set<String> = ["==", "!=", "<", ">", "<=", ">="]

    private mutating func comparison() throws(TemplateSyntaxError) -> Expr {
        var left = try concatenation()
        while true {
            let token = try lexer.peek()
            switch token.kind {
            case .punct(let op) where Self.comparisons.contains(op):
                _ = try lexer.next()
                let right = try concatenation()
                left = Expr(.binary(op: op, left: left, right: right), left.range.lowerBound..<right.range.upperBound)
            case .name(let word) where ["in", "contains", "equals"].contains(word):
                _ = try lexer.next()
                let right = try concatenation()
                left = Expr(.binary(op: word, left: left, right: right), left.range.lowerBound..<right.range.upperBound)
            case .name("not") where (try? { var l = lexer; _ = try l.next(); return try l.next().kind == .name("in") }()) == true:
                _ = try lexer.next()
                _ = try lexer.next()
                let right = try concatenation()
                left = Expr(.binary(op: "not in", left: left, right: right), left.range.lowerBound..<right.range.upperBound)
            case .name("is"):
                _ = try lexer.next()
                let negated = try acceptName("not") != nil
                let nameToken = try lexer.next()
                guard case .name(let test) = nameToken.kind else {
                    throw TemplateSyntaxError(message: "expected a test name after \"is\", found \(nameToken.text)", range: nameToken.range)
                }
                var arguments: [Argument] = []
                var end = nameToken.range.upperBound
                if try lexer.peek().kind == .punct("(") { (arguments, end) = try argumentList() }
                left = Expr(.test(base: left, name: test, nameRange: nameToken.range, arguments: arguments, negated: negated),
                            left.range.lowerBound..<end)
            default:
                return left
            }
        }
    }

    private mutating func concatenation() throws(TemplateSyntaxError) -> Expr {
        var left = try additive()
        while try accept("~") != nil {
            let right = try additive()
            left = Expr(.binary(op: "~", left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func additive() throws(TemplateSyntaxError) -> Expr {
        var left = try multiplicative()
        while true {
            guard let op = try acceptAny(["+", "-"]) else { return left }
            let right = try multiplicative()
            left = Expr(.binary(op: op.text, left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func multiplicative() throws(TemplateSyntaxError) -> Expr {
        var left = try filtered()
        while true {
            guard let op = try acceptAny(["*", "//", "/", "%"]) else { return left }
            let right = try filtered()
            left = Expr(.binary(op: op.text, left: left, right: right), left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func unary() throws(TemplateSyntaxError) -> Expr {
        if let op = try acceptAny(["-", "+"]) {
            let operand = try unary()
            return Expr(.unary(op: op.text, operand: operand), op.range.lowerBound..<operand.range.upperBound)
        }
        return try postfix()
    }

    /// Filters apply to a signed value: `-7 | abs` is 7, as in Pebble.
    private mutating func filtered() throws(TemplateSyntaxError) -> Expr {
        var base = try unary()
        while try accept("|") != nil {
            let nameToken = try lexer.next()
            guard case .name(let name) = nameToken.kind else {
                throw TemplateSyntaxError(message: "expected a filter name after \"|\", found \(nameToken.text)", range: nameToken.range)
            }
            var arguments: [Argument] = []
            var end = nameToken.range.upperBound
            if try lexer.peek().kind == .punct("(") { (arguments, end) = try argumentList() }
            base = Expr(.filter(base: base, name: name, nameRange: nameToken.range, arguments: arguments), base.range.lowerBound..<end)
        }
        return base
    }

    private mutating func postfix() throws(TemplateSyntaxError) -> Expr {
        var base = try primary()
        while true {
            if try accept(".") != nil {
                let nameToken = try lexer.next()
                let name: String
                switch nameToken.kind {
                case .name(let n): name = n
                case .integer(let i): name = String(i)
                default:
                    throw TemplateSyntaxError(message: "expected an attribute name after \".\", found \(nameToken.text)", range: nameToken.range)
                }
                base = Expr(.attribute(base: base, name: name, nameRange: nameToken.range), base.range.lowerBound..<nameToken.range.upperBound)
            } else if try accept("[") != nil {
                let index = try expression()
                let close = try expect("]", context: "to close the subscript")
                if case .string(let key) = index.kind {
                    base = Expr(.attribute(base: base, name: key, nameRange: index.range), base.range.lowerBound..<close.range.upperBound)
                } else {
                    base = Expr(.subscriptAccess(base: base, index: index), base.range.lowerBound..<close.range.upperBound)
                }
            } else {
                return base
            }
        }
    }

    private mutating func argumentList() throws(TemplateSyntaxError) -> ([Argument], Int) {
        _ = try expect("(", context: "to start the arguments")
        var arguments: [Argument] = []
        if let close = try accept(")") { return ([], close.range.upperBound) }
        while true {
            var name: String?
            let token = try lexer.peek()
            if case .name(let n) = token.kind {
                var look = lexer
                _ = try look.next()
                if try look.next().kind == .punct("=") {
                    _ = try lexer.next()
                    _ = try lexer.next()
                    name = n
                }
            }
            arguments.append(Argument(name: name, value: try expression()))
            if let close = try accept(")") { return (arguments, close.range.upperBound) }
            _ = try expect(",", context: "or \")\" between arguments")
        }
    }

    private mutating func primary() throws(TemplateSyntaxError) -> Expr {
        let token = try lexer.next()
        switch token.kind {
        case .integer(let value): return Expr(.integer(value), token.range)
        case .number(let value): return Expr(.number(value), token.range)
        case .string(let value): return Expr(.string(value), token.range)
        case .name(let name):
            switch name {
            case "true": return Expr(.boolean(true), token.range)
            case "false": return Expr(.boolean(false), token.range)
            case "null", "none": return Expr(.null, token.range)
            default:
                if try lexer.peek().kind == .punct("(") {
                    let (arguments, end) = try argumentList()
                    return Expr(.call(name: name, nameRange: token.range, arguments: arguments), token.range.lowerBound..<end)
                }
                return Expr(.variable(name), token.range)
            }
        case .punct("("):
            let inner = try expression()
            let close = try expect(")", context: "to close the parenthesis")
            return Expr(inner.kind, token.range.lowerBound..<close.range.upperBound)
        case .punct("["):
            var items: [Expr] = []
            if let close = try accept("]") { return Expr(.list([]), token.range.lowerBound..<close.range.upperBound) }
            while true {
                items.append(try expression())
                if let close = try accept("]") { return Expr(.list(items), token.range.lowerBound..<close.range.upperBound) }
                _ = try expect(",", context: "or \"]\" in the list")
            }
        case .punct("{"):
            var entries: [(key: Expr, value: Expr)] = []
            if let close = try accept("}") { return Expr(.map([]), token.range.lowerBound..<close.range.upperBound) }
            while true {
                let key = try expression()
                _ = try expect(":", context: "after the map key")
                entries.append((key, try expression()))
                if let close = try accept("}") { return Expr(.map(entries), token.range.lowerBound..<close.range.upperBound) }
                _ = try expect(",", context: "or \"}\" in the map")
            }
        case .end:
            throw TemplateSyntaxError(message: "unexpected end of the template: expected a value", range: token.range)
        default:
            throw TemplateSyntaxError(message: "unexpected \(token.text): expected a value (a name, a literal, \"(\", \"[\" or \"{\")",
                                      range: token.range)
        }
    }
}
