import BerthDiagnostics
import BerthSchema
import Foundation

/// Where the cursor is in a flow, read from indentation alone, so completion works on text that
/// is not YAML yet: a half-typed key (`pu`), an empty line under a key whose object has no entry
/// yet (`cpu:`), a new item of a list (`- `). Walks up from the cursor's line collecting the
/// enclosing keys (each less indented than the last), then follows them through the grammar
/// from the flow, choosing each typed object by the `type` written beside it.
struct IndentationContext {
    /// The mapping the cursor's key would go in.
    struct Mapping {
        /// Its schema; nil for an item whose `type` is not written yet (or unknown).
        let schema: ObjectSchema?
        /// The category when a `type` key chooses the schema (task, runner, trigger…).
        let category: String?
        /// Keys already written in it, above and below the cursor.
        let present: Set<String>
        /// The cursor's mapping starts on its line, as an item of a list (`- ` before the key).
        let isItemStart: Bool
    }

    /// One line as indentation sees it.
    struct Line {
        /// 0-based column of the key (after spaces and `- ` indicators).
        let keyColumn: Int
        /// Columns of the `-` item indicators before the key.
        let dashes: [Int]
        let key: String?
        /// The text after `key:`, comment removed; "" when none.
        let value: String

        init?(_ text: String) {
            let chars = Array(text.utf8)
            var column = 0
            var dashes: [Int] = []
            while column < chars.count {
                if chars[column] == UInt8(ascii: " ") {
                    column += 1
                } else if chars[column] == UInt8(ascii: "-") && (column + 1 == chars.count || chars[column + 1] == UInt8(ascii: " ")) {
                    dashes.append(column)
                    column += 2
                } else {
                    break
                }
            }
            let rest = String(decoding: chars[min(column, chars.count)...], as: UTF8.self)
            if rest.hasPrefix("#") { return nil }
            if rest.isEmpty && dashes.isEmpty { return nil }
            self.keyColumn = column
            self.dashes = dashes
            if let match = rest.firstMatch(of: /^([A-Za-z0-9_.$@\/-]+)[ \t]*:(?:[ \t]+(.*))?$/) {
                key = String(match.1)
                let raw = String(match.2 ?? "")
                let comment = raw.range(of: " #")?.lowerBound ?? raw.endIndex
                value = String(raw[..<comment]).trimmingCharacters(in: .whitespaces)
            } else {
                key = nil
                value = rest
            }
        }

        /// The value opens a block scalar (`|`, `>-`…): lines below are text, not keys.
        var opensBlockScalar: Bool { value.first == "|" || value.first == ">" }
    }

    /// A mapping on the way from the flow to the cursor, innermost first.
    private struct Frame {
        /// The key (in the next outer frame) whose value holds this mapping.
        var parentKey: String?
        /// The mapping is an item of the list that key holds.
        var viaItem = false
        var keys: [String: String] = [:]
    }

    let grammar: Grammar

    /// The mapping at `line` (0-based) for a key starting at `column`; `itemStart` when a `- `
    /// right before the key starts the mapping as a list item. Nil when the cursor is inside a
    /// block scalar or the path does not lead through the grammar.
    func mapping(in file: SourceFile, line: Int, column: Int, itemStart: Bool) -> Mapping? {
        var frames = [Frame(viaItem: itemStart)]
        var level = column
        var seekingItemParent: Int? = itemStart ? column - 2 : nil
        frames[0].keys = keysBelow(file, line: line, column: column)
        var index = line - 1
        while index >= 0 {
            defer { index -= 1 }
            guard let parsed = Line(file.lineText(index + 1).replacingOccurrences(of: "\r", with: "")) else { continue }
            if let dash = seekingItemParent {
                // Skip the list's other items and their content, up to the key holding the list.
                if parsed.keyColumn > dash || parsed.dashes.contains(dash) { continue }
            } else {
                if parsed.keyColumn > level { continue }
                if parsed.keyColumn == level {
                    // `- |` above at the cursor's column: the cursor is in that item's text.
                    if parsed.key == nil && parsed.opensBlockScalar { return nil }
                    if let key = parsed.key { frames[frames.count - 1].keys[key] = frames[frames.count - 1].keys[key] ?? parsed.value }
                    if let dash = parsed.dashes.last, dash < level {
                        frames[frames.count - 1].viaItem = true
                        seekingItemParent = dash
                    }
                    continue
                }
            }
            // A less indented key: the one holding the current mapping (or list).
            guard let key = parsed.key, !parsed.opensBlockScalar else { return nil }
            frames[frames.count - 1].parentKey = key
            var outer = Frame()
            outer.keys[key] = parsed.value
            level = parsed.keyColumn
            seekingItemParent = nil
            if let dash = parsed.dashes.last {
                outer.viaItem = true
                seekingItemParent = dash
            }
            frames.append(outer)
        }
        guard level == 0, seekingItemParent == nil, frames.count > 1 || column == 0 else { return nil }
        return resolve(Array(frames.reversed()), itemStart: itemStart)
    }

    /// Keys at the cursor's column below it, up to the end of its mapping.
    private func keysBelow(_ file: SourceFile, line: Int, column: Int) -> [String: String] {
        var keys: [String: String] = [:]
        var index = line + 1
        while index < file.lineCount {
            defer { index += 1 }
            guard let parsed = Line(file.lineText(index + 1)) else { continue }
            if parsed.keyColumn < column || parsed.dashes.contains(where: { $0 < column && $0 >= column - 2 }) { break }
            if parsed.keyColumn == column, let key = parsed.key { keys[key] = parsed.value }
        }
        return keys
    }

    /// Follows the frames (outermost first) through the grammar.
    private func resolve(_ frames: [Frame], itemStart: Bool) -> Mapping? {
        var type: ValueType = .object("Flow")
        for (position, frame) in frames.enumerated() {
            if frame.viaItem {
                guard let item = Self.listItem(type) else { return nil }
                type = item
            }
            guard let (schema, category, mapValue) = mappingShape(type, keys: frame.keys) else { return nil }
            if position == frames.count - 1 {
                return Mapping(schema: schema, category: category, present: Set(frame.keys.keys), isItemStart: itemStart)
            }
            guard let key = frames[position + 1].parentKey else { return nil }
            if let mapValue {
                type = mapValue
            } else {
                guard let property = schema?.property(key) else { return nil }
                type = property.type
            }
        }
        return nil
    }

    /// What a mapping of `type` is: an object's schema, a typed item's (by its `type` key), or a
    /// map whose values have the returned type.
    private func mappingShape(_ type: ValueType, keys: [String: String]) -> (ObjectSchema?, String?, ValueType?)? {
        switch type {
        case .object(let name):
            return grammar.objects[name].map { ($0, nil, nil) }
        case .category(let category):
            let name = keys["type"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
            return (name.flatMap { grammar.type($0, in: category)?.schema }, category, nil)
        case .map(let value):
            return (nil, nil, value)
        case .union(let alternatives):
            for alternative in alternatives {
                switch alternative {
                case .object, .category, .map: return mappingShape(alternative, keys: keys)
                default: continue
                }
            }
            return nil
        default:
            return nil
        }
    }

    static func listItem(_ type: ValueType) -> ValueType? {
        switch type {
        case .list(let item): return item
        case .union(let alternatives):
            for case .list(let item) in alternatives { return item }
            return nil
        default: return nil
        }
    }
}
