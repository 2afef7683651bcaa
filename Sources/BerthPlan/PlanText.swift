/// A readable tree of what a plan will run: each container with image, command, limits,
/// mounts and network (`berth compile --format text`).
public enum PlanText {
    public static func render(_ plan: Plan) -> String {
        var out = "flow \(plan.flow.namespace).\(plan.flow.id) (plan v\(plan.version), from \(plan.source))\n"
        if !plan.inputs.isEmpty {
            out += "inputs: " + plan.inputs.map { "\($0.id) \($0.type)\($0.required ? "" : "?")" + ($0.defaults.map { " = \(show($0))" } ?? "") }
                .joined(separator: ", ") + "\n"
        }
        for (title, nodes) in [("tasks", plan.tasks), ("errors", plan.errors), ("finally", plan.finally), ("afterExecution", plan.afterExecution)] where !nodes.isEmpty {
            out += "\(title):\n"
            for node in nodes { write(node, indent: "  ", to: &out) }
        }
        return out
    }

    private static func write(_ node: PlanNode, indent: String, to out: inout String) {
        var head = "\(indent)- \(node.id) [\(node.kind.rawValue)] \(node.type.split(separator: ".").last ?? "") (line \(node.source.line))"
        if let runIf = node.runIf { head += " if \(show(runIf))" }
        if node.allowFailure { head += " allow-failure" }
        out += head + "\n"
        let detail = indent + "    "
        if let retry = node.retry { out += "\(detail)retry: \(retry.type)" + (retry.maxAttempts.map { ", \($0) attempts" } ?? "") + "\n" }
        if let timeout = node.timeout { out += "\(detail)timeout: \(show(timeout))\(timeout.template == nil ? " s" : "")\n" }
        if let c = node.container {
            let create = c.create.value
            out += "\(detail)image: \(show(create["Image"] ?? .null)) (pull \(c.pullPolicy.stringValue ?? show(c.pullPolicy)))\n"
            if case .array(let cmd)? = create["Cmd"] { out += "\(detail)command: \(cmd.map(show).joined(separator: " "))\n" }
            if case .object(let host)? = create["HostConfig"] {
                let limits = ["NanoCpus", "Memory", "MemorySwap", "MemoryReservation", "ShmSize"].compactMap { key in host[key].map { "\(key) \(show($0))" } }
                if !limits.isEmpty { out += "\(detail)limits: \(limits.joined(separator: ", "))\n" }
                if let binds = host["Binds"] { out += "\(detail)mounts: \(show(binds))\n" }
                if let network = host["NetworkMode"] { out += "\(detail)network: \(show(network))\n" }
                if let ports = host["PortBindings"] { out += "\(detail)ports: \(show(ports))\n" }
                if host["Privileged"] == .bool(true) { out += "\(detail)privileged\n" }
            }
            if let user = create["User"] { out += "\(detail)user: \(show(user))\n" }
            out += "\(detail)files: \(c.fileHandlingStrategy)" + (c.files.inputFiles.isEmpty ? "" : ", in: \(c.files.inputFiles.keys.sorted().joined(separator: ", "))")
                + (c.files.outputFiles.isEmpty ? "" : ", out: \(c.files.outputFiles.map { $0.stringValue ?? show($0) }.joined(separator: ", "))") + "\n"
            if c.credentials != nil { out += "\(detail)registry credentials: given (by reference)\n" }
        }
        if let p = node.process {
            out += "\(detail)process: \(p.command.map(show).joined(separator: " "))\n"
        }
        for key in node.properties.keys.sorted() { out += "\(detail)\(key): \(show(node.properties[key]!))\n" }
        for slot in node.children.keys.sorted() {
            out += "\(detail)\(slot):\n"
            for child in node.children[slot]! { write(child, indent: detail + "  ", to: &out) }
        }
        if !node.dependsOn.isEmpty {
            out += "\(detail)edges: " + node.dependsOn.keys.sorted().map { "\($0) <- [\(node.dependsOn[$0]!.joined(separator: ", "))]" }.joined(separator: "; ") + "\n"
        }
        for (slot, nodes) in [("errors", node.errors), ("finally", node.finally)] where !nodes.isEmpty {
            out += "\(detail)\(slot):\n"
            for child in nodes { write(child, indent: detail + "  ", to: &out) }
        }
    }

    /// Double quotes with `"`, `\` and line breaks escaped.
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }

    /// A value on one line; templates shown as written, text escaped.
    public static func show(_ value: JSONValue) -> String {
        if let t = value.template { return quote(t.text) }
        switch value {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(show).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0): \(show(o[$0]!))" }.joined(separator: ", ") + "}"
        }
    }
}
