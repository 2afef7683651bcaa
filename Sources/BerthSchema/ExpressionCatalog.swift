/// A filter, function or test that templates may call, from grammar/schema/expressions.yaml.
public struct Builtin: Sendable {
    public let name: String
    public let minArguments: Int
    /// nil: any number.
    public let maxArguments: Int?
    public let description: String
    /// The Kestra dialects that have it (`since`/`until`).
    public let availability: Availability
    /// With `until`: what replaced it.
    public let removed: String?
    /// With `until`: the Kestra 2.0 name of the same builtin (`json` → `fromJson`).
    public let migrateTo: String?

    public init(name: String, minArguments: Int, maxArguments: Int?, description: String,
                availability: Availability = .always, removed: String? = nil, migrateTo: String? = nil) {
        self.name = name
        self.minArguments = minArguments
        self.maxArguments = maxArguments
        self.description = description
        self.availability = availability
        self.removed = removed
        self.migrateTo = migrateTo
    }

    public func accepts(_ count: Int) -> Bool {
        count >= minArguments && (maxArguments.map { count <= $0 } ?? true)
    }

    /// "1 argument", "0 to 2 arguments", "at least 1 argument".
    public var arityText: String {
        func plural(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
        guard let max = maxArguments else { return "at least \(plural(minArguments))" }
        return max == minArguments ? plural(max) : "\(minArguments) to \(plural(max))"
    }
}

/// Everything `{{ }}` expressions may name.
public struct ExpressionCatalog: Sendable {
    /// Root variable names with their descriptions.
    public let roots: [String: String]
    public let filters: [String: Builtin]
    public let functions: [String: Builtin]
    public let tests: [String: Builtin]

    public static let empty = ExpressionCatalog(roots: [:], filters: [:], functions: [:], tests: [:])
}
