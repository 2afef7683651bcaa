/// A token inside `{{ }}` or `{% %}`.
struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case string(String)
        case integer(Int64)
        case number(Double)
        case punct(String)
        case end
    }

    let kind: Kind
    let range: Range<Int>

    var text: String {
        switch kind {
        case .name(let s), .punct(let s): s
        case .string(let s): "'\(s)'"
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .end: "end of template"
        }
    }
}

/// Splits expression text into tokens on demand.
struct Lexer {
    let bytes: [UInt8]
    var position: Int
    /// The token at `at` and where it ends: the parser peeks at the same token once per
    /// precedence level, and lexing it each time (a String per name) cost more than parsing.
    private var lookahead: (at: Int, token: Token, end: Int)?

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    private static let operators = ["???", "-}}", "-%}", "??", "==", "!=", "<=", ">=", "}}", "%}", "//",
                                    "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}",
                                    ",", ".", ":", "|", "?", "="].map { Array($0.utf8) }

    mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// The next token (whitespace skipped), or a syntax error for a bad character or string.
    mutating func next() throws(TemplateSyntaxError) -> Token {
        if let lookahead, lookahead.at == position {
            position = lookahead.end
            return lookahead.token
        }
        skipWhitespace()
        guard position < bytes.count else { return Token(kind: .end, range: position..<position) }
        let start = position
        let byte = bytes[position]
        if isNameStart(byte) {
            while position < bytes.count && isNamePart(bytes[position]) { position += 1 }
            return Token(kind: .name(String(decoding: bytes[start..<position], as: UTF8.self)), range: start..<position)
        }
        if isDigit(byte) { return number(start) }
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return try string(start, quote: byte) }
        for op in Self.operators where bytes.count - position >= op.count && matches(op, at: position) {
            position += op.count
            return Token(kind: .punct(String(decoding: op, as: UTF8.self)), range: start..<position)
        }
        // One Unicode scalar, for the message.
        position += 1
        while position < bytes.count && bytes[position] & 0xC0 == 0x80 { position += 1 }
        let character = String(decoding: bytes[start..<position], as: UTF8.self)
        throw TemplateSyntaxError(message: "unexpected character \"\(character)\"", range: start..<position)
    }

    /// The next token, without consuming it.
    mutating func peek() throws(TemplateSyntaxError) -> Token {
        if let lookahead, lookahead.at == position { return lookahead.token }
        var copy = self
        let token = try copy.next()
        lookahead = (position, token, copy.position)
        return token
    }

    /// Whether `op` is at `index` (no allocation: this runs for every token).
    private func matches(_ op: [UInt8], at index: Int) -> Bool {
        for (i, byte) in op.enumerated() where bytes[index + i] != byte { return false }
        return true
    }

    private mutating func number(_ start: Int) -> Token {
        while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        var isFloat = false
        if position + 1 < bytes.count && bytes[position] == UInt8(ascii: ".") && isDigit(bytes[position + 1]) {
            isFloat = true
            position += 1
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if !isFloat, let value = Int64(text) { return Token(kind: .integer(value), range: start..<position) }
        return Token(kind: .number(Double(text) ?? 0), range: start..<position)
    }

    private mutating func string(_ start: Int, quote: UInt8) throws(TemplateSyntaxError) -> Token {
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<position)
            }
            if byte == UInt8(ascii: "\\") && position + 1 < bytes.count {
                let next = bytes[position + 1]
                switch next {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "r"): value.append(0x0D)
                default: value.append(next)
                }
                position += 2
                continue
            }
            value.append(byte)
            position += 1
        }
        throw TemplateSyntaxError(message: "unclosed string literal", range: start..<start + 1)
    }

    private func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "_") || b >= 0x80
    }
    private func isNamePart(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }
    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
