import BerthDiagnostics
import BerthYAML

/// `inline-credentials`: credentials written in the flow — registry `auths` in a runner's
/// `config`, literal passwords and tokens in `credentials`, and values shaped like well-known
/// tokens in `env`, input defaults or `variables`. A flow is read by everyone who can read the
/// repository or the Kestra UI; a secret is not.
enum CredentialAudit {
    /// Token shapes with their issuer (prefixes documented by each vendor). Each has literal
    /// prefixes checked first: most values hold none, and a regex costs far more.
    nonisolated(unsafe) static let shapes: [(name: String, prefixes: [String], pattern: Regex<Substring>)] = [
        ("a GitHub token", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], /gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}/),
        ("a GitLab token", ["glpat-"], /glpat-[A-Za-z0-9_-]{20,}/),
        ("an AWS access key", ["AKIA", "ASIA"], /(?:AKIA|ASIA)[0-9A-Z]{16}/),
        ("a Slack token", ["xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"], /xox[abprs]-[A-Za-z0-9-]{10,}/),
        ("a Google API key", ["AIza"], /AIza[0-9A-Za-z_-]{35}/),
        ("a Stripe secret key", ["sk_live_"], /sk_live_[0-9A-Za-z]{24,}/),
        ("an OpenAI key", ["sk-"], /sk-(?:proj-)?[A-Za-z0-9_-]{32,}/),
        ("a private key", ["-----BEGIN "], /-----BEGIN [A-Z ]*PRIVATE KEY-----/),
    ]

    /// The kind of token `text` holds, if it holds one.
    static func tokenShape(in text: String) -> String? {
        shapes.first { shape in shape.prefixes.contains { text.contains($0) } && text.contains(shape.pattern) }?.name
    }

    static let credentialKeys: Set<String> = ["password", "registryToken", "identityToken", "auth"]

    static func run(_ root: YAMLNode, _ context: CheckContext) {
        for runner in context.runners.map(\.node) + context.dockerOptions {
            if let credentials = runner["credentials"]?.mapping {
                for entry in credentials where credentialKeys.contains(entry.key.scalar ?? "") {
                    guard let value = entry.value.scalar, !value.isEmpty, !entry.value.isTemplate else { continue }
                    report(context, entry.value, "\"\(entry.key.scalar!)\" of the registry credentials is written in the flow")
                }
            }
            if let config = runner["config"], configHoldsAuths(config) {
                report(context, config, "the runner's config holds registry auths written in the flow")
            }
        }
        var values: [YAMLNode] = context.tasks.flatMap { ($0.node["env"]?.mapping ?? []).map(\.value) }
        values += (root["inputs"]?.sequence ?? []).compactMap { $0["defaults"] }
        values += scalars(in: root["variables"])
        for node in values {
            guard let text = node.scalar, !node.isTemplate, let shape = tokenShape(in: text) else { continue }
            report(context, node, "this value looks like \(shape), written in the flow")
        }
    }

    /// Whether a runner `config` (a JSON string or a mapping) has `auths` with a literal credential.
    private static func configHoldsAuths(_ config: YAMLNode) -> Bool {
        if let auths = config["auths"]?.mapping {
            return auths.contains { entry in entry.value.mapping?.contains { credentialKeys.contains($0.key.scalar ?? "") && !$0.value.isTemplate } ?? false }
        }
        guard let text = config.scalar, !config.isTemplate else { return false }
        return text.contains("\"auths\"") && (text.contains("\"auth\"") || text.contains("\"password\""))
    }

    /// Every scalar under `node`, each written one once: nodes reached through aliases are
    /// shared, and an alias bomb would otherwise be walked in full.
    private static func scalars(in node: YAMLNode?) -> [YAMLNode] {
        var found: [YAMLNode] = []
        var seen: Set<[Int]> = []
        var pending = node.map { [$0] } ?? []
        while let next = pending.popLast() {
            guard seen.insert([next.range.start.offset, next.range.end.offset, next.scalar == nil ? 1 : 0]).inserted else { continue }
            if next.scalar != nil { found.append(next) }
            pending += next.sequence ?? []
            pending += (next.mapping ?? []).map(\.value)
        }
        return found
    }

    private static func report(_ context: CheckContext, _ node: YAMLNode, _ message: String) {
        context.audit(.warning, "inline-credentials", message, at: node.range, rating: SecurityRating(.high, score: 8.5),
                      help: "store it as a secret and write {{ secret('NAME') }} here; rotate it if this flow was ever shared")
    }
}
