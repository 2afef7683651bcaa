import BerthFormats
import BerthDiagnostics
import BerthExpressions
import BerthPlan
import BerthSchema
import BerthYAML

/// A checked flow → its plan. Pure: no files, no environment, no clock.
struct FlowLowering {
    let grammar: Grammar
    let root: YAMLNode
    let defaults: PluginDefaults
    let scripts: ScriptLowering

    init(root: YAMLNode, grammar: Grammar) {
        self.grammar = grammar
        self.root = root
        self.defaults = PluginDefaults(root: root, grammar: grammar)
        self.scripts = ScriptLowering(grammar: grammar, defaults: defaults, flowId: root["id"]?.scalar ?? "",
                                      namespace: root["namespace"]?.scalar ?? "")
    }

    static let commonProperties: Set<String> = ["id", "type", "description", "retry", "timeout", "disabled", "allowFailure", "allowWarning",
                                                "logLevel", "logToFile", "runIf", "workerGroup", "errors", "finally"]

    func plan(sourceName: String) -> Plan {
        Plan(
            flow: FlowIdentity(id: root["id"]?.scalar ?? "", namespace: root["namespace"]?.scalar ?? "",
                               revision: root["revision"]?.scalar.flatMap { Int($0) }, description: root["description"]?.scalar),
            inputs: (root["inputs"]?.sequence ?? []).map(input),
            variables: root["variables"].map { if case .object(let o) = JSONConversion.json($0) { return o } else { return [:] } } ?? [:],
            labels: labels(root["labels"]),
            tasks: nodes(root["tasks"]), errors: nodes(root["errors"]), finally: nodes(root["finally"]),
            afterExecution: nodes(root["afterExecution"]),
            outputs: (root["outputs"]?.sequence ?? []).map { item in
                PlanOutput(id: item["id"]?.scalar ?? "", type: item["type"]?.scalar ?? "STRING",
                           value: JSONConversion.planValue(item["value"].map { JSONConversion.json($0) } ?? .null, as: .json))
            },
            retry: flowRetry(),
            source: sourceName)
    }

    /// The flow-level `retry`.
    private func flowRetry() -> PlanRetry? {
        guard let node = root["retry"], case .object(let r) = JSONConversion.json(node) else { return nil }
        return retry(r)
    }

    private func input(_ node: YAMLNode) -> PlanInput {
        let id = (node["id"] ?? node["name"])?.scalar ?? ""
        var validation: [String: JSONValue] = [:]
        for entry in node.mapping ?? [] {
            guard let key = entry.key.scalar, !["id", "name", "type", "description", "required", "defaults", "displayName", "dependsOn"].contains(key) else { continue }
            validation[key] = JSONConversion.json(entry.value)
        }
        return PlanInput(id: id, type: node["type"]?.scalar ?? "STRING", required: node["required"]?.scalar?.lowercased() != "false",
                         defaults: node["defaults"].map { JSONConversion.planValue(JSONConversion.json($0), as: .json) },
                         validation: validation, dependsOn: node["dependsOn"]?["inputs"]?.sequence?.compactMap(\.scalar) ?? [])
    }

    private func labels(_ node: YAMLNode?) -> [String: String] {
        var result: [String: String] = [:]
        if let entries = node?.mapping {
            for entry in entries { if let k = entry.key.scalar { result[k] = entry.value.scalar ?? "" } }
        } else {
            for item in node?.sequence ?? [] { if let k = item["key"]?.scalar { result[k] = item["value"]?.scalar ?? "" } }
        }
        return result
    }

    /// The tasks of a list, disabled ones dropped.
    func nodes(_ list: YAMLNode?) -> [PlanNode] {
        (list?.sequence ?? []).compactMap(node)
    }

    func node(_ yaml: YAMLNode) -> PlanNode? {
        guard let typeName = yaml["type"]?.scalar, let schema = grammar.type(typeName, in: "task")?.schema else { return nil }
        // Nested task lists are lowered as nodes of their own; converting them here too would
        // convert every task once per enclosing flowable.
        var p = JSONConversion.object(yaml) { key in key == "type" || key == "errors" || key == "finally" || schema.taskSlots.contains { $0.name == key } }
        p = defaults.apply(to: p, type: typeName)
        if JSONConversion.bool(p["disabled"], default: false) == .bool(true) { return nil }
        let start = yaml.mapping?.first?.key.range.start ?? yaml.range.start
        var node = PlanNode(id: JSONConversion.text(p["id"]) ?? "", kind: .internal, type: schema.name,
                            source: SourcePoint(line: start.line, column: start.column))
        common(&node, p)
        if schema.property("taskRunner") != nil || schema.name == ScriptLowering.runType || schema.typeDefaults["legacyScript"] != nil {
            scripts.lower(&node, schema: schema, properties: p)
        } else {
            control(&node, schema: schema, yaml: yaml, p: p)
        }
        node.errors = nodes(yaml["errors"])
        node.finally = nodes(yaml["finally"])
        return node
    }

    private func common(_ node: inout PlanNode, _ p: [String: JSONValue]) {
        if let runIf = p["runIf"], runIf != .null { node.runIf = JSONConversion.planValue(runIf, as: .boolean) }
        if let timeout = JSONConversion.text(p["timeout"]) {
            node.timeout = TemplateParser.containsTemplate(timeout) ? .template(timeout, as: .seconds) : ISODuration.seconds(timeout).map { .double($0) }
        }
        node.allowFailure = JSONConversion.bool(p["allowFailure"], default: false) == .bool(true)
        node.allowWarning = JSONConversion.bool(p["allowWarning"], default: false) == .bool(true)
        if case .object(let r)? = p["retry"] { node.retry = retry(r) }
    }

    private func retry(_ r: [String: JSONValue]) -> PlanRetry {
        func seconds(_ key: String) -> Double? { JSONConversion.text(r[key]).flatMap(ISODuration.seconds) }
        let attempts = JSONConversion.text(r["maxAttempts"] ?? r["maxAttempt"]).flatMap { Int($0) }
        return PlanRetry(type: JSONConversion.text(r["type"]) ?? "constant", maxAttempts: attempts, maxDurationSeconds: seconds("maxDuration"),
                         intervalSeconds: seconds("interval"), minIntervalSeconds: seconds("minInterval"),
                         maxIntervalSeconds: seconds("maxInterval"), delayFactor: JSONConversion.text(r["delayFactor"]).flatMap { Double($0) },
                         warningOnRetry: JSONConversion.bool(r["warningOnRetry"], default: false) == .bool(true))
    }

    /// Internal tasks and control nodes.
    private func control(_ node: inout PlanNode, schema: ObjectSchema, yaml: YAMLNode, p: [String: JSONValue]) {
        let short = schema.name.split(separator: ".").last.map(String.init) ?? ""
        var properties: [String: JSONValue] = [:]
        for (key, value) in p where !Self.commonProperties.contains(key) && !isTaskList(schema.property(key)) {
            properties[key] = JSONConversion.planValue(value)
        }
        switch short {
        case "Sequential": node.kind = .sequential
        case "Parallel": node.kind = .parallel
        case "If": node.kind = .conditional
        case "Switch": node.kind = .switchCase
        case "ForEach", "EachSequential", "EachParallel":
            node.kind = .forEach
            if short != "ForEach" {
                properties["values"] = properties.removeValue(forKey: "value")
                properties["concurrencyLimit"] = short == "EachSequential" ? .int(1) : (properties.removeValue(forKey: "concurrent") ?? .int(0))
            } else if properties["concurrencyLimit"] == nil {
                properties["concurrencyLimit"] = .int(1)
            }
        case "Loop":
            node.kind = .loop
            if properties["concurrencyLimit"] == nil { properties["concurrencyLimit"] = .int(0) }
        case "Dag": node.kind = .dag
        case "AllowFailure": node.kind = .allowFailure
        case "WorkingDirectory": node.kind = .workingDirectory
        case "LoopUntil": node.kind = .loopUntil
        case "Subflow", "ForEachItem": node.kind = .subflow
        default: node.kind = .internal
        }
        if let duration = JSONConversion.text(p["duration"]), short == "Sleep" {
            properties["duration"] = TemplateParser.containsTemplate(duration) ? .template(duration, as: .seconds) : ISODuration.seconds(duration).map { .double($0) } ?? .null
        }
        node.properties = properties
        for property in schema.taskSlots {
            guard let value = yaml[property.name], !["errors", "finally"].contains(property.name) else { continue }
            switch property.type {
            case .map(.list(.category("task"))):
                for entry in value.mapping ?? [] { node.children["cases.\(entry.key.scalar ?? "")"] = nodes(entry.value) }
            case .list(.object("DagTask")):
                var children: [PlanNode] = []
                for item in value.sequence ?? [] {
                    guard let taskNode = item["task"], let child = self.node(taskNode) else { continue }
                    children.append(child)
                    node.dependsOn[child.id] = item["dependsOn"]?.sequence?.compactMap(\.scalar) ?? []
                }
                node.children["tasks"] = children
            default:
                node.children[property.name] = nodes(value)
            }
        }
    }

    private func isTaskList(_ property: PropertySchema?) -> Bool {
        switch property?.type {
        case .list(.category("task"))?, .map(.list(.category("task")))?, .list(.object("DagTask"))?: true
        default: false
        }
    }
}
