import BerthDiagnostics
import BerthYAML

/// Builds a ``Grammar`` from grammar/schema/*.yaml texts (read with berth's own reader).
public struct GrammarLoader {
    /// Problems in the grammar files themselves (a test keeps this empty).
    public private(set) var problems: [String] = []

    public init() {}

    private struct RawObject {
        var name: String
        var node: YAMLNode
        var category: String?
        var file: String
    }

    /// Loads the files (name → YAML text).
    public mutating func load(_ files: [(name: String, text: String)]) -> Grammar {
        var raws: [String: RawObject] = [:]
        var expressions = ExpressionCatalog.empty
        for (fileName, text) in files {
            let stream = YAMLReader().read(SourceFile(path: fileName, text: text))
            problems += stream.diagnostics.map { ShortRenderer().line(for: $0) }
            guard let root = stream.documents.first?.root else { continue }
            if let catalog = root["expressions"] { expressions = loadCatalog(catalog, file: fileName) }
            for section in ["objects", "types"] {
                for entry in root[section]?.mapping ?? [] {
                    guard let name = entry.key.scalar else { continue }
                    if raws[name] != nil { problems.append("\(fileName): \(name) is defined twice") }
                    raws[name] = RawObject(name: name, node: entry.value, category: entry.value["category"]?.scalar, file: fileName)
                }
            }
        }
        var resolved: [String: ObjectSchema] = [:]
        for name in raws.keys.sorted() {
            var visiting: Set<String> = []
            _ = resolve(name, raws: raws, resolved: &resolved, visiting: &visiting)
        }
        var types: [String: ObjectSchema] = [:]
        var objects: [String: ObjectSchema] = [:]
        var aliases: [String: String] = [:]
        var categories: [String: [String]] = [:]
        for (name, schema) in resolved {
            if let category = schema.category {
                types[name] = schema
                categories[category, default: []].append(name)
                for alias in schema.aliases { aliases[alias] = name }
            } else {
                objects[name] = schema
            }
        }
        for key in categories.keys { categories[key]!.sort() }
        let grammar = Grammar(objects: objects, types: types, aliases: aliases, categories: categories, expressions: expressions)
        validateReferences(grammar)
        return grammar
    }

    private mutating func resolve(_ name: String, raws: [String: RawObject], resolved: inout [String: ObjectSchema],
                                  visiting: inout Set<String>) -> ObjectSchema? {
        if let done = resolved[name] { return done }
        guard let raw = raws[name] else {
            problems.append("unknown object \(name) in extends")
            return nil
        }
        guard visiting.insert(name).inserted else {
            problems.append("\(raw.file): \(name) extends itself")
            return nil
        }
        var properties: [PropertySchema] = []
        for parent in raw.node["extends"]?.sequence?.compactMap(\.scalar) ?? [] {
            guard let base = resolve(parent, raws: raws, resolved: &resolved, visiting: &visiting) else { continue }
            for property in base.properties where !properties.contains(where: { $0.name == property.name }) {
                properties.append(property)
            }
        }
        for entry in raw.node["properties"]?.mapping ?? [] {
            guard let propertyName = entry.key.scalar, let property = property(propertyName, entry.value, in: raw) else { continue }
            properties.removeAll { $0.name == propertyName }
            properties.append(property)
        }
        var defaults: [String: String] = [:]
        for entry in raw.node["defaults"]?.mapping ?? [] {
            if let key = entry.key.scalar, let value = entry.value.scalar { defaults[key] = value }
        }
        let schema = ObjectSchema(
            name: name, summary: raw.node["summary"]?.scalar ?? "", category: raw.category, properties: properties,
            aliases: raw.node["aliases"]?.sequence?.compactMap(\.scalar) ?? [],
            deprecated: raw.node["deprecated"]?.scalar,
            outputs: raw.node["outputs"]?.sequence?.compactMap(\.scalar), typeDefaults: defaults,
            availability: availability(raw.node, "\(raw.file): \(name)"), removed: raw.node["removed"]?.scalar,
            migrateTo: migrateTo(raw.node, "\(raw.file): \(name)", typeRemoved: false))
        resolved[name] = schema
        return schema
    }

    private mutating func property(_ name: String, _ node: YAMLNode, in raw: RawObject) -> PropertySchema? {
        guard let typeText = node["type"]?.scalar, let type = ValueType.parse(typeText) else {
            problems.append("\(raw.file): \(raw.name).\(name) has no valid type")
            return nil
        }
        let values = node["values"]?.sequence?.compactMap(\.scalar) ?? []
        if type == .enumeration && values.isEmpty { problems.append("\(raw.file): \(raw.name).\(name) is an enum without values") }
        if node["description"]?.scalar == nil { problems.append("\(raw.file): \(raw.name).\(name) has no description") }
        return PropertySchema(
            name: name, type: type, required: node["required"]?.scalar == "true",
            nonEmpty: node["nonEmpty"]?.scalar == "true", defaultValue: node["default"]?.scalar, values: values,
            deprecated: node["deprecated"]?.scalar, dynamic: node["dynamic"]?.scalar != "false",
            description: node["description"]?.scalar ?? "", pattern: node["pattern"]?.scalar,
            maxLength: node["maxLength"]?.scalar.flatMap { Int($0) }, minimum: node["min"]?.scalar.flatMap { Double($0) },
            removed: node["removed"]?.scalar, itemFields: node["itemFields"]?.scalar == "true",
            availability: availability(node, "\(raw.file): \(raw.name).\(name)"), migrateTo: migrateTo(node, "\(raw.file): \(raw.name).\(name)", typeRemoved: raw.node["until"] != nil))
    }

    /// `migrateTo` of a construct a later dialect removed (its own `until`, or its type's).
    private mutating func migrateTo(_ node: YAMLNode, _ owner: String, typeRemoved: Bool) -> String? {
        guard let target = node["migrateTo"]?.scalar else { return nil }
        if node["until"] == nil && !typeRemoved {
            problems.append("\(owner) has migrateTo but no until: only a construct a later dialect removed migrates")
        }
        return target
    }

    /// `since`/`until` of a type or property. A construct a later dialect removed (`until`)
    /// must say in `removed` what replaced it: that text is the help of the error.
    private mutating func availability(_ node: YAMLNode, _ owner: String) -> Availability {
        func dialect(_ key: String) -> KestraDialect? {
            guard let text = node[key]?.scalar else { return nil }
            guard let dialect = KestraDialect(text: text) else {
                problems.append("\(owner) has \(key): \(text), not a Kestra version (1, 1.x, 2, 2.0)")
                return nil
            }
            return dialect
        }
        let availability = Availability(since: dialect("since"), until: dialect("until"))
        if let since = availability.since, let until = availability.until, since >= until {
            problems.append("\(owner) is in no dialect (since \(since.flag), until \(until.flag))")
        }
        if availability.until != nil && node["removed"]?.scalar == nil {
            problems.append("\(owner) has until but no removed text saying what replaced it")
        }
        return availability
    }

    private mutating func loadCatalog(_ node: YAMLNode, file: String) -> ExpressionCatalog {
        var roots: [String: String] = [:]
        for entry in node["roots"]?.mapping ?? [] {
            if let name = entry.key.scalar { roots[name] = entry.value["description"]?.scalar ?? "" }
        }
        func builtins(_ section: String) -> [String: Builtin] {
            var result: [String: Builtin] = [:]
            for entry in node[section]?.mapping ?? [] {
                guard let name = entry.key.scalar else { continue }
                let args = entry.value["args"]?.sequence?.compactMap { $0.scalar.flatMap { Int($0) } } ?? []
                guard args.count == 2 else {
                    problems.append("\(file): \(section).\(name) needs args: [min, max]")
                    continue
                }
                let owner = "\(file): \(section).\(name)"
                result[name] = Builtin(name: name, minArguments: args[0], maxArguments: args[1] < 0 ? nil : args[1],
                                       description: entry.value["description"]?.scalar ?? "",
                                       availability: availability(entry.value, owner), removed: entry.value["removed"]?.scalar,
                                       migrateTo: migrateTo(entry.value, owner, typeRemoved: false))
            }
            return result
        }
        return ExpressionCatalog(roots: roots, filters: builtins("filters"), functions: builtins("functions"), tests: builtins("tests"))
    }

    /// Every object and category a type expression names must exist.
    private mutating func validateReferences(_ grammar: Grammar) {
        func check(_ type: ValueType, _ owner: String) {
            switch type {
            case .object(let name) where grammar.objects[name] == nil:
                problems.append("\(owner) refers to unknown object \(name)")
            case .category(let name) where grammar.categories[name] == nil:
                problems.append("\(owner) refers to unknown category @\(name)")
            case .list(let inner), .map(let inner): check(inner, owner)
            case .union(let types): types.forEach { check($0, owner) }
            default: break
            }
        }
        for schema in Array(grammar.objects.values) + Array(grammar.types.values) {
            for property in schema.properties { check(property.type, "\(schema.name).\(property.name)") }
        }
    }
}

extension Grammar {
    /// The grammar compiled into the binary from grammar/schema (see EmbeddedGrammar.swift).
    public static let standard: Grammar = {
        var loader = GrammarLoader()
        let grammar = loader.load(EmbeddedGrammar.files.map { (name: $0.name, text: $0.text) })
        precondition(loader.problems.isEmpty, "embedded grammar is invalid: \(loader.problems)")
        return grammar
    }()
}
