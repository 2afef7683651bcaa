import BerthDiagnostics
import BerthYAML

/// `unpinned-install` and `pull-policy-never`: what a task runs that the flow does not pin.
/// Packages installed by name in `beforeCommands` (or a Python task's `dependencies`) are
/// whatever the index serves that day; `pullPolicy: NEVER` runs whatever image the host holds
/// under that name while the flow's other tasks take theirs from a registry.
struct SupplyChainAudit {
    let context: CheckContext

    func run() {
        for task in context.tasks {
            for command in task.node["beforeCommands"]?.sequence ?? [] { auditInstalls(command) }
            // A Python task's `dependencies`, a legacy Python task's `requirements`: pip requirements.
            for dependency in Array(task.node["dependencies"]?.sequence ?? []) + Array(task.node["requirements"]?.sequence ?? []) { auditDependency(dependency) }
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
        report(PackageInstall.requirementName(text), manager: .pip, range: node.range)
    }

    private func report(_ name: String, manager: PackageInstall.Manager, range: SourceRange) {
        let example = manager == .pip ? "\(name)==1.2.3" : "\(name)@1.2.3"
        context.audit(.warning, "unpinned-install",
                      "\"\(name)\" is installed without an exact version: each run may get a different release, a compromised one included",
                      at: range, rating: SecurityRating(.medium, score: 5.0),
                      help: "pin it (\(example)), or install from a lock file; better, build an image with the packages in it")
    }

    /// `pullPolicy: NEVER` on one task while other container tasks of the flow pull.
    private func auditNeverPulls() {
        var never: [(node: YAMLNode, image: String?)] = []
        var pulling: [YAMLNode] = []
        for task in context.tasks {
            guard let settings = task.containerSettings else { continue }
            let image = (task.node["containerImage"] ?? settings["image"])?.scalar
            if let policy = settings["pullPolicy"], policy.scalar == "NEVER" {
                never.append((policy, image))
            } else {
                pulling.append(task.idNode)
            }
        }
        guard let first = pulling.first else { return }
        for (policy, image) in never where !(image ?? "").contains("@sha256:") {
            context.audit(.warning, "pull-policy-never",
                                        "pullPolicy NEVER runs whatever image\(image.map { " \"\($0)\"" } ?? "") this host holds under that name, never checked against its registry, while other tasks of this flow pull theirs",
                          at: policy.range, rating: SecurityRating(.low, score: 3.0),
                          notes: [Note("task \"\(first.scalar ?? "")\" pulls its image", range: first.range)],
                          help: "use IF_NOT_PRESENT so the registry's image is fetched when the host lacks it, or pin the image by digest (@sha256:…)")
        }
    }
}
