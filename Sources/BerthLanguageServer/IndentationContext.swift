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

    /// One line as indentation sees it. The key and value are read only for the lines at or
    /// above the cursor's level: most lines of a large flow are deeper and skipped on their
    /// indentation alone.
    struct Line {
        /// 0-based column of the key (after spaces and `- ` indicators).
        let keyColumn: Int
        /// Columns of the `-` item indicators before the key.
        let dashes: [Int]
        private let rest: ArraySlice<UInt8>

        /// Nil for a blank or comment line.
        init?(_ bytes: ArraySlice<UInt8>) {
            var index = bytes.startIndex
            var column = 0
            var dashes: [Int] = []
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") {
                    index += 1
                    column += 1
                } else if byte == UInt8(ascii: "-") && (index + 1 == bytes.endIndex || bytes[index + 1] == UInt8(ascii: " ")) {
                    dashes.append(column)
                    index = min(index + 2, bytes.endIndex)
                    column += 2
                } else {
                    break
                }
            }
            var end = bytes.endIndex
            while end > index && (bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: " ")) { end -= 1 }
            if index < end && bytes[index] == UInt8(ascii: "#") { return nil }
            if index == end && dashes.isEmpty { return nil }
            self.keyColumn = column
            self.dashes = dashes
            self.rest = bytes[index..<end]
        }

        /// The key before `:`, and the value after it (comment removed); nil key when the line
        /// holds no `key:`.
        func keyValue() -> (key: String?, value: String) {
            let text = String(decoding: rest, as: UTF8.self)
            guard let match = text.firstMatch(of: /^([A-Za-z0-9_.$@\/-]+)[ \t]*:(?:[ \t]+(.*))?$/) else { return (nil, text) }
            let raw = String(match.2 ?? "")
            let comment = raw.range(of: " #")?.lowerBound ?? raw.endIndex
            return (String(match.1), String(raw[..<comment]).trimmingCharacters(in: .whitespaces))
        }

        /// `value` opens a block scalar (`|`, `>-`…): lines below are text, not keys.
        static func opensBlockScalar(_ value: String) -> Bool { value.first == "|" || value.first == ">" }
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
            guard let parsed = Line(Self.bytes(of: index, in: file)) else { continue }
            if let dash = seekingItemParent {
                // Skip the list's other items and their content, up to the key holding the list.
                if parsed.keyColumn > dash || parsed.dashes.contains(dash) { continue }
            } else {
                if parsed.keyColumn > level { continue }
                if parsed.keyColumn == level {
                    let (key, value) = parsed.keyValue()
                    // `- |` above at the cursor's column: the cursor is in that item's text.
                    if key == nil && Line.opensBlockScalar(value) { return nil }
                    if let key { frames[frames.count - 1].keys[key] = frames[frames.count - 1].keys[key] ?? value }
                    if let dash = parsed.dashes.last, dash < level {
                        frames[frames.count - 1].viaItem = true
                        seekingItemParent = dash
                    }
                    continue
                }
            }
            // A less indented key: the one holding the current mapping (or list).
            let (key, value) = parsed.keyValue()
            guard let key, !Line.opensBlockScalar(value) else { return nil }
            frames[frames.count - 1].parentKey = key
            var outer = Frame()
            outer.keys[key] = value
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

    /// The bytes of a 0-based line, without its break.
    static func bytes(of line: Int, in file: SourceFile) -> ArraySlice<UInt8> {
        file.bytes[file.lineStarts[line]..<file.lineContentEnd(lineIndex: line, includeBreak: false)]
    }

    /// Keys at the cursor's column below it, up to the end of its mapping.
    private func keysBelow(_ file: SourceFile, line: Int, column: Int) -> [String: String] {
        var keys: [String: String] = [:]
        var index = line + 1
        while index < file.lineCount {
            defer { index += 1 }
            guard let parsed = Line(Self.bytes(of: index, in: file)) else { continue }
            if parsed.keyColumn < column || parsed.dashes.contains(where: { $0 < column && $0 >= column - 2 }) { break }
            if parsed.keyColumn == column, case (let key?, let value) = parsed.keyValue() { keys[key] = value }
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
