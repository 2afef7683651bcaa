import BerthSchema
import BerthYAML
import Foundation

/// Completion inside `{{ }}`: roots, declared inputs, task ids and their outputs, vars, filters
/// and functions, with documentation from grammar/.
struct TemplateCompletion {
    let grammar: Grammar
    let root: YAMLNode?

    /// The expression text typed so far when the cursor is inside an open `{{`.
    static func openExpression(_ prefix: String) -> String? {
        guard let open = prefix.range(of: "{{", options: .backwards) else { return nil }
        let after = prefix[open.upperBound...]
        if after.contains("}}") { return nil }
        return String(after)
    }

    func items(for expression: String) -> [[String: Any]] {
        let catalog = grammar.expressions
        if expression.range(of: #"\|\s*[A-Za-z]*$"#, options: .regularExpression) != nil {
            return catalog.filters.keys.sorted().map { builtin($0, catalog.filters[$0]!, kind: 3) }
        }
        guard let chain = expression.range(of: #"[A-Za-z_][A-Za-z0-9_.\-\[\]']*$"#, options: .regularExpression).map({ String(expression[$0]) }) else {
            return roots()
        }
        let parts = chain.replacingOccurrences(of: "['", with: ".").replacingOccurrences(of: "']", with: "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("inputs", 2):
            return (root?["inputs"]?.sequence ?? []).compactMap { input in
                (input["id"] ?? input["name"])?.scalar.map { ["label": $0, "kind": 6, "detail": input["type"]?.scalar ?? "input",
                                                              "documentation": input["description"]?.scalar ?? ""] }
            }
        case ("vars", 2):
            return (root?["variables"]?.mapping ?? []).compactMap { $0.key.scalar.map { ["label": $0, "kind": 6, "detail": "variable"] } }
        case ("outputs", 2), ("tasks", 2):
            return tasks().map { ["label": $0.id, "kind": 6, "detail": $0.type] }
        case ("outputs", 3):
            guard let task = tasks().first(where: { $0.id == parts[1] }),
                  let schema = grammar.type(task.type, in: "task")?.schema else { return [] }
            return (schema.outputs ?? []).map { ["label": $0, "kind": 5, "detail": "output of \(task.id)"] }
        case (_, 1):
            return roots() + catalog.functions.keys.sorted().map { builtin($0, catalog.functions[$0]!, kind: 3) }
        default:
            return []
        }
    }

    private func roots() -> [[String: Any]] {
        grammar.expressions.roots.keys.sorted().map { ["label": $0, "kind": 6, "documentation": grammar.expressions.roots[$0]!] }
    }

    private func builtin(_ name: String, _ b: Builtin, kind: Int) -> [String: Any] {
        ["label": name, "kind": kind, "detail": b.arityText, "documentation": b.description]
    }

    struct TaskEntry {
        let id: String
        let type: String
    }

    func tasks() -> [TaskEntry] {
        var result: [TaskEntry] = []
        guard let root else { return [] }
        LanguageServer.visitMappings(root, depth: 0) { mapping in
            if mapping != root, let id = mapping["id"]?.scalar, let type = mapping["type"]?.scalar, grammar.type(type, in: "task") != nil {
                result.append(TaskEntry(id: id, type: type))
            }
        }
        return result
    }
}

/// A reference inside `{{ }}` under the cursor: `outputs.t.vars`, `inputs.name`, a filter...
struct TemplateReference {
    let root: String
    let first: String
    let rest: [String]

    static func at(_ offset: Int, in ctx: LanguageServer.Context) -> TemplateReference? {
        let line = ctx.file.lineText(ctx.lineIndex + 1)
        let lineStart = ctx.file.lineStarts[ctx.lineIndex]
        let bytes = Array(line.utf8)
        let column = offset - lineStart
        guard column >= 0, column <= bytes.count else { return nil }
        let isWord: (UInt8) -> Bool = { b in (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2D }
        var start = column, end = column
        while start > 0 && isWord(bytes[start - 1]) { start -= 1 }
        while end < bytes.count && isWord(bytes[end]) { end += 1 }
        let before = String(decoding: bytes[0..<start], as: UTF8.self)
        guard let open = before.range(of: "{{", options: .backwards), !before[open.upperBound...].contains("}}") else { return nil }
        let parts = String(decoding: bytes[start..<end], as: UTF8.self).split(separator: ".").map(String.init)
        guard parts.count >= 2 else { return nil }
        return TemplateReference(root: parts[0], first: parts[1], rest: Array(parts.dropFirst(2)))
    }

    static func describe(_ reference: TemplateReference, root: YAMLNode?, grammar: Grammar) -> String {
        switch reference.root {
        case "inputs":
            guard let input = root?["inputs"]?.sequence?.first(where: { ($0["id"] ?? $0["name"])?.scalar == reference.first }) else {
                return "no input `\(reference.first)` is declared"
            }
            var text = "input **\(reference.first)**: `\(input["type"]?.scalar ?? "?")`"
            if let d = input["defaults"]?.scalar { text += " · default `\(d)`" }
            if let d = input["description"]?.scalar { text += "\n\n\(d)" }
            return text
        case "outputs", "tasks":
            guard let task = TemplateCompletion(grammar: grammar, root: root).tasks().first(where: { $0.id == reference.first }) else {
                return "no task `\(reference.first)` in this flow"
            }
            let schema = grammar.type(task.type, in: "task")?.schema
            var text = "task **\(task.id)**: `\(schema?.name ?? task.type)`"
            if let outputs = schema?.outputs { text += "\n\nOutputs: " + (outputs.isEmpty ? "none" : outputs.map { "`\($0)`" }.joined(separator: ", ")) }
            return text
        case "vars":
            let value = root?["variables"]?[reference.first]?.scalar
            return value.map { "variable **\(reference.first)** = `\($0)`" } ?? "no variable `\(reference.first)` in `variables`"
        default:
            return grammar.expressions.roots[reference.root].map { "**\(reference.root)**: \($0)" } ?? "unknown variable `\(reference.root)`"
        }
    }
}
