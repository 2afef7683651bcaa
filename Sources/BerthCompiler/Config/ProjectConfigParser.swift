import BerthDiagnostics
import BerthSchema
import BerthYAML

extension ProjectConfig {
    static let keys = ["audits", "diagnostics", "images", "registries", "ignore", "backend", "kestra"]

    /// Reads a `.berth.yaml`; problems (unknown keys, wrong values) are diagnostics with
    /// positions, like a flow's, and the rest of the file still applies.
    public static func parse(_ file: SourceFile) -> (ProjectConfig, [Diagnostic]) {
        let stream = YAMLReader().read(file)
        var config = ProjectConfig()
        config.path = file.path
        var problems = stream.diagnostics
        guard let root = stream.documents.first?.root else { return (config, problems) }
        func report(_ code: DiagnosticCode, _ message: String, _ node: YAMLNode, help: String? = nil) {
            problems.append(Diagnostic(.error, code, message, path: file.path, range: node.range, help: help))
        }
        guard let entries = root.mapping else {
            report("wrong-type", "the configuration must be a mapping, found a \(root.kindName)", root)
            return (config, problems)
        }
        for entry in entries {
            let key = entry.key.scalar ?? ""
            switch key {
            case "audits":
                if let value = entry.value.scalar, let profile = AuditProfile(rawValue: value) { config.audits = profile } else {
                    report("invalid-enum", "\"audits\" must be one of regular, pedantic, off", entry.value)
                }
            case "diagnostics":
                config.levels = levels(entry.value, report: report)
            case "images", "registries", "ignore":
                guard let items = entry.value.sequence, items.allSatisfy({ $0.scalar != nil && !$0.isNull }) else {
                    report("wrong-type", "\"\(key)\" must be a list of strings", entry.value)
                    continue
                }
                let values = items.compactMap(\.scalar)
                if key == "images" { config.images = values } else if key == "registries" { config.registries = values } else { config.ignore = values }
            case "backend":
                if let value = entry.value.scalar, ["docker", "swarm"].contains(value) { config.backend = value } else {
                    report("invalid-enum", "\"backend\" must be one of docker, swarm", entry.value)
                }
            case "kestra":
                // `auto` (or no key) leaves the dialect to detection.
                if entry.value.scalar == "auto" { config.kestra = nil } else if let value = entry.value.scalar, let dialect = KestraDialect(text: value) {
                    config.kestra = dialect
                } else {
                    report("invalid-enum", "\"kestra\" must be 1 or 2 (1.x, 2.0), or auto", entry.value)
                }
            default:
                let suggestion = Suggestions.closest(to: key, in: keys)
                report("unknown-property", "unknown key \"\(key)\" in the berth configuration", entry.key,
                       help: suggestion.map { "did you mean \"\($0)\"?" } ?? "the keys are \(keys.joined(separator: ", "))")
            }
        }
        return (config, problems)
    }

    private static func levels(_ node: YAMLNode, report: (DiagnosticCode, String, YAMLNode, String?) -> Void) -> [String: Level] {
        guard let entries = node.mapping else {
            report("wrong-type", "\"diagnostics\" must map codes to off, info, warning or error", node, nil)
            return [:]
        }
        var levels: [String: Level] = [:]
        for entry in entries {
            guard let code = entry.key.scalar, code.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil else {
                report("invalid-value", "\"\(entry.key.scalar ?? "")\" is not a diagnostic code (codes are kebab-case)", entry.key, nil)
                continue
            }
            // YAML reads a bare `off` as the boolean false.
            let text = entry.value.scalar.map { $0 == "false" ? "off" : $0 }
            guard let text, let level = Level(rawValue: text) else {
                report("invalid-enum", "the level of \"\(code)\" must be one of off, info, warning, error", entry.value, nil)
                continue
            }
            levels[code] = level
        }
        return levels
    }

    /// The configuration as `.berth.yaml` text (`berth lint --print-config`).
    public var rendered: String {
        var lines = ["# effective berth configuration" + (path.map { " (from \($0))" } ?? " (no .berth.yaml: defaults)"), "audits: \(audits.rawValue)"]
        lines.append(levels.isEmpty ? "diagnostics: {}" : "diagnostics:")
        lines += levels.keys.sorted().map { "  \($0): \(levels[$0]!.rawValue)" }
        for (key, values) in [("images", images), ("registries", registries), ("ignore", ignore)] {
            lines.append(values.isEmpty ? "\(key): []" : "\(key):")
            lines += values.map { "  - \"\($0)\"" }
        }
        lines.append("backend: \(backend ?? "docker")")
        lines.append("kestra: \(kestra?.flag ?? "auto")")
        return lines.joined(separator: "\n") + "\n"
    }
}
