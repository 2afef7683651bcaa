import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// A container or process task: working directory, input files, the run, outputs
    /// (`vars`, `exitCode`, `outputFiles`) recorded even when the command fails.
    func runScript(_ node: PlanNode, scope: Scope, attempt: Int, taskrunId: String, key: String) async throws -> AttemptResult {
        let directory = scope.sharedDirectory ?? executionDirectory.appendingPathComponent("\(node.id)-\(taskrunId.prefix(8))")
        let files = WorkingFiles(directory: directory.standardizedFileURL, storage: executionDirectory.appendingPathComponent("storage"))
        let fileSpec = node.container?.files ?? node.process!.files
        let outputDir = fileSpec.outputDirectory ? "out-\(taskrunId.prefix(8))" : nil
        var extra: [(String, Value)] = [("workingDir", .string(files.directory.path))]
        if let outputDir { extra.append(("outputDir", .string(files.directory.path + "/" + outputDir))) }
        let evaluator = await evaluator(task: node, scope: scope, extra: extra)
        var inputs: [String: String] = [:]
        for (name, content) in fileSpec.inputFiles {
            let rendered = try render(content, evaluator)
            if name == "$json", case .object(let map) = rendered {
                for (key, value) in map { inputs[key] = JSONConversionText.text(value) }
            } else {
                inputs[name] = JSONConversionText.text(rendered)
            }
        }
        let reattach = recovered.inFlight[key].flatMap { $0.attempt == attempt ? $0.containerId : nil }
        if reattach == nil { try files.writeInputs(inputs) }
        if let outputDir { try FileManager.default.createDirectory(at: files.directory.appendingPathComponent(outputDir), withIntermediateDirectories: true) }
        let result: ScriptResult
        if let spec = node.container {
            guard let engine = try engine(for: spec, evaluator) else { throw ExecutorError.engine("task \"\(node.id)\" needs a Docker engine") }
            if spec.host != nil { try await engine.ping() }
            let labels = ["kestra.io/execution-id": executionId, "kestra.io/taskrun-id": taskrunId,
                          "kestra.io/taskrun-attempt": String(attempt), "berth.runner": "berth",
                          "berth.state": options.stateDirectory.standardizedFileURL.path]
            let journal = self.journal
            let task = ContainerTask(engine: engine, spec: spec, node: node, labels: labels, files: files, outputDir: outputDir,
                                     log: log, evaluator: evaluator) { id in
                var record = JournalRecord(kind: .containerCreated, key: key)
                record.attempt = attempt
                record.taskrunId = taskrunId
                record.containerId = id
                journal.append(record)
            }
            if let reattach {
                result = try await task.reattach(reattach)
            } else {
                result = try await task.run()
            }
        } else {
            result = try await ProcessTask(spec: node.process!, node: node, files: files, outputDir: outputDir, log: log, evaluator: evaluator).run()
        }
        log.mask(evaluator.revealedSecrets)
        var outputs = ValueMap([("vars", .map(result.vars)), ("exitCode", result.exitCode.map { .int(Int64($0)) } ?? .null),
                                ("outputFiles", .map(ValueMap(result.outputFiles.keys.sorted().map { ($0, .string(result.outputFiles[$0]!)) })))])
        if let id = result.containerId { outputs["taskRunner"] = .object([("containerId", .string(id))]) }
        await state.setOutputs(node.id, .map(outputs), loopValue: scope.valueKey)
        return AttemptResult(state: result.state, message: result.message, exitCode: result.exitCode, containerId: result.containerId)
    }

    /// Log, Return, OutputValues, Fail, Sleep, Pause.
    func runInternal(_ node: PlanNode, scope: Scope) async throws -> AttemptResult {
        let evaluator = await evaluator(task: node, scope: scope)
        let short = node.type.split(separator: ".").last.map(String.init) ?? node.type
        switch short {
        case "Log", "Echo":
            let level = ExecutionLog.Level(rawValue: JSONConversionText.text(node.properties["level"] ?? .string("INFO")).uppercased()) ?? .info
            let message = try render(node.properties["message"] ?? node.properties["format"] ?? .string(""), evaluator)
            if case .array(let lines) = message {
                for line in lines { log.task(node.id, level, JSONConversionText.text(line)) }
            } else {
                log.task(node.id, level, JSONConversionText.text(message))
            }
        case "Return":
            let value = try render(node.properties["format"] ?? .null, evaluator)
            await state.setOutputs(node.id, .object([("value", Values.value(value))]), loopValue: scope.valueKey)
        case "OutputValues":
            let values = try render(node.properties["values"] ?? .object([:]), evaluator)
            await state.setOutputs(node.id, .object([("values", Values.value(values))]), loopValue: scope.valueKey)
        case "Fail":
            if let condition = node.properties["condition"], !Values.value(try render(condition, evaluator)).isTruthy {
                return AttemptResult(state: .success)
            }
            let message = JSONConversionText.text(try render(node.properties["errorMessage"] ?? .string("Task failure"), evaluator))
            return AttemptResult(state: .failed, message: message)
        case "Sleep":
            if case .double(let seconds) = try render(node.properties["duration"] ?? .double(0), evaluator) {
                try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            }
        case "Pause":
            guard let pause = node.properties["pauseDuration"] ?? node.properties["delay"],
                  let seconds = DurationParser.seconds(JSONConversionText.text(try render(pause, evaluator))) else {
                return AttemptResult(state: .failed, message: "Pause without pauseDuration waits for a manual resume, which berth does not offer")
            }
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        default:
            return AttemptResult(state: .failed, message: "berth cannot run \(node.type)")
        }
        return AttemptResult(state: .success)
    }
}

/// Typed input values: given values checked against the declarations, defaults applied.
enum InputValues {
    static func resolve(_ declarations: [PlanInput], given: [String: String]) throws -> ValueMap {
        var result = ValueMap()
        for input in declarations {
            if let raw = given[input.id] {
                result[input.id] = try typed(raw, input)
            } else if let defaults = input.defaults {
                result[input.id] = Values.value(defaults)
            } else if input.required {
                throw ExecutorError.plan("missing input \"\(input.id)\" (\(input.type)); pass --input \(input.id)=VALUE")
            }
        }
        for key in given.keys where !declarations.contains(where: { $0.id == key }) {
            throw ExecutorError.plan("unknown input \"\(key)\"; the flow declares: \(declarations.map(\.id).joined(separator: ", "))")
        }
        return result
    }

    static func typed(_ raw: String, _ input: PlanInput) throws -> Value {
        func invalid(_ reason: String) -> ExecutorError { .plan("Invalid input for `\(input.id)`, \(reason), but received `\(raw)`") }
        switch input.type {
        case "INT":
            guard let i = Int64(raw) else { throw invalid("it must be an integer") }
            if let min = input.validation["min"], case .int(let m) = min, i < m { throw invalid("it must be at least \(m)") }
            if let max = input.validation["max"], case .int(let m) = max, i > m { throw invalid("it must be at most \(m)") }
            return .int(i)
        case "FLOAT":
            guard let d = Double(raw) else { throw invalid("it must be a number") }
            return .double(d)
        case "BOOLEAN", "BOOL":
            guard ["true", "false"].contains(raw.lowercased()) else { throw invalid("it must be true or false") }
            return .bool(raw.lowercased() == "true")
        case "SELECT", "ENUM":
            if case .array(let values)? = input.validation["values"] {
                let allowed = values.map(JSONConversionText.text)
                let custom = input.validation["allowCustomValue"] == .bool(true)
                guard allowed.contains(raw) || custom else { throw invalid("it must match the values `[\(allowed.joined(separator: ", "))]`") }
            }
            return .string(raw)
        case "JSON", "ARRAY", "MULTISELECT":
            guard let parsed = try? ValueJSON.decode(raw) else { throw invalid("it must be valid JSON") }
            return parsed
        case "STRING", "SECRET":
            if let pattern = input.validation["validator"].map(JSONConversionText.text),
               (try? NSRegularExpression(pattern: "^(?:\(pattern))$"))?.firstMatch(in: raw, range: NSRange(raw.startIndex..., in: raw)) == nil {
                throw invalid("it must match the pattern `\(pattern)`")
            }
            return .string(raw)
        default:
            return .string(raw)
        }
    }
}
