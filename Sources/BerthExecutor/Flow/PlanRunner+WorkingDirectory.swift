import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// WorkingDirectory as Kestra runs it: one directory for all children; before the first
    /// child its `namespaceFiles` and then its `inputFiles` are written; the children run in
    /// order (a failure stops them unless the child allows it); after them — also after a
    /// failure — its `outputFiles` are captured, and the WorkingDirectory's outputs
    /// (`outputFiles`) exist once it has ended.
    func runWorkingDirectory(_ node: PlanNode, scope: Scope, taskrunId: String, onFailure: @escaping @Sendable () -> Void) async throws(ExecutorError) -> AttemptResult {
        let directory = executionDirectory.appendingPathComponent("wd/\(node.id)-\(taskrunId.prefix(10))")
        let files = WorkingFiles(directory: directory)
        try files.create()
        let evaluator = await evaluator(for: node, scope: scope, extra: [("workingDir", .string(directory.path))])
        if let property = node.properties["namespaceFiles"] {
            if let selection = try NamespaceFiles.selection(try Values.render(property, with: evaluator), flowNamespace: plan.flow.namespace) {
                let count = try namespaceFiles.load(selection, into: directory) { log.task(node.id, .warn, $0) }
                log.task(node.id, .info, "Loaded \(count) namespace files from '\(selection.namespaces.joined(separator: ", "))'")
            }
        }
        if let property = node.properties["inputFiles"] {
            try files.writeInputs(try inputFiles(property, evaluator: evaluator))
        }
        if node.properties["cache"] != nil {
            log.task(node.id, .warn, "cache is not supported by berth; the working directory starts empty of cached files")
        }
        var inner = scope.child(of: node)
        // Children of a WorkingDirectory see its taskrun.value (Kestra copies it to them).
        inner.ownValue = scope.ownValue
        inner.sharedDirectory = directory
        let state = await runList(node.children["tasks"] ?? [], scope: inner, onFailure: onFailure)
        if state == .interrupted { return AttemptResult(state: .interrupted) }
        if case .array(let patterns)? = node.properties["outputFiles"], !patterns.isEmpty {
            var globs: [String] = []
            for pattern in patterns { globs.append(try Values.text(pattern, with: evaluator)) }
            let stored = try files.collectOutputs(globs: globs, outputDir: nil, storagePath: taskStoragePath(node, taskrunId: taskrunId), storage: storage)
            let map = ValueMap(stored.keys.sorted().map { ($0, .string(stored[$0] ?? "")) })
            await self.state.setOutputs(node.id, .object([("outputFiles", .map(map))]), loopValues: scope.loopValues)
        }
        return AttemptResult(state: state)
    }

    /// Namespace files as configured for this run.
    var namespaceFiles: NamespaceFiles { NamespaceFiles(root: options.namespaceFilesDirectory) }

    /// Where a task run's files go in the storage.
    func taskStoragePath(_ node: PlanNode, taskrunId: String) -> String {
        Storage.taskPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId, task: node.id, taskrun: taskrunId)
    }

    /// Rendered `inputFiles` (a map, or a template giving a JSON map): names rendered too,
    /// null values dropped, `kestra://` and `nsfile://` values copied from where they point.
    func inputFiles(_ property: JSONValue, evaluator: Evaluator) throws(ExecutorError) -> [(name: String, content: WorkingFiles.Content)] {
        var entries: [(String, JSONValue)] = []
        var property = property
        // A plan keeps `inputFiles` given as one template (a JSON map) under `$json`.
        if case .object(let map) = property, map.count == 1, let json = map["$json"] { property = json }
        switch property {
        case .object(let map) where property.template == nil:
            for name in map.keys.sorted() { entries.append((name, map[name] ?? .null)) }
        default:
            guard case .object(let map) = try Values.render(property, with: evaluator) else {
                throw ExecutorError.task("inputFiles must render to a map of file names to contents")
            }
            for name in map.keys.sorted() { entries.append((name, map[name] ?? .null)) }
        }
        var out: [(String, WorkingFiles.Content)] = []
        for (rawName, rawValue) in entries {
            if rawValue == .null { continue }
            let name = try Values.text(.template(rawName), with: evaluator)
            let value = try Values.render(rawValue, with: evaluator)
            if value == .null { continue }
            let text = value.plainText
            if text.hasPrefix(Storage.scheme) {
                guard let file = storage.file(for: text), FileManager.default.fileExists(atPath: file.path) else {
                    throw ExecutorError.task("input file \"\(name)\": \(text) is not in berth's storage")
                }
                out.append((name, .file(file)))
            } else if text.hasPrefix("nsfile://") {
                guard let file = namespaceFiles.file(forURI: text, flowNamespace: plan.flow.namespace), FileManager.default.fileExists(atPath: file.path) else {
                    throw ExecutorError.task("input file \"\(name)\": no namespace file \(text) under \(options.namespaceFilesDirectory.path)")
                }
                out.append((name, .file(file)))
            } else {
                out.append((name, .text(text)))
            }
        }
        return out
    }
}
