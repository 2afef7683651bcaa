import BerthCompiler
import BerthDiagnostics
import BerthSchema
import BerthYAML
import Foundation

extension LanguageServer {
    /// The document, its source file, the cursor offset and the tree to reason about.
    struct Context {
        let document: Document
        let file: SourceFile
        let offset: Int
        let tree: TreeCache

        /// The document's tree, or the last that parsed; read on first use (completion of a
        /// key needs only the text).
        var root: YAMLNode? { tree.root }
        var locator: SchemaLocator? { tree.locator }

        var lineIndex: Int { file.position(at: offset).line - 1 }
        /// The text of the cursor's line before the cursor.
        var prefix: String {
            String(decoding: file.bytes[file.lineStarts[lineIndex]..<offset], as: UTF8.self)
        }
    }

    func context(_ params: [String: Any]) -> Context? {
        guard let uri = uri(params), let document = documents[uri], let position = params["position"] as? [String: Any] else { return nil }
        let file = document.file
        let offset = Document.offset(position, in: file, encoding: encoding)
        return Context(document: document, file: file, offset: offset, tree: TreeCache(file: file, lastGood: lastGood[uri], grammar: grammar))
    }

    /// A document's tree and schema locations, read when first asked for.
    final class TreeCache {
        let file: SourceFile
        let lastGood: YAMLNode?
        let grammar: Grammar

        init(file: SourceFile, lastGood: YAMLNode?, grammar: Grammar) {
            self.file = file
            self.lastGood = lastGood
            self.grammar = grammar
        }

        lazy var root: YAMLNode? = {
            let stream = YAMLReader().read(file)
            return stream.stoppedEarly ? lastGood : (stream.documents.first?.root ?? lastGood)
        }()
        lazy var locator: SchemaLocator? = root.map { SchemaLocator(root: $0, grammar: grammar) }
    }

    // MARK: completion

    func completion(_ params: [String: Any]) -> [String: Any] {
        guard let ctx = context(params) else { return ["isIncomplete": false, "items": []] }
        let prefix = ctx.prefix
        if let template = TemplateCompletion.openExpression(prefix) {
            return ["isIncomplete": false, "items": TemplateCompletion(grammar: grammar, root: ctx.root).items(for: template)]
        }
        let indent = Self.keyIndent(prefix)
        // A `- ` right before the key column: the key's mapping starts on this line, as a list item.
        let itemStart = indent >= 2 && prefix.utf8.count >= indent && Array(prefix.utf8)[indent - 2] == UInt8(ascii: "-")
        if let match = prefix.firstMatch(of: /^\s*(?:- )*([A-Za-z0-9_.-]*)$/) {
            guard let mapping = mappingAtCursor(ctx, indent: indent, itemStart: itemStart) else { return ["isIncomplete": false, "items": []] }
            var items: [[String: Any]] = []
            if mapping.isItemStart && match.1.isEmpty, let category = mapping.category, ["task", "trigger"].contains(category) {
                items.append(Self.itemSnippet(category: category, indent: indent))
            }
            if mapping.category != nil && !mapping.present.contains("type") {
                items.append(["label": "type", "kind": 10, "detail": "the \(mapping.category!) type", "insertText": "type: "])
            }
            // Before its type is written, an item has the properties every type of its kind has.
            let schema = mapping.schema ?? mapping.category.flatMap { grammar.objects[Self.commonObjects[$0] ?? ""] }
            for property in schema?.properties ?? [] where !mapping.present.contains(property.name) {
                items.append(Self.propertyItem(property))
            }
            return ["isIncomplete": false, "items": items]
        }
        if let match = prefix.firstMatch(of: /^\s*(?:- )*([A-Za-z0-9_.-]+):\s*([^\s]*)$/) {
            let key = String(match.1)
            guard let mapping = mappingAtCursor(ctx, indent: indent, itemStart: itemStart) else { return ["isIncomplete": false, "items": []] }
            if key == "type", let category = mapping.category {
                let items: [[String: Any]] = grammar.categories[category, default: []].compactMap { name in
                    guard let schema = grammar.types[name] else { return nil }
                    var item: [String: Any] = ["label": name, "kind": 7, "detail": schema.summary, "documentation": schema.summary]
                    if schema.deprecated != nil { item["tags"] = [1] }
                    return item
                }
                return ["isIncomplete": false, "items": items]
            }
            guard let property = mapping.schema?.property(key) else { return ["isIncomplete": false, "items": []] }
            var values = property.values
            if property.type == .boolean { values = ["true", "false"] }
            if values.isEmpty, ["containerImage", "image"].contains(key) {
                return ["isIncomplete": false, "items": knownImages(near: ctx.document.uri).map { ["label": $0, "kind": 12, "detail": "an image the workspace uses"] }]
            }
            return ["isIncomplete": false, "items": values.map { ["label": $0, "kind": 20, "detail": property.name] }]
        }
        return ["isIncomplete": false, "items": []]
    }

    /// The mapping the cursor's key goes in: from indentation (text that does not parse yet
    /// included), else from the last tree that parsed.
    func mappingAtCursor(_ ctx: Context, indent: Int, itemStart: Bool) -> IndentationContext.Mapping? {
        if let mapping = IndentationContext(grammar: grammar).mapping(in: ctx.file, line: ctx.lineIndex, column: indent, itemStart: itemStart) {
            return mapping
        }
        guard !itemStart, let info = enclosingMapping(ctx, indent: indent) else { return nil }
        return IndentationContext.Mapping(schema: info.schema, category: info.category,
                                          present: Set((info.node.mapping ?? []).compactMap { $0.key.scalar }), isItemStart: false)
    }

    /// The properties every type of a category has, by category.
    static let commonObjects = ["task": "TaskCommon", "trigger": "TriggerCommon", "input": "InputCommon", "retry": "RetryCommon"]

    /// A new task or trigger: `id` and `type` as a snippet, at the item's indentation.
    static func itemSnippet(category: String, indent: Int) -> [String: Any] {
        ["label": "id + type", "kind": 15, "detail": "a new \(category)", "insertTextFormat": 2, "insertTextMode": 1,
         "insertText": "id: ${1:\(category)-id}\n" + String(repeating: " ", count: indent) + "type: ${2}", "sortText": "0"]
    }

    static func propertyItem(_ property: PropertySchema) -> [String: Any] {
        var doc = "\(property.description)\n\nType: `\(property.type)`"
        if let d = property.defaultValue { doc += " · default `\(d)`" }
        if !property.values.isEmpty { doc += "\n\nValues: " + property.values.map { "`\($0)`" }.joined(separator: ", ") }
        var item: [String: Any] = ["label": property.name, "kind": 10, "detail": "\(property.type)\(property.required ? " (required)" : "")",
                                   "documentation": ["kind": "markdown", "value": doc], "insertText": "\(property.name): "]
        if property.deprecated != nil { item["tags"] = [1] }
        return item
    }

    /// The column (0-based) where a key starts on this line: after spaces and `- ` indicators.
    static func keyIndent(_ prefix: String) -> Int {
        var index = 0
        let chars = Array(prefix)
        while index < chars.count {
            if chars[index] == " " { index += 1 } else if chars[index] == "-" && index + 1 < chars.count && chars[index + 1] == " " { index += 2 } else { break }
        }
        return index
    }

    /// The mapping the cursor's line belongs to: keys at the same column, started above, with no
    /// line in between that is less indented.
    func enclosingMapping(_ ctx: Context, indent: Int) -> SchemaLocator.MappingInfo? {
        guard let locator = ctx.locator else { return nil }
        let line = ctx.lineIndex + 1
        let candidates = locator.mappings.filter { info in
            guard let first = info.node.mapping?.first?.key.range.start else { return false }
            return first.column == indent + 1 && first.line <= line
        }
        let sorted = candidates.sorted { ($0.node.mapping!.first!.key.range.start.line) > ($1.node.mapping!.first!.key.range.start.line) }
        for info in sorted {
            let start = info.node.mapping!.first!.key.range.start.line
            var inside = true
            if start + 1 < line {
                for l in (start + 1)..<line {
                    let text = ctx.file.lineText(l)
                    let trimmed = text.drop { $0 == " " }
                    if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                    if text.count - trimmed.count < indent { inside = false; break }
                }
            }
            if inside { return info }
        }
        return nil
    }

    // MARK: hover

    func hover(_ params: [String: Any]) -> [String: Any]? {
        guard let ctx = context(params), let locator = ctx.locator else { return nil }
        let offset = ctx.offset
        if let info = locator.properties.first(where: { $0.key.range.offsets.contains(offset) || $0.key.range.end.offset == offset }) {
            let p = info.property
            var text = "**\(p.name)** — `\(p.type)`\(p.required ? " (required)" : "")\n\n\(p.description)"
            if let d = p.defaultValue { text += "\n\nDefault: `\(d)`" }
            if !p.values.isEmpty { text += "\n\nValues: " + p.values.map { "`\($0)`" }.joined(separator: ", ") }
            if let replacement = p.replacement { text += "\n\n**Deprecated**: use `\(replacement)`." } else if p.deprecated != nil { text += "\n\n**Deprecated**." }
            if !p.dynamic { text += "\n\nNot rendered: `{{ }}` is taken literally here." }
            return ["contents": ["kind": "markdown", "value": text], "range": Document.range(info.key.range, in: ctx.file, encoding: encoding)]
        }
        if let type = locator.typeValues.first(where: { $0.node.range.offsets.contains(offset) }),
           let name = type.node.scalar, let (schema, isAlias) = grammar.type(name, in: type.category) {
            var text = "**\(schema.name)** (\(type.category))\n\n\(schema.summary)"
            if isAlias { text += "\n\n`\(name)` is an older name of this type." }
            if let outputs = schema.outputs, !outputs.isEmpty { text += "\n\nOutputs: " + outputs.map { "`\($0)`" }.joined(separator: ", ") }
            return ["contents": ["kind": "markdown", "value": text], "range": Document.range(type.node.range, in: ctx.file, encoding: encoding)]
        }
        if let reference = TemplateReference.at(offset, in: ctx) {
            return ["contents": ["kind": "markdown", "value": TemplateReference.describe(reference, root: ctx.root, grammar: grammar)]]
        }
        return nil
    }

    // MARK: definition

    func definition(_ params: [String: Any]) -> [String: Any]? {
        guard let ctx = context(params), let root = ctx.root else { return nil }
        var target: YAMLNode?
        if let reference = TemplateReference.at(ctx.offset, in: ctx) {
            switch reference.root {
            case "outputs", "tasks": target = Self.taskIdNode(reference.first, root: root)
            case "inputs": target = Self.inputIdNode(reference.first, root: root)
            default: break
            }
        } else if let scalar = Self.scalarAt(ctx.offset, in: root), let name = scalar.scalar, Self.isDependsOnEntry(scalar, root: root) {
            target = Self.taskIdNode(name, root: root) ?? Self.inputIdNode(name, root: root)
        }
        guard let target else { return nil }
        return ["uri": ctx.document.uri, "range": Document.range(target.range, in: ctx.file, encoding: encoding)]
    }

    static func taskIdNode(_ id: String, root: YAMLNode) -> YAMLNode? {
        var found: YAMLNode?
        visitMappings(root, depth: 0) { mapping in
            if found == nil, mapping["type"] != nil, let idNode = mapping["id"], idNode.scalar == id, mapping["namespace"] == nil { found = idNode }
        }
        return found
    }

    static func inputIdNode(_ id: String, root: YAMLNode) -> YAMLNode? {
        root["inputs"]?.sequence?.first { ($0["id"] ?? $0["name"])?.scalar == id }.flatMap { $0["id"] ?? $0["name"] }
    }

    static func visitMappings(_ node: YAMLNode, depth: Int, _ body: (YAMLNode) -> Void) {
        guard depth < 128 else { return }
        switch node.content {
        case .mapping(let entries):
            body(node)
            for entry in entries { visitMappings(entry.value, depth: depth + 1, body) }
        case .sequence(let items):
            for item in items { visitMappings(item, depth: depth + 1, body) }
        case .scalar:
            return
        }
    }

    static func scalarAt(_ offset: Int, in root: YAMLNode) -> YAMLNode? {
        var found: YAMLNode?
        func visit(_ node: YAMLNode, _ depth: Int) {
            guard depth < 128, found == nil, node.range.start.offset <= offset, offset <= node.range.end.offset else { return }
            switch node.content {
            case .scalar: found = node
            case .sequence(let items): items.forEach { visit($0, depth + 1) }
            case .mapping(let entries): entries.forEach { visit($0.key, depth + 1); visit($0.value, depth + 1) }
            }
        }
        visit(root, 0)
        return found
    }

    static func isDependsOnEntry(_ scalar: YAMLNode, root: YAMLNode) -> Bool {
        var result = false
        visitMappings(root, depth: 0) { mapping in
            for entry in mapping.mapping ?? [] where entry.key.scalar == "dependsOn" {
                let lists = [entry.value.sequence, entry.value["inputs"]?.sequence].compactMap { $0 }
                if lists.contains(where: { $0.contains { $0 == scalar } }) { result = true }
            }
        }
        return result
    }

    // MARK: symbols and code actions

    func documentSymbols(_ params: [String: Any]) -> [[String: Any]] {
        guard let uri = uri(params), let document = documents[uri] else { return [] }
        let file = document.file
        guard let root = YAMLReader().read(file).documents.first?.root ?? lastGood[uri] else { return [] }
        func symbols(_ list: YAMLNode?, _ depth: Int) -> [[String: Any]] {
            guard depth < 64 else { return [] }
            return (list?.sequence ?? []).compactMap { item in
                let task = item["task"] ?? item
                guard let idNode = task["id"], let id = idNode.scalar else { return nil }
                var children: [[String: Any]] = []
                for entry in task.mapping ?? [] where entry.value.sequence != nil {
                    children += symbols(entry.value, depth + 1)
                }
                for entry in task["cases"]?.mapping ?? [] { children += symbols(entry.value, depth + 1) }
                return ["name": id, "detail": task["type"]?.scalar?.split(separator: ".").last.map(String.init) ?? "", "kind": 12,
                        "range": Document.range(item.range, in: file, encoding: encoding),
                        "selectionRange": Document.range(idNode.range, in: file, encoding: encoding), "children": children]
            }
        }
        var result: [[String: Any]] = []
        for slot in ["tasks", "errors", "finally", "afterExecution", "triggers"] { result += symbols(root[slot], 0) }
        return result
    }

    func codeActions(_ params: [String: Any]) -> [[String: Any]] {
        guard let uri = uri(params), let document = documents[uri], let range = params["range"] as? [String: Any],
              let start = range["start"] as? [String: Any], let end = range["end"] as? [String: Any] else { return [] }
        let file = document.file
        let lower = Document.offset(start, in: file, encoding: encoding), upper = Document.offset(end, in: file, encoding: encoding)
        let result = FlowCheck.check(file, options: DocumentOptions.forDocument(uri))
        var actions: [[String: Any]] = []
        for diagnostic in result.diagnostics where diagnostic.range.start.offset <= upper && diagnostic.range.end.offset >= lower {
            for fix in diagnostic.fixIts {
                let edits = fix.edits.map { ["range": Document.range($0.range, in: result.file, encoding: encoding), "newText": $0.replacement] }
                actions.append(["title": fix.message, "kind": "quickfix", "isPreferred": fix.applicability == .machineApplicable,
                                "diagnostics": [lspDiagnostic(diagnostic, file: result.file, uri: uri)],
                                "edit": ["changes": [uri: edits]]])
            }
        }
        return actions
    }
}
