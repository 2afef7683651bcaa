import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// namespace.UploadFiles, DownloadFiles and DeleteFiles against the namespace-files directory.
    func runNamespaceFiles(_ node: PlanNode, action: String, evaluator: Evaluator, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> AttemptResult {
        let property = RenderedProperties(node: node, evaluator: evaluator).value
        let namespace = try property("namespace")?.plainText ?? plan.flow.namespace
        guard !namespace.isEmpty, !namespace.contains("/"), namespace != "..", namespace != "." else {
            throw ExecutorError.task("namespace \"\(namespace)\" is not a namespace")
        }
        switch action {
        case "UploadFiles":
            let written = try upload(namespace: namespace, files: try property("files"), filesMap: try property("filesMap"),
                                     destination: try property("destination")?.plainText ?? "/",
                                     conflict: try property("conflict")?.plainText.uppercased() ?? "OVERWRITE", scope: scope, taskId: node.id)
            log.task(node.id, .info, "uploaded \(written) file(s) to namespace \(namespace)")
        case "DownloadFiles":
            let matched = try matching(namespace: namespace, patterns: try property("files"))
            let prefix = try property("destination")?.plainText ?? ""
            let base = Storage.taskPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId, task: node.id, taskrun: run.id)
            var files: [(String, Value)] = []
            for path in matched {
                guard let source = namespaceFiles.file(namespace: namespace, path: path) else { continue }
                do {
                    files.append(("/" + path, .string(try storage.store(source, path: base, name: prefix + path, move: false))))
                } catch {
                    throw ExecutorError.journal("cannot store namespace file \(namespace)/\(path): \(error.localizedDescription)")
                }
            }
            await state.setOutputs(node.id, .object([("files", .object(files))]), loopValues: scope.loopValues)
            log.task(node.id, .info, "downloaded \(files.count) file(s) from namespace \(namespace)")
        default:
            var deleted = 0
            for path in try matching(namespace: namespace, patterns: try property("files")) {
                guard let file = namespaceFiles.file(namespace: namespace, path: path) else { continue }
                if (try? FileManager.default.removeItem(at: file)) != nil { deleted += 1 }
            }
            log.task(node.id, .info, "deleted \(deleted) file(s) of namespace \(namespace)")
        }
        return AttemptResult(state: .success)
    }

    /// The namespace's files matching `files` (a glob or a list of globs), Kestra's rule.
    private func matching(namespace: String, patterns: JSONValue?) throws(ExecutorError) -> [String] {
        let texts: [String]
        switch patterns {
        case .string(let s)?: texts = [s]
        case .array(let items)?: texts = items.map(\.plainText)
        default: throw ExecutorError.task("files must be a string or a list of strings")
        }
        var globs: [PathGlob] = []
        for text in texts {
            guard let glob = NamespaceFiles.matcher(text) else { throw ExecutorError.task("files: \"\(text)\" is not a valid pattern") }
            globs.append(glob)
        }
        return namespaceFiles.files(of: namespace).filter { path in globs.contains { $0.matches("/" + path) } }
    }

    /// Stores working-directory files (`files`, inside WorkingDirectory) and stored files
    /// (`filesMap`: namespace path → kestra:// URI) as namespace files.
    private func upload(namespace: String, files: JSONValue?, filesMap: JSONValue?, destination: String, conflict: String,
                        scope: Scope, taskId: String) throws(ExecutorError) -> Int {
        guard files != nil || filesMap != nil else { throw ExecutorError.task("files or filesMap is required") }
        var pairs: [(target: String, source: URL)] = []
        let folder = destination.hasPrefix("/") ? destination : "/" + destination
        if let files {
            var patterns = [files.plainText]
            if case .array(let items) = files { patterns = items.map(\.plainText) }
            if let directory = scope.sharedDirectory {
                let globs = patterns.compactMap(NamespaceFiles.matcher)
                for path in WorkingFiles(directory: directory).allFiles() where globs.contains(where: { $0.matches("/" + path) }) {
                    pairs.append((folder + "/" + path, directory.appendingPathComponent(path)))
                }
            } else {
                log.task(taskId, .warn, "files matches the task's own working directory, which is empty outside a WorkingDirectory task")
            }
        }
        if let filesMap {
            var map: [String: JSONValue] = [:]
            switch filesMap {
            case .object(let m): map = m
            case .string(let text):
                guard case .object(let m)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    throw ExecutorError.task("filesMap must be a map of namespace path to kestra:// URI")
                }
                map = m
            default: throw ExecutorError.task("filesMap must be a map of namespace path to kestra:// URI")
            }
            for key in map.keys.sorted() {
                let uri = map[key]?.plainText ?? ""
                guard let source = storage.file(for: uri) else { throw ExecutorError.task("filesMap.\(key): \"\(uri)\" is not a kestra:// URI") }
                // Kestra skips a stored file that does not exist.
                // and joins destination and key without a separator.
                if FileManager.default.fileExists(atPath: source.path) { pairs.append((folder + key, source)) }
            }
        }
        var written = 0
        for (target, source) in pairs {
            guard let file = namespaceFiles.file(namespace: namespace, path: target) else { throw ExecutorError.task("\(target) leaves the namespace") }
            let fm = FileManager.default
            if fm.fileExists(atPath: file.path) {
                if conflict == "SKIP" { continue }
                if conflict == "ERROR" { throw ExecutorError.task("File '\(target)' already exists in namespace '\(namespace)' and conflict is set to ERROR") }
            }
            do {
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: file.path) { try fm.removeItem(at: file) }
                try fm.copyItem(at: source, to: file)
                written += 1
            } catch {
                throw ExecutorError.journal("cannot write namespace file \(namespace)\(target): \(error.localizedDescription)")
            }
        }
        return written
    }
}
