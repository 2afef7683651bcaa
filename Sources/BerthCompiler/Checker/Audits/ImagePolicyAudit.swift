import BerthDiagnostics
import BerthYAML

/// `image-not-allowed`: an image outside the `images` patterns and `registries` of the
/// project's `.berth.yaml`.
enum ImagePolicyAudit {
    static func run(_ context: CheckContext, config: ProjectConfig) {
        guard !config.images.isEmpty || !config.registries.isEmpty else { return }
        for (node, image) in context.literalImages where !config.allows(image: image) {
            let allowed = (config.images.map { "\"\($0)\"" } + config.registries.map { "registry \($0)" }).joined(separator: ", ")
            context.audit(.warning, "image-not-allowed", "image \"\(image)\" is not allowed by \(config.path ?? ".berth.yaml")",
                          at: node.range, rating: SecurityRating(.high, score: 7.0), help: "allowed: \(allowed)")
        }
    }
}
