import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Walks a YAML tree against the grammar, dispatching to the checks in Checks/.
/// Recursion depth is bounded by the reader's nesting limit.
struct SchemaWalker {
    let context: CheckContext

    /// Checks `node` as a value of `type` for `property` (nil for list items and map values
    /// whose property was already checked).
    func check(_ node: YAMLNode, as type: ValueType, property: PropertySchema?, owner: Owner) {
        if node.isTemplate {
            if let property, !property.dynamic {
                NotDynamicCheck.check(node, property: property, owner: owner, context)
                return
            }
            if case .list = type { ListTemplateCheck.check(node, expected: type, property: property, owner: owner, context) }
            context.templates.append((node, context.taskStack.last, property?.itemFields == true))
            return
        }
        if node.isNull { return }
        switch type {
        case .any:
            collectTemplates(in: node, depth: 0)
            return
        case .string, .integer, .number, .boolean, .duration, .size, .enumeration:
            guard node.scalar != nil else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            ScalarValueCheck.check(node, as: type, property: property, owner: owner, context)
        case .list(let item):
            guard let items = node.sequence else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            for element in items { check(element, as: item, property: nil, owner: owner) }
        case .map(let value):
            guard let entries = node.mapping else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            for entry in entries { check(entry.value, as: value, property: nil, owner: owner) }
        case .object(let name):
            guard let schema = context.grammar.objects[name] else { return }
            guard node.mapping != nil else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            if name == "DockerOptions" { context.dockerOptions.append(node) }
            checkObject(node, schema: schema, owner: owner, discriminated: false)
        case .category(let category):
            guard node.mapping != nil else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            checkTyped(node, category: category)
        case .union(let alternatives):
            guard let chosen = alternatives.first(where: { ValueKindCheck.accepts($0, node) }) else {
                ValueKindCheck.reportKind(node, expected: type, property: property, owner: owner, context)
                return
            }
            check(node, as: chosen, property: property, owner: owner)
        }
    }

    /// A mapping whose `type` picks its schema in `category`.
    func checkTyped(_ node: YAMLNode, category: String) {
        let resolved = UnknownTypeCheck.resolve(node, category: category, context)
        let owner = OwnerName.describe(node, category: category)
        let taskId = category == "task" ? node["id"]?.scalar : nil
        if let taskId {
            context.tasks.append(TaskRecord(id: taskId, idNode: node["id"]!, typeName: node["type"]?.scalar ?? "",
                                            schema: resolved, node: node))
        }
        guard let schema = resolved else {
            // Unknown type: its properties cannot be checked, but nested tasks still count for ids.
            if category == "task" { walkNestedTasksOfUnknown(node) }
            return
        }
        if category == "runner" { context.runners.append((node, schema)) }
        if let taskId { context.taskStack.append(taskId) }
        checkObject(node, schema: schema, owner: owner, discriminated: true)
        if taskId != nil { context.taskStack.removeLast() }
    }

    /// Templates nested anywhere in a free-form value (`variables`, `inputs` of a Subflow...).
    private func collectTemplates(in node: YAMLNode, depth: Int) {
        guard depth < 64 else { return }
        switch node.content {
        case .scalar:
            if node.isTemplate { context.templates.append((node, context.taskStack.last, false)) } else { ImplicitTypeCheck.checkAny(node, context) }
        case .sequence(let items):
            for item in items { collectTemplates(in: item, depth: depth + 1) }
        case .mapping(let entries):
            for entry in entries { collectTemplates(in: entry.value, depth: depth + 1) }
        }
    }

    func checkObject(_ node: YAMLNode, schema: ObjectSchema, owner: Owner, discriminated: Bool) {
        guard let entries = node.mapping else { return }
        for entry in entries {
            guard let key = entry.key.scalar else { continue }
            if discriminated && key == "type" { continue }
            guard let property = schema.property(key) else {
                UnknownPropertyCheck.report(entry.key, schema: schema, owner: owner, context)
                continue
            }
            if let removed = property.removed, property.availability.isAlways {
                context.report(.error, "removed-property", "\"\(property.name)\" of \(owner) was removed from Kestra", at: entry.key.range, help: removed)
                continue
            }
            if !property.availability.isAlways {
                context.recordDialectUse(property.availability, what: "\"\(property.name)\" of \(owner)", range: entry.key.range,
                                         removed: property.removed, migrate: { [context] in PropertyMigration.migrate(entry, in: node, property: property, schema: schema, context) }) {
                    if property.deprecated != nil { DeprecationCheck.check(entry, property: property, schema: schema, owner: owner, context) }
                }
            } else if property.deprecated != nil { DeprecationCheck.check(entry, property: property, schema: schema, owner: owner, context) }
            check(entry.value, as: property.type, property: property, owner: owner)
            if property.nonEmpty { EmptyListCheck.check(entry, property: property, owner: owner, context) }
        }
        MissingPropertyCheck.check(node, schema: schema, owner: owner, context)
    }

    /// Records ids of tasks nested in a task of unknown type (under any key holding task lists).
    private func walkNestedTasksOfUnknown(_ node: YAMLNode) {
        for entry in node.mapping ?? [] {
            for item in entry.value.sequence ?? [] where item["type"] != nil && item["id"] != nil {
                checkTyped(item, category: "task")
            }
        }
    }
}

/// What owns a property, named in messages: `task "hello"`, `the Docker runner`, `the flow`.
/// The text is built only when a message needs it.
struct Owner: CustomStringConvertible {
    let node: YAMLNode?
    let category: String

    static let flow = Owner(node: nil, category: "flow")

    var description: String {
        guard let node else { return "the \(category)" }
        if let id = node["id"]?.scalar { return "\(category) \"\(id)\"" }
        let type = node["type"]?.scalar.map { $0.split(separator: ".").last.map(String.init) ?? $0 } ?? category
        return "the \(type) \(category)"
    }
}

enum OwnerName {
    static func describe(_ node: YAMLNode, category: String) -> Owner {
        Owner(node: node, category: category)
    }
}
