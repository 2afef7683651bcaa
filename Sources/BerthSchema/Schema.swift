/// One property of an object, from grammar/. A class: the checker passes it for every value.
public final class PropertySchema: Sendable {
    public let name: String
    public let type: ValueType
    public let required: Bool
    /// A required list that must also have at least one item.
    public let nonEmpty: Bool
    /// The default, as written in grammar/ (for hover and docs).
    public let defaultValue: String?
    /// Allowed values of an enum.
    public let values: [String]
    /// Deprecated: the name of the replacement property, or "true" when there is none.
    public let deprecated: String?
    /// Whether the value may be a `{{ }}` template rendered at run time.
    public let dynamic: Bool
    public let description: String
    /// A regular expression the (literal) value must match.
    public let pattern: String?
    public let maxLength: Int?
    public let minimum: Double?
    /// Removed from Kestra: why, and what to write instead (an error wherever it is used).
    public let removed: String?
    /// Rendered once per item of a file with the item's fields as variables (`itemFields: true`).
    public let itemFields: Bool
    /// The Kestra dialects that have it (`since`/`until`); with `until`, `removed` says what
    /// replaced it.
    public let availability: Availability
    /// With `until`: the name Kestra 2.0 gives the same property (a rename that keeps the meaning).
    public let migrateTo: String?

    /// The replacement property, when the deprecation names one.
    public var replacement: String? { deprecated == "true" ? nil : deprecated }

    public init(name: String, type: ValueType, required: Bool, nonEmpty: Bool, defaultValue: String?, values: [String],
                deprecated: String?, dynamic: Bool, description: String, pattern: String?, maxLength: Int?, minimum: Double?,
                removed: String? = nil, itemFields: Bool = false, availability: Availability = .always, migrateTo: String? = nil) {
        self.migrateTo = migrateTo
        self.removed = removed
        self.itemFields = itemFields
        self.availability = availability
        self.name = name
        self.type = type
        self.required = required
        self.nonEmpty = nonEmpty
        self.defaultValue = defaultValue
        self.values = values
        self.deprecated = deprecated
        self.dynamic = dynamic
        self.description = description
        self.pattern = pattern
        self.maxLength = maxLength
        self.minimum = minimum
    }
}

/// An object: a named shared object or a type of a category (a task, runner, trigger...).
public final class ObjectSchema: Sendable {
    public let name: String
    public let summary: String
    /// The category for types (`task`, `runner`, `trigger`, `condition`, `retry`, `input`).
    public let category: String?
    /// Properties, own and inherited, in declaration order (inherited first).
    public let properties: [PropertySchema]
    /// Older type names accepted for this one.
    public let aliases: [String]
    /// Deprecated type: the replacement type, or "true".
    public let deprecated: String?
    /// Output attributes the type produces (`vars`, `exitCode`, ...); nil when unknown.
    public let outputs: [String]?
    /// Defaults of this type that are not property defaults (containerImage, interpreter).
    public let typeDefaults: [String: String]
    /// The Kestra dialects that have the type (`since`/`until`).
    public let availability: Availability
    /// With `until`: what replaced the type, shown when a later dialect checks it.
    public let removed: String?
    /// With `until`: the Kestra 2.0 type with the same properties (`BOOLEAN` → `BOOL`).
    public let migrateTo: String?

    /// Index of each property by name.
    let propertyIndex: [String: Int]
    /// The properties that hold tasks (`tasks`, `then`, `cases`, Dag `tasks`...), in order:
    /// walking a flow's task tree visits only these.
    public let taskSlots: [PropertySchema]
    /// The required properties, in order.
    public let requiredProperties: [PropertySchema]

    public init(name: String, summary: String, category: String?, properties: [PropertySchema], aliases: [String],
                deprecated: String?, outputs: [String]?, typeDefaults: [String: String],
                availability: Availability = .always, removed: String? = nil, migrateTo: String? = nil) {
        self.migrateTo = migrateTo
        self.availability = availability
        self.removed = removed
        self.name = name
        self.summary = summary
        self.category = category
        self.properties = properties
        self.aliases = aliases
        self.deprecated = deprecated
        self.outputs = outputs
        self.typeDefaults = typeDefaults
        var index: [String: Int] = [:]
        for (i, property) in properties.enumerated() { index[property.name] = i }
        self.propertyIndex = index
        self.requiredProperties = properties.filter(\.required)
        self.taskSlots = properties.filter {
            switch $0.type {
            case .list(.category("task")), .map(.list(.category("task"))), .list(.object("DagTask")): return true
            default: return false
            }
        }
    }

    public func property(_ name: String) -> PropertySchema? {
        propertyIndex[name].map { properties[$0] }
    }
}

/// The whole language definition: every object and every type by category.
public struct Grammar: Sendable {
    public let objects: [String: ObjectSchema]
    /// Types by canonical name.
    public let types: [String: ObjectSchema]
    /// Alias name → canonical name.
    public let aliases: [String: String]
    /// Canonical type names per category, sorted.
    public let categories: [String: [String]]
    /// What templates may name.
    public let expressions: ExpressionCatalog

    /// The type named `name` (canonical or alias) in `category`.
    public func type(_ name: String, in category: String) -> (schema: ObjectSchema, isAlias: Bool)? {
        if let schema = types[name], schema.category == category { return (schema, false) }
        if let canonical = aliases[name], let schema = types[canonical], schema.category == category { return (schema, true) }
        return nil
    }

    /// All accepted names (canonical and aliases) of a category.
    public func names(in category: String) -> [String] {
        let canonical = categories[category] ?? []
        let aliasNames = aliases.filter { types[$0.value]?.category == category }.map(\.key)
        return (canonical + aliasNames).sorted()
    }
}
