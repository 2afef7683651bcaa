import BerthDiagnostics
import BerthYAML

/// YAML for the `yaml` filter and function: values written as block YAML, and text read with
/// berth's reader (plain scalars typed as YAML 1.2 core: null, booleans, integers, floats).
enum YAMLText {
    static func encode(_ value: Value) -> String {
        var out = ""
        write(value, indent: 0, to: &out, inline: false)
        return out
    }

    private static func write(_ value: Value, indent: Int, to out: inout String, inline: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .list(let items) where !items.isEmpty:
            if inline { out += "\n" }
            for item in items {
                out += pad + "- "
                write(item, indent: indent + 2, to: &out, inline: true)
            }
        case .map(let map) where !map.isEmpty:
            if inline { out += "\n" }
            for (i, (key, item)) in map.pairs.enumerated() {
                out += (inline && i == 0 && false ? "" : pad) + scalar(.string(key)) + ":"
                if case .list(let l) = item, !l.isEmpty { write(item, indent: indent, to: &out, inline: true); continue }
                if case .map(let m) = item, !m.isEmpty { write(item, indent: indent + 2, to: &out, inline: true); continue }
                out += " "
                write(item, indent: indent + 2, to: &out, inline: true)
            }
        default:
            out += scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: Value) -> String {
        switch value {
        case .list: return "[]"
        case .map: return "{}"
        case .null: return "null"
        case .string(let s):
            let plainSafe = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789_-./ ".unicodeScalars.contains($0) }
                && !["true", "false", "null", "yes", "no", "~"].contains(s.lowercased()) && Double(s) == nil
                && !s.hasPrefix(" ") && !s.hasSuffix(" ") && !s.hasPrefix("-")
            return plainSafe ? s : ValueJSON.encode(value)
        default: return TemplateText.render(value)
        }
    }

    static func decode(_ text: String) throws(ValueJSON.ParseError) -> Value {
        let stream = YAMLReader().read(SourceFile(path: "yaml()", text: text))
        if let error = stream.diagnostics.first(where: { $0.severity == .error }) {
            throw ValueJSON.ParseError(message: "\(error.message) at \(error.range.start.line):\(error.range.start.column)")
        }
        guard let root = stream.documents.first?.root else { return .null }
        return convert(root, depth: 0)
    }

    static func convert(_ node: YAMLNode, depth: Int) -> Value {
        guard depth < 64 else { return .null }
        switch node.content {
        case .sequence(let items): return .list(items.map { convert($0, depth: depth + 1) })
        case .mapping(let entries):
            var map = ValueMap()
            for entry in entries { map[entry.key.scalar ?? ""] = convert(entry.value, depth: depth + 1) }
            return .map(map)
        case .scalar(let s):
            guard node.scalarStyle == .plain, node.tag == nil else { return .string(s) }
            if node.isNull { return .null }
            switch s {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if let i = Int64(s) { return .int(i) }
            if let d = Double(s), s.contains(".") || s.lowercased().contains("e") { return .double(d) }
            return .string(s)
        }
    }
}
