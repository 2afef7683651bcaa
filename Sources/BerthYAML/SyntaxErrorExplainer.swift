import BerthDiagnostics

/// Turns a libyaml error into a diagnostic at the exact position, keeping libyaml's own
/// problem and context text, and adds help for the common causes: a tab in indentation, a key
/// indented off by a space or two, an unclosed quote.
struct SyntaxErrorExplainer {
    let file: SourceFile

    func diagnostic(for error: LibYAMLError) -> Diagnostic {
        var marks = MarkConverter(file: file, isASCII: ByteValidator.isCleanASCII(file.bytes))
        if error.phase == .reader {
            return readerDiagnostic(error)
        }
        let problemPosition = marks.position(error.problemMark)
        let contextPosition = error.contextMark.map { marks.position($0) }
        let message = error.context.map { "\(error.problem) (\($0))" } ?? error.problem
        var notes: [Note] = []
        if let context = error.context, let contextPosition, contextPosition != problemPosition {
            notes.append(Note(context, range: oneCharacter(at: contextPosition)))
        }
        var diagnostic = Diagnostic(.error, "yaml-syntax", message, path: file.path,
                                    range: oneCharacter(at: problemPosition), notes: notes)
        if let quote = unclosedQuote(error, contextPosition) {
            diagnostic.message = "unclosed quoted string (\(error.problem) \(error.context ?? ""))"
            diagnostic.range = oneCharacter(at: quote)
            diagnostic.notes = [Note("the file ends here without the closing quote", range: oneCharacter(at: problemPosition))]
            let mark = quoteCharacter(at: quote)
            diagnostic.help = "add the closing \(mark) — a quoted string runs until its matching quote, across lines"
        } else if let tab = tabInIndentation(problemPosition) {
            diagnostic.range = oneCharacter(at: tab)
            diagnostic.help = "YAML does not allow tabs in indentation; indent with spaces"
        } else if let help = indentationHelp(error, problemPosition) {
            diagnostic.help = help
        }
        return diagnostic
    }

    private func readerDiagnostic(_ error: LibYAMLError) -> Diagnostic {
        let offset = error.problemOffset ?? 0
        let range = file.range(offset..<min(file.bytes.count, offset + 1))
        if let value = error.problemValue, error.problem.contains("control characters") {
            let hex = String(value, radix: 16, uppercase: true)
            return Diagnostic(.error, "control-character",
                              "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed in YAML",
                              path: file.path, range: range,
                              help: "remove the invisible character, or write it as an escape inside a double-quoted string")
        }
        return Diagnostic(.error, "yaml-syntax", error.problem, path: file.path, range: range)
    }

    private func oneCharacter(at position: SourcePosition) -> SourceRange {
        var end = position.offset
        if end < file.bytes.count && !isBreak(file.bytes[end]) {
            end += 1
            while end < file.bytes.count && file.bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        return SourceRange(start: position, end: file.position(at: end))
    }

    private func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    private func unclosedQuote(_ error: LibYAMLError, _ context: SourcePosition?) -> SourcePosition? {
        guard error.context == "while scanning a quoted scalar", let context else { return nil }
        return context
    }

    private func quoteCharacter(at position: SourcePosition) -> String {
        position.offset < file.bytes.count && file.bytes[position.offset] == UInt8(ascii: "'") ? "single quote (')" : "double quote (\")"
    }

    /// The tab in the leading whitespace of the problem's line, if the problem is there.
    private func tabInIndentation(_ position: SourcePosition) -> SourcePosition? {
        let lineStart = file.lineStarts[position.line - 1]
        var index = lineStart
        while index < file.bytes.count, file.bytes[index] == 0x20 || file.bytes[index] == 0x09 {
            if file.bytes[index] == 0x09 { return file.position(at: index) }
            index += 1
        }
        // libyaml sometimes reports the tab at the start of the token after it.
        if position.offset > 0 && position.offset <= file.bytes.count && file.bytes[position.offset - 1] == 0x09 {
            return file.position(at: position.offset - 1)
        }
        return nil
    }

    /// For "did not find expected key" and friends: compare the problem line's indentation
    /// with the keys above it and name the one it probably meant to line up with.
    private func indentationHelp(_ error: LibYAMLError, _ position: SourcePosition) -> String? {
        let indentationProblems = ["did not find expected key", "mapping values are not allowed in this context",
                                   "did not find expected '-' indicator", "could not find expected ':'"]
        guard indentationProblems.contains(where: error.problem.contains) else { return nil }
        let line = position.line
        guard let own = indentation(ofLine: line) else { return nil }
        var candidates: [Int] = []
        var previous = line - 1
        while previous >= 1 && candidates.count < 8 {
            if let indent = indentation(ofLine: previous) { candidates.append(indent) }
            previous -= 1
        }
        if let near = candidates.first(where: { $0 != own && abs($0 - own) <= 2 }) {
            return "line \(line) is indented \(own) space\(own == 1 ? "" : "s") but the key\(near > own ? "s" : "") above \(near > own ? "are" : "is") at \(near); keys of one mapping must line up exactly"
        }
        if error.problem.contains("mapping values are not allowed") {
            return "a plain value cannot contain \": \"; quote the value, or put the key on its own line"
        }
        return "check the indentation of line \(line) against the lines above it"
    }

    /// The column (0-based) where a line's key starts — after its indentation and any "- "
    /// sequence indicators; nil for blank or comment-only lines.
    private func indentation(ofLine line: Int) -> Int? {
        let text = Array(file.lineText(line).unicodeScalars)
        var index = 0
        while index < text.count {
            if text[index] == " " {
                index += 1
            } else if text[index] == "-" && index + 1 < text.count && text[index + 1] == " " {
                index += 2
            } else {
                break
            }
        }
        if index >= text.count || text[index] == "#" { return nil }
        return index
    }
}
