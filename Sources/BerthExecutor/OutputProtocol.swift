import BerthExpressions

/// Kestra's log-line protocol: a whole line `::{json}::` carries `outputs` (merged into the
/// task's vars), `metrics` and `logs`. Malformed JSON is a warning, never a crash.
struct OutputProtocol {
    private(set) var outputs = ValueMap()
    private(set) var metrics: [Value] = []

    enum LineKind {
        /// An ordinary line to log.
        case log(String)
        /// A protocol line, consumed; with log lines it asked for (level, message).
        case consumed(logs: [(String, String)])
        /// Looked like the protocol but did not parse.
        case malformed(String)
    }

    mutating func handle(_ line: String) -> LineKind {
        guard line.hasPrefix("::{"), line.hasSuffix("}::"), line.count >= 6 else { return .log(line) }
        let json = String(line.dropFirst(2).dropLast(2))
        let value: Value
        do {
            value = try ValueJSON.decode(json)
        } catch {
            return .malformed("Invalid outputs '\(error.message)'")
        }
        guard case .map(let map) = value else { return .malformed("Invalid outputs: not a JSON object") }
        if case .map(let produced)? = map["outputs"] {
            for (key, item) in produced.pairs { outputs[key] = item }
        }
        if case .list(let items)? = map["metrics"] { metrics += items }
        var logs: [(String, String)] = []
        if case .list(let items)? = map["logs"] {
            for case .map(let entry) in items {
                logs.append((TemplateText.render(entry["level"] ?? .string("INFO")), TemplateText.render(entry["message"] ?? .null)))
            }
        }
        return .consumed(logs: logs)
    }
}
