import BerthDiagnostics
import BerthYAML

/// `excessive-privileges`: container settings that give a task more of the host than a script
/// needs — privileged mode, the host's network, the Docker socket or the host's root mounted,
/// root with host volumes, every GPU.
enum PrivilegeAudit {
    static func run(_ context: CheckContext) {
        for node in context.containerSettings {
            if let entry = node.entry("privileged"), entry.value.scalar == "true" {
                report(context, entry.value.range, "a privileged container can do whatever root on the host can: load kernel modules, reach every device",
                       help: "grant what the task needs instead (a device, a capability), or run it outside berth", SecurityRating(.high, score: 9.0))
            }
            if let entry = node.entry("networkMode"), entry.value.scalar == "host" {
                report(context, entry.value.range, "networkMode host shares the host's network: the task reaches every service listening on the host's localhost",
                       help: "use the default bridge or a network of its own", SecurityRating(.medium, score: 6.0))
            }
            let volumes = node["volumes"]?.sequence ?? []
            for volume in volumes {
                guard let bind = volume.scalar, !volume.isTemplate, let source = bind.split(separator: ":").first.map(String.init) else { continue }
                if source == "/var/run/docker.sock" || source == "/run/docker.sock" {
                    report(context, volume.range, "the Docker socket gives the task control of the engine, and with it root on the host",
                           help: "let berth run the containers the task needs as tasks of their own", SecurityRating(.high, score: 9.0))
                } else if source == "/" {
                    report(context, volume.range, "the host's root filesystem is mounted: the task can read and change every file of the host",
                           help: "mount only the directory the task needs, read-only (:ro) if it only reads", SecurityRating(.high, score: 8.5))
                }
            }
            if let user = node.entry("user"), let name = user.value.scalar, ["0", "root", "0:0", "root:root"].contains(name), !volumes.isEmpty {
                report(context, user.value.range, "the task runs as root with host volumes: what it writes there belongs to root on the host",
                       help: "run as the user that owns the mounted directories (user: \"1000\")", SecurityRating(.medium, score: 5.5))
            }
            for request in node["deviceRequests"]?.sequence ?? [] where request["count"]?.scalar == "-1" {
                report(context, request["count"]!.range, "count -1 requests every GPU of the host for one task",
                       help: "request the number of devices the task uses", SecurityRating(.low, score: 3.0), severity: .info)
            }
        }
    }

    private static func report(_ context: CheckContext, _ range: SourceRange, _ message: String, help: String, _ rating: SecurityRating,
                               severity: Severity = .warning) {
        context.audit(severity, "excessive-privileges", message, at: range, rating: rating, help: help)
    }
}
