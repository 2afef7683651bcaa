import BerthSchema
import BerthYAML

/// What the grammar says about each node of a flow: the schema of every mapping, the property of
/// every key and value. Built by walking the tree as the checker does, without diagnostics.
struct SchemaLocator {
    struct MappingInfo {
        let node: YAMLNode
        /// The object's schema; nil when its `type` is missing or unknown.
        let schema: ObjectSchema?
        /// The category when the mapping is chosen by `type` (task, runner...).
        let category: String?
    }

    struct PropertyInfo {
        let key: YAMLNode
        let value: YAMLNode
        let property: PropertySchema
        let owner: ObjectSchema
    }

    let grammar: Grammar
    private(set) var mappings: [MappingInfo] = []
    private(set) var properties: [PropertyInfo] = []
    /// Type nodes (`type: …` values) with their category.
    private(set) var typeValues: [(node: YAMLNode, category: String)] = []

    init(root: YAMLNode, grammar: Grammar) {
        self.grammar = grammar
        if let flow = grammar.objects["Flow"] { visitObject(root, schema: flow, category: nil, depth: 0) }
    }

    private mutating func visit(_ node: YAMLNode, as type: ValueType, depth: Int) {
        guard depth < 128 else { return }
        switch type {
        case .list(let item):
            for element in node.sequence ?? [] { visit(element, as: item, depth: depth + 1) }
        case .map(let value):
            for entry in node.mapping ?? [] { visit(entry.value, as: value, depth: depth + 1) }
        case .object(let name):
            if node.mapping != nil, let schema = grammar.objects[name] { visitObject(node, schema: schema, category: nil, depth: depth) }
        case .category(let category):
            guard node.mapping != nil else { return }
            if let typeNode = node["type"] { typeValues.append((typeNode, category)) }
            let schema = node["type"]?.scalar.flatMap { grammar.type($0, in: category)?.schema }
            if let schema {
                visitObject(node, schema: schema, category: category, depth: depth)
            } else {
                mappings.append(MappingInfo(node: node, schema: nil, category: category))
            }
        case .union(let alternatives):
            let shape: (ValueType) -> Bool = { alternative in
                switch alternative {
                case .list: node.sequence != nil
                case .map, .object, .category: node.mapping != nil
                default: node.scalar != nil
                }
            }
            if let chosen = alternatives.first(where: shape) { visit(node, as: chosen, depth: depth) }
        default:
            return
        }
    }

    private mutating func visitObject(_ node: YAMLNode, schema: ObjectSchema, category: String?, depth: Int) {
        mappings.append(MappingInfo(node: node, schema: schema, category: category))
        for entry in node.mapping ?? [] {
            guard let key = entry.key.scalar, let property = schema.property(key) else { continue }
            properties.append(PropertyInfo(key: entry.key, value: entry.value, property: property, owner: schema))
            visit(entry.value, as: property.type, depth: depth + 1)
        }
    }
}
