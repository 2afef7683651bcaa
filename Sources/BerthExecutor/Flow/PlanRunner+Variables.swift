import BerthExpressions
import BerthPlan
import Foundation

extension PlanRunner {
    /// What templates see, as Kestra's RunVariables: `flow`, `execution`, `inputs`, `outputs`,
    /// `tasks`, `vars`, `labels`, `envs`, and for a task `task`, `taskrun`, `parent`, `parents`.
    /// Every `secret()` value is registered with the masker the moment it is read.
    func evaluator(for node: PlanNode?, scope: Scope, taskrun: TaskRunContext? = nil, extra: [(String, Value)] = []) async -> Evaluator {
        let utc = TimeZone(identifier: "UTC") ?? .current
        var flow: [(String, Value)] = [("id", .string(plan.flow.id)), ("namespace", .string(plan.flow.namespace))]
        if let revision = plan.flow.revision { flow.append(("revision", .int(Int64(revision)))) }
        let labels = await state.labels
        var variables = ValueMap([
            ("flow", .object(flow)),
            // A berth execution is never a replay: it is its own original.
            ("execution", .object([("id", .string(executionId)), ("startDate", .date(startDate, utc)), ("originalId", .string(executionId))])),
            ("inputs", .map(inputs)),
            ("outputs", .map(Self.iterationView(await state.outputs, scope: scope))),
            ("tasks", .map(await state.taskStates)),
            ("vars", Values.value(.object(plan.variables))),
            ("labels", .map(ValueMap(labels.keys.sorted().map { ($0, .string(labels[$0] ?? "")) }))),
            ("envs", .map(ValueMap(options.environment.filter { $0.key.hasPrefix("ENV_") }
                .map { (String($0.key.dropFirst(4)).lowercased(), Value.string($0.value)) }.sorted { $0.0 < $1.0 }))),
        ])
        if let node {
            variables["task"] = .object([("id", .string(node.id)), ("type", .string(node.type))])
            let run = taskrun ?? TaskRunContext(id: Ids.make(), attemptsCount: 0, startDate: Date())
            var fields: [(String, Value)] = [("id", .string(run.id)), ("startDate", .date(run.startDate, utc)),
                                             ("attemptsCount", .int(Int64(run.attemptsCount)))]
            if let parent = scope.parents.last?.taskrunId { fields.append(("parentId", .string(parent))) }
            if let value = scope.ownValue { fields.append(("value", .string(value))) }
            if let iteration = scope.iteration.last { fields.append(("iteration", .int(Int64(iteration)))) }
            variables["taskrun"] = .object(fields)
            let parents = scope.parentsVariable
            if !parents.isEmpty {
                variables["parents"] = .list(parents)
                variables["parent"] = parents[0]
            }
        }
        if let item = scope.itemVariable { variables["item"] = item }
        for (key, value) in extra { variables[key] = value }
        let lookup = EvaluationContext.environmentSecrets(options.environment)
        let masker = self.masker
        let context = EvaluationContext(variables: variables, secret: { name in
            let value = lookup(name)
            if let value { masker.register(value) }
            return value
        }, readFile: { [storage, namespaceFiles, namespace = plan.flow.namespace] path in
            // A kestra:// URI is a stored file; nsfile:// or a plain path a namespace file.
            let file = path.hasPrefix(Storage.scheme) ? storage.file(for: path)
                : path.hasPrefix("nsfile://") ? namespaceFiles.file(forURI: path, flowNamespace: namespace)
                : namespaceFiles.file(namespace: namespace, path: path)
            guard let file, let data = FileManager.default.contents(atPath: file.path) else {
                throw EvaluationError(message: "read(): no file \"\(path)\" (stored files: kestra://…; namespace files under \(namespaceFiles.root.path))", range: 0..<0)
            }
            return String(decoding: data, as: UTF8.self)
        }, kv: kvLookup())
        return Evaluator(context: context)
    }

    /// Inside a Loop iteration (a sub-execution in Kestra 2.0), `outputs.<task>` is that
    /// iteration's run of the task, with no `[value]` to index: the Loop's tasks show what they
    /// kept under the iteration's path; the others are as they are.
    static func iterationView(_ outputs: ValueMap, scope: Scope) -> ValueMap {
        guard let item = scope.items.last else { return outputs }
        var view = outputs
        for taskId in item.members {
            if let own = ExecutionState.value(at: item.outputsPath, in: outputs[taskId]) { view[taskId] = own }
        }
        return view
    }
}
