import BerthDiagnostics
import BerthYAML

/// `unpinned-install` and `pull-policy-never`: what a task runs that the flow does not pin.
/// Packages installed by name in `beforeCommands` (or a Python task's `dependencies`) are
/// whatever the index serves that day; `pullPolicy: NEVER` runs whatever image the host holds
/// under that name while the flow's other tasks take theirs from a registry.
struct SupplyChainAudit {
    let root: YAMLNode
    let context: CheckContext

    func run() {
        for task in context.tasks {
            for command in task.node["beforeCommands"]?.sequence ?? [] { auditInstalls(command) }
            // A Python task's `dependencies`, a legacy Python task's `requirements`: pip requirements.
            for dependency in (task.node["dependencies"]?.sequence ?? []) + (task.node["requirements"]?.sequence ?? []) { auditDependency(dependency) }
        }
        auditNeverPulls()
    }

    private func auditInstalls(_ command: YAMLNode) {
        guard let text = command.scalar, let map = ScalarSourceMap(node: command, file: context.file) else { return }
        for package in PackageInstall.unpinned(in: text) {
            report(package.name, manager: package.manager, range: map.sourceRange(ofValue: package.range))
        }
    }

    /// A Python task's `dependencies` entry is a pip requirement.
    private func auditDependency(_ node: YAMLNode) {
        guard let text = node.scalar, !node.isTemplate, !PackageInstall.Manager.pip.isPinned(text) else { return }
        report(String(text.prefix { !"<>=!~[; ".contains($0) }), manager: .pip, range: node.range)
    }

    private func report(_ name: String, manager: PackageInstall.Manager, range: SourceRange) {
        let example = manager == .pip ? "\(name)==1.2.3" : "\(name)@1.2.3"
        var diagnostic = Diagnostic(.warning, "unpinned-install",
                                    "\"\(name)\" is installed without an exact version: each run may get a different release, a compromised one included",
                                    path: context.file.path, range: range,
                                    help: "pin it (\(example)), or install from a lock file; better, build an image with the packages in it")
        diagnostic.security = SecurityRating(.medium, score: 5.0)
        context.add(diagnostic)
    }

    /// `pullPolicy: NEVER` on one task while other container tasks of the flow pull.
    private func auditNeverPulls() {
        var never: [(node: YAMLNode, image: String?)] = []
        var pulling: [YAMLNode] = []
        for task in context.tasks {
            guard let settings = Self.containerSettings(task) else { continue }
            let image = (task.node["containerImage"] ?? settings["image"])?.scalar
            if let policy = settings["pullPolicy"], policy.scalar == "NEVER" {
                never.append((policy, image))
            } else {
                pulling.append(task.idNode)
            }
        }
        guard let first = pulling.first else { return }
        for (policy, image) in never where !(image ?? "").contains("@sha256:") {
            var diagnostic = Diagnostic(.warning, "pull-policy-never",
                                        "pullPolicy NEVER runs whatever image\(image.map { " \"\($0)\"" } ?? "") this host holds under that name, never checked against its registry, while other tasks of this flow pull theirs",
                                        path: context.file.path, range: policy.range,
                                        notes: [Note("task \"\(first.scalar ?? "")\" pulls its image", range: first.range)],
                                        help: "use IF_NOT_PRESENT so the registry's image is fetched when the host lacks it, or pin the image by digest (@sha256:…)")
            diagnostic.security = SecurityRating(.low, score: 3.0)
            context.add(diagnostic)
        }
    }

    /// The mapping holding a task's container settings, or nil when the task starts no container.
    static func containerSettings(_ task: TaskRecord) -> YAMLNode? {
        if task.schema?.name == "io.kestra.plugin.docker.Run" { return task.node }
        guard task.schema?.property("containerImage") != nil else { return nil }
        if let runner = task.node["taskRunner"] {
            return runner["type"]?.scalar?.hasSuffix(".Process") == true ? nil : runner
        }
        if task.node["runner"]?.scalar == "PROCESS" { return nil }
        return task.node["docker"] ?? task.node
    }
}
