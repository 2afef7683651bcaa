/// Annotated source output in the style of rustc: a header, the source line(s) with a gutter,
/// an underline spanning the whole range, notes with their own snippets, help and fix-its.
public struct HumanRenderer: Sendable {
    /// Whether to emit ANSI colour (the CLI passes true only on a TTY without NO_COLOR).
    public var colour: Bool
    /// Source files by path, for the snippets; a path without a file renders without snippet.
    public var files: [String: SourceFile]

    public init(files: [String: SourceFile], colour: Bool = false) {
        self.files = files
        self.colour = colour
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        let sorted = DiagnosticOrder.normalized(diagnostics)
        var out = ""
        for diagnostic in sorted {
            out += render(diagnostic)
            out += "\n"
        }
        out += summary(sorted)
        return out
    }

    /// One diagnostic with its snippet, notes, help and fix-its (ends with a newline).
    public func render(_ d: Diagnostic) -> String {
        let gutterWidth = String(maxLine(of: d)).count
        let pad = String(repeating: " ", count: gutterWidth)
        var out = paint("\(d.severity.rawValue)[\(d.code.rawValue)]", style(d.severity)) + paint(": \(d.message)", .bold) + "\n"
        out += "\(pad)\(paint("-->", .blue)) \(d.path):\(d.range.start.line):\(d.range.start.column)\n"
        out += snippet(path: d.path, range: d.range, marker: "^", markerStyle: style(d.severity), gutterWidth: gutterWidth)
        for note in d.notes {
            if let range = note.range {
                let path = note.path ?? d.path
                out += "\(pad)\(paint("=", .blue)) \(paint("note", .bold)): \(note.message)\n"
                out += "\(pad)\(paint("-->", .blue)) \(path):\(range.start.line):\(range.start.column)\n"
                out += snippet(path: path, range: range, marker: "-", markerStyle: .blue, gutterWidth: gutterWidth)
            } else {
                out += "\(pad)\(paint("=", .blue)) \(paint("note", .bold)): \(note.message)\n"
            }
        }
        if let help = d.help {
            out += "\(pad)\(paint("=", .blue)) \(paint("help", .bold)): \(help)\n"
        }
        for fix in d.fixIts {
            let edits = fix.edits.map { "replace \($0.range.start.line):\($0.range.start.column) with \"\($0.replacement)\"" }
            out += "\(pad)\(paint("=", .blue)) \(paint("fix", .bold)): \(fix.message) (\(edits.joined(separator: ", ")))\n"
        }
        return out
    }

    func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count(of: .error)
        let warnings = diagnostics.count(of: .warning)
        let infos = diagnostics.count(of: .info)
        if errors + warnings + infos == 0 { return "" }
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if infos > 0 { parts.append("\(infos) info\(infos == 1 ? "" : "s")") }
        return paint(parts.joined(separator: ", "), .bold) + "\n"
    }

    private func maxLine(of d: Diagnostic) -> Int {
        ([d.range.end.line] + d.notes.compactMap { $0.range?.end.line }).max() ?? 1
    }

    /// The lines of `range` (at most 4: first two, an ellipsis, last one) with underline.
    func snippet(path: String, range: SourceRange, marker: Character, markerStyle: Style, gutterWidth: Int) -> String {
        guard let file = files[path] else { return "" }
        let pad = String(repeating: " ", count: gutterWidth)
        var out = "\(pad) \(paint("|", .blue))\n"
        let first = range.start.line
        // A range ending at column 1 of a later line ends on the previous line in effect.
        let last = max(first, range.end.column == 1 && range.end.line > first ? range.end.line - 1 : range.end.line)
        var lines = Array(first...last)
        var elided = false
        if lines.count > 4 { lines = [first, first + 1, last]; elided = true }
        for (i, line) in lines.enumerated() {
            if elided && i == 2 { out += "\(paint("...", .blue))\n" }
            let (shown, from, to) = lineView(file, line: line, range: range, isFirst: line == first)
            let numberText = String(repeating: " ", count: gutterWidth - String(line).count) + String(line)
            out += "\(paint(numberText, .blue)) \(paint("|", .blue)) \(shown)\n"
            let underline = String(repeating: " ", count: from) + String(repeating: marker, count: max(1, to - from))
            out += "\(pad) \(paint("|", .blue)) \(paint(underline, markerStyle))\n"
        }
        return out
    }

    /// Lines longer than this many bytes show a window around the range, like rustc.
    static let longLine = 240

    /// The text shown for one line of a snippet and the display columns (0-based) of its underline.
    private func lineView(_ file: SourceFile, line: Int, range: SourceRange, isFirst: Bool) -> (String, Int, Int) {
        let index = line - 1
        guard index >= 0 && index < file.lineStarts.count else { return ("", 0, 1) }
        let lineStart = file.contentStart(lineIndex: index)
        let lineEnd = file.lineContentEnd(lineIndex: index, includeBreak: false)
        guard lineEnd - lineStart > Self.longLine else {
            let raw = file.lineText(line)
            let (shown, columns) = expandTabs(raw)
            let startCol = isFirst ? range.start.column : 1
            let endCol = line == range.end.line ? range.end.column : raw.unicodeScalars.count + 1
            let from = displayColumn(startCol, columns)
            return (shown, from, max(from + 1, displayColumn(endCol, columns)))
        }
        // A window of the line's bytes around the start of the underline, cut at character
        // boundaries: a minified 10 MB line must not be printed once per diagnostic.
        let bytes = file.bytes
        let from = isFirst ? min(max(range.start.offset, lineStart), lineEnd) : lineStart
        let to = line == range.end.line ? min(max(range.end.offset, from), lineEnd) : lineEnd
        var windowStart = max(lineStart, from - 80)
        while windowStart < from && bytes[windowStart] & 0xC0 == 0x80 { windowStart += 1 }
        var windowEnd = min(lineEnd, windowStart + Self.longLine)
        while windowEnd > from && windowEnd < lineEnd && bytes[windowEnd] & 0xC0 == 0x80 { windowEnd -= 1 }
        let prefix = windowStart > lineStart ? "…" : ""
        let suffix = windowEnd < lineEnd ? "…" : ""
        let (shown, columns) = expandTabs(prefix + String(decoding: bytes[windowStart..<windowEnd], as: UTF8.self) + suffix)
        func column(_ offset: Int) -> Int {
            let clamped = min(offset, windowEnd)
            let scalars = String(decoding: bytes[windowStart..<clamped], as: UTF8.self).unicodeScalars.count
            return columns[min(columns.count - 1, scalars + prefix.unicodeScalars.count)]
        }
        let start = column(from)
        return (shown, start, max(start + 1, column(to)))
    }

    /// Tabs expand to 4 spaces; `columns[i]` is the display column where scalar i starts.
    private func expandTabs(_ text: String) -> (String, [Int]) {
        if !text.utf8.contains(0x09) { return (text, Array(0...text.unicodeScalars.count)) }
        var shown = ""
        var columns: [Int] = []
        var display = 0
        for scalar in text.unicodeScalars {
            columns.append(display)
            if scalar == "\t" {
                shown += "    "; display += 4
            } else {
                shown.unicodeScalars.append(scalar); display += 1
            }
        }
        columns.append(display)
        return (shown, columns)
    }

    private func displayColumn(_ column: Int, _ columns: [Int]) -> Int {
        let index = column - 1
        if index < columns.count { return columns[max(0, index)] }
        return (columns.last ?? 0) + (index - columns.count + 1)
    }

    enum Style { case red, yellow, cyan, blue, bold }

    private func style(_ severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        guard colour else { return text }
        let code = switch style {
        case .red: "1;31"
        case .yellow: "1;33"
        case .cyan: "1;36"
        case .blue: "1;34"
        case .bold: "1"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
