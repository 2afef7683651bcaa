import BerthEngine
import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// A container or process task, as Kestra's CommandsWrapper runs it: a fresh working
    /// directory per attempt (the WorkingDirectory's when inside one), namespace files, then
    /// input files, storage URIs in the command line replaced by local copies, the run, then
    /// outputs — `vars`, `exitCode`, `outputFiles` — recorded even when the command fails.
    func runScript(_ node: PlanNode, scope: Scope, run: TaskRunContext, attempt: Int, key: String) async throws(ExecutorError) -> AttemptResult {
        guard let fileSpec = node.container?.files ?? node.process?.files else { throw ExecutorError.plan("task \"\(node.id)\" has no runner") }
        let directory = scope.sharedDirectory ?? executionDirectory.appendingPathComponent("wd/\(node.id)-\(run.id.prefix(10))-\(attempt)")
        let files = WorkingFiles(directory: directory.standardizedFileURL)
        let outputDir = fileSpec.outputDirectory ? Ids.stable(directory.path + "#\(run.id)#\(attempt)") : nil
        var extra: [(String, Value)] = [("workingDir", .string(files.directory.path))]
        if let outputDir { extra.append(("outputDir", .string(files.directory.path + "/" + outputDir))) }
        // `{{ outputFiles['name'] }}`: where an output file named without a glob is to be written.
        let named = fileSpec.outputFiles.compactMap(\.stringValue).filter { !$0.contains(where: { "*?[]{}".contains($0) }) && !$0.hasPrefix("regex:") }
        let namedPaths = ValueMap(named.map { ($0, .string(files.directory.path + "/" + $0)) })
        extra.append(("outputFiles", .map(namedPaths)))
        if let dirs = fileSpec.outputDirs {
            // The legacy tasks' variables: outputDirs, and temp (the old name of outputFiles).
            extra.append(("outputDirs", .map(ValueMap(dirs.map { ($0, .string(files.directory.path + "/" + $0)) }))))
            extra.append(("temp", .map(namedPaths)))
        }
        let evaluator = await evaluator(for: node, scope: scope, taskrun: run, extra: extra)
        let reattach = recovery.containers[key].flatMap { $0.attempt == attempt ? $0.containerId : nil }
        if reattach == nil {
            try files.create()
            if let property = fileSpec.namespaceFiles,
               let selection = try NamespaceFiles.selection(try Values.render(property, with: evaluator), flowNamespace: plan.flow.namespace) {
                let count = try namespaceFiles.load(selection, into: files.directory) { log.task(node.id, .warn, $0) }
                log.task(node.id, .info, "Loaded \(count) namespace files from '\(selection.namespaces.joined(separator: ", "))'")
            }
            try files.writeInputs(try inputFiles(.object(fileSpec.inputFiles), evaluator: evaluator))
            for name in (outputDir.map { [$0] } ?? []) + (fileSpec.outputDirs ?? []) {
                do { try FileManager.default.createDirectory(at: files.directory.appendingPathComponent(name), withIntermediateDirectories: true) } catch {
                    throw ExecutorError.journal("cannot create the output directory in \(files.directory.path): \(error.localizedDescription)")
                }
            }
        }
        let result: ScriptResult
        if let spec = node.container {
            let task = try await ContainerTask(runner: self, node: node, spec: spec, files: files, outputDir: outputDir, evaluator: evaluator,
                                               run: run, attempt: attempt, key: key)
            result = try await task.run(reattaching: reattach)
        } else if let spec = node.process {
            result = try await ProcessTask(spec: spec, node: node, files: files, storage: storage, log: log, evaluator: evaluator,
                                           environment: options.environment).run()
        } else {
            throw ExecutorError.plan("task \"\(node.id)\" has no runner")
        }
        var globs: [String] = []
        for pattern in fileSpec.outputFiles { globs.append(try Values.text(pattern, with: evaluator)) }
        let stored = try files.collectOutputs(globs: globs, outputDir: outputDir, storagePath: taskStoragePath(node, taskrunId: run.id), storage: storage)
        var outputs = ValueMap([("vars", .map(result.vars)), ("exitCode", result.exitCode.map { .int(Int64($0)) } ?? .null),
                                ("outputFiles", .map(ValueMap(stored.keys.sorted().map { ($0, .string(stored[$0] ?? "")) })))])
        if let id = result.containerId { outputs["taskRunner"] = .object([("containerId", .string(id))]) }
        if fileSpec.outputDirs != nil { outputs["files"] = outputs["outputFiles"] }
        await state.setOutputs(node.id, .map(outputs), loopValues: scope.loopValues)
        return AttemptResult(state: result.state, message: result.message, exitCode: result.exitCode, containerId: result.containerId, metrics: result.metrics)
    }
}
