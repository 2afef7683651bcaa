import BerthDiagnostics
import BerthSchema
import BerthYAML

/// `unknown-property`: a key the object does not have, with did-you-mean, the valid names,
/// and a fix-it for the suggestion.
enum UnknownPropertyCheck {
    static func report(_ key: YAMLNode, schema: ObjectSchema, owner: Owner, _ context: CheckContext) {
        let name = key.scalar ?? ""
        let names = schema.properties.map(\.name)
        let suggestion = Suggestions.closest(to: name, in: names)
        var help = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
        help += names.isEmpty ? "\(schema.name) takes no properties" : "valid properties: \(names.joined(separator: ", "))"
        if schema.category == "runner",
           let docker = context.grammar.type("io.kestra.plugin.scripts.runner.docker.Docker", in: "runner")?.schema,
           docker.name != schema.name, docker.property(name) != nil {
            help = "\"\(name)\" is a Docker runner property; the \(schema.name.split(separator: ".").last ?? "") runner has none of the container settings"
        }
        context.report(.error, "unknown-property", "unknown property \"\(name)\" in \(owner)", at: key.range, help: help,
                       fixIts: suggestion.map { [context.replace(key, with: $0, title: "rename to \"\($0)\"", applicability: .maybeIncorrect)] } ?? [])
    }
}
