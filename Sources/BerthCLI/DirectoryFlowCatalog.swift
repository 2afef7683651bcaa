import BerthCompiler
import BerthDiagnostics
import BerthExecutor
import BerthPlan
import BerthSchema
import Foundation

/// The flows Subflow tasks start: every `.yaml`/`.yml` file under a directory (hidden folders
/// and berth's state directory skipped), compiled on the first lookup with each file's own
/// `.berth.yaml` settings.
final class DirectoryFlowCatalog: FlowCatalog, @unchecked Sendable {
    let directory: URL
    private let context: CLIContext
    /// The dialect `--kestra` chose, nil: each file's `.berth.yaml` or detection.
    private let kestra: KestraDialect?
    private let lock = NSLock()
    private var index: (plans: [String: Plan], broken: [String])?

    var location: String { directory.path }

    init(directory: URL, context: CLIContext, kestra: KestraDialect? = nil) {
        self.directory = directory.standardizedFileURL
        self.context = context
        self.kestra = kestra
    }

    func plan(namespace: String, flowId: String) throws(ExecutorError) -> Plan {
        let (plans, broken) = lock.withLock { loaded() }
        if let plan = plans["\(namespace).\(flowId)"] { return plan }
        var message = "no flow \(namespace).\(flowId) in \(directory.path) (give the flows' directory with --flows DIR)"
        if !broken.isEmpty {
            message += "; files that do not compile: " + broken.prefix(3).joined(separator: ", ") + (broken.count > 3 ? ", …" : "")
        }
        throw ExecutorError.plan(message)
    }

    private func loaded() -> (plans: [String: Plan], broken: [String]) {
        if let index { return index }
        var plans: [String: Plan] = [:], broken: [String] = []
        for path in flowFiles() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let result = FlowCompile.compile(SourceFile(path: path, bytes: Array(data)), options: ProjectConfigLocator.checkOptions(forFlowAt: path, context, kestra: kestra))
            if result.plans.isEmpty, let first = result.check.diagnostics.first(where: { $0.severity == .error }) {
                broken.append("\(path):\(first.range.start.line): \(first.message)")
            }
            for plan in result.plans where plans["\(plan.flow.namespace).\(plan.flow.id)"] == nil {
                plans["\(plan.flow.namespace).\(plan.flow.id)"] = plan
            }
        }
        index = (plans, broken)
        return (plans, broken)
    }

    private func flowFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isDirectoryKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                if url.lastPathComponent == "node_modules" || url.lastPathComponent == ".berth" { enumerator.skipDescendants() }
                continue
            }
            if ["yaml", "yml"].contains(url.pathExtension.lowercased()) && url.lastPathComponent != ".berth.yaml" { files.append(url.path) }
            if files.count >= 10_000 { break }
        }
        return files.sorted()
    }
}
