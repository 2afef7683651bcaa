import BerthDiagnostics
import BerthYAML

/// Runner rules: `host-volumes` (warning: the operator must enable host volumes) and
/// `daemon-setting` (info: `insecure-registries` in a runner config is a daemon setting).
enum RunnerRulesCheck {
    static func check(_ context: CheckContext) {
        for node in context.containerSettings {
            if let volumes = node.entry("volumes"), (volumes.value.sequence?.isEmpty == false || volumes.value.isTemplate) {
                context.report(.warning, "host-volumes", "host volumes need the operator's permission: Kestra drops them without it, berth refuses to run",
                               at: volumes.key.range,
                               help: "Kestra needs volume-enabled: true in the plugin configuration; berth needs --allow-volumes")
            }
            if let config = node["config"] {
                let text = config.scalar ?? ""
                let inMap = config.mapping?.contains { $0.key.scalar == "insecure-registries" } ?? false
                // Byte search: Foundation's String.contains costs more than the rest of this check.
                if inMap || text.utf8.firstRange(of: "insecure-registries".utf8) != nil {
                    context.report(.info, "daemon-setting", "\"insecure-registries\" in a runner config has no effect: it is a Docker daemon setting",
                                   at: config.range, help: "set insecure-registries in the daemon's daemon.json; registries on 127.0.0.0/8 are insecure by default")
                }
            }
        }
    }
}
