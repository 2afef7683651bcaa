import BerthDiagnostics
import BerthYAML

/// The fix-it of the code audits: the template moves to an `env:` entry of the task and the
/// script reads the variable instead (`"${NAME}"` in shell, quoted for where it stands). Made
/// only where the edit is certain: a block-style task, a scalar whose tag is written verbatim,
/// a shell context; otherwise the diagnostic's help says what to do.
struct EnvFixIt {
    let context: CheckContext
    let task: YAMLNode
    let scalar: YAMLNode
    let map: ScalarSourceMap
    let property: String

    var file: SourceFile { context.file }

    func make(tag: Range<Int>, in text: String, name: String, language: ScriptLanguage) -> FixIt? {
        guard language == .shell, map.isExact, task.collectionStyle == .block else { return nil }
        let source = map.sourceRange(ofValue: tag)
        let utf8 = Array(text.utf8)
        let tagText = String(decoding: utf8[tag], as: UTF8.self)
        guard source.end.offset - source.start.offset == tag.count, let value = Self.yamlValue(tagText) else { return nil }
        let (variable, entry) = variableName(name, value: value)
        let quoted = Self.shellReference(variable, before: utf8[..<tag.lowerBound])
        guard let replacement = escaped(quoted) else { return nil }
        var edits = [TextEdit(range: source, replacement: replacement)]
        if entry {
            guard let insertion = envInsertion("\(variable): \(value)") else { return nil }
            edits.insert(insertion, at: 0)
        }
        return FixIt("pass the value through env as \(variable)", edits: edits)
    }

    /// `name`, or `name_2`… when env already holds another value under it; `false` when env
    /// already holds this very value under the name (nothing to add).
    private func variableName(_ name: String, value: String) -> (String, Bool) {
        let existing = task["env"]?.mapping ?? []
        var candidate = name
        var suffix = 2
        while let entry = existing.first(where: { $0.key.scalar == candidate }) {
            if let written = slice(entry.value.range), written == value || entry.value.scalar == Self.unquoted(value) { return (candidate, false) }
            candidate = "\(name)_\(suffix)"
            suffix += 1
        }
        return (candidate, true)
    }

    /// `"{{ … }}"`, or single-quoted when the tag holds a double quote; nil when it holds both.
    static func yamlValue(_ tag: String) -> String? {
        if !tag.contains("\"") && !tag.contains("\\") { return "\"\(tag)\"" }
        if !tag.contains("'") { return "'\(tag)'" }
        return nil
    }

    static func unquoted(_ value: String) -> String { String(value.dropFirst().dropLast()) }

    /// The variable as the shell must see it where the tag stood: inside double quotes
    /// `${NAME}`, inside single quotes `'"${NAME}"'`, else `"${NAME}"`.
    static func shellReference(_ name: String, before: ArraySlice<UInt8>) -> String {
        var single = false, double = false, escape = false
        for byte in before {
            if escape { escape = false; continue }
            switch byte {
            case UInt8(ascii: "\\") where !single: escape = true
            case UInt8(ascii: "'") where !double: single.toggle()
            case UInt8(ascii: "\"") where !single: double.toggle()
            default: break
            }
        }
        if double { return "${\(name)}" }
        if single { return "'\"${\(name)}\"'" }
        return "\"${\(name)}\""
    }

    /// The replacement written in the scalar's own style.
    private func escaped(_ text: String) -> String? {
        switch scalar.scalarStyle {
        case .doubleQuoted: return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        case .singleQuoted: return text.replacingOccurrences(of: "'", with: "''")
        case .literal, .folded: return text
        case .plain: return text.contains(" #") || text.contains(": ") ? nil : text
        case nil: return nil
        }
    }

    /// A line `entry` added to the task's block `env:` mapping, or an `env:` mapping added
    /// above the property; nil when the layout is not one berth edits with certainty.
    private func envInsertion(_ entry: String) -> TextEdit? {
        if let env = task["env"] {
            guard env.collectionStyle == .block, let last = env.mapping?.last, let first = env.mapping?.first else { return nil }
            let indent = String(repeating: " ", count: first.key.range.start.column - 1)
            let end = last.value.range.end
            if end.column == 1 { return TextEdit(range: SourceRange(at: end), replacement: indent + entry + "\n") }
            let lineEnd = file.position(at: file.lineContentEnd(lineIndex: end.line - 1, includeBreak: false))
            return TextEdit(range: SourceRange(at: lineEnd), replacement: "\n" + indent + entry)
        }
        guard let key = task.mapping?.first(where: { $0.key.scalar == property })?.key else { return nil }
        let lineStart = file.lineStarts[key.range.start.line - 1]
        guard file.bytes[lineStart..<key.range.start.offset].allSatisfy({ $0 == 0x20 }) else { return nil }
        let indent = String(repeating: " ", count: key.range.start.offset - lineStart)
        return TextEdit(range: SourceRange(at: file.position(at: lineStart)), replacement: "\(indent)env:\n\(indent)  \(entry)\n")
    }

    private func slice(_ range: SourceRange) -> String? {
        guard range.end.offset <= file.bytes.count, range.start.offset <= range.end.offset else { return nil }
        return String(decoding: file.bytes[range.start.offset..<range.end.offset], as: UTF8.self)
    }
}
