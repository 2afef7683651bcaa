import BerthEngine
import Foundation
import BerthExpressions
import BerthFormats
import BerthPlan

/// Kestra's log-line protocol: a whole line `::{json}::` carries `outputs` (merged into the
/// task's vars, top-level keys, last wins), `metrics` and `logs`. As in Kestra, the JSON is
/// read like Jackson reads it (text after the first value is ignored), and a frame that does
/// not fit — not an object, `outputs` not a map, a log level other than ERROR, WARN, INFO,
/// DEBUG, TRACE, a metric without a known type — is invalid as a whole: a warning, nothing applied.
struct OutputProtocol {
    private(set) var outputs = ValueMap()
    private(set) var metrics: [MetricEntry] = []

    enum LineKind: Equatable {
        /// An ordinary line to log.
        case log(String)
        /// A protocol line, consumed; with the log lines it asked for (level, message).
        case consumed(logs: [ExecutionLog.Level], messages: [String])
        /// Looked like the protocol but is invalid: the warning to log.
        case malformed(String)
    }

    mutating func handle(_ line: String) -> LineKind {
        guard line.utf8.count >= 6, line.hasPrefix("::{"), line.hasSuffix("}::") else { return .log(line) }
        let payload = String(line.dropFirst(2).dropLast(2))
        let value: Value
        do { value = try ValueJSON.decode(payload, trailing: true) } catch { return .malformed("Invalid outputs '\(error.message)'") }
        guard case .map(let frame) = value else { return .malformed("Invalid outputs 'the frame is not a JSON object'") }
        var produced = ValueMap()
        switch frame["outputs"] {
        case .map(let map)?: produced = map
        case .null?, nil: break
        default: return .malformed("Invalid outputs '\"outputs\" must be a JSON object'")
        }
        var levels: [ExecutionLog.Level] = [], messages: [String] = []
        if let logs = frame["logs"], logs != .null {
            guard case .list(let items) = logs else { return .malformed("Invalid outputs '\"logs\" must be a list'") }
            for item in items {
                guard case .map(let entry) = item, case .string(let name)? = entry["level"],
                      let level = ExecutionLog.Level(rawValue: name) else {
                    return .malformed("Invalid outputs 'a log entry needs a level among ERROR, WARN, INFO, DEBUG, TRACE'")
                }
                levels.append(level)
                messages.append(TemplateText.render(entry["message"] ?? .null))
            }
        }
        var newMetrics: [MetricEntry] = []
        if let list = frame["metrics"], list != .null {
            guard case .list(let items) = list else { return .malformed("Invalid outputs '\"metrics\" must be a list'") }
            for item in items {
                guard let metric = Self.metric(item) else {
                    return .malformed("Invalid outputs 'a metric needs a name, a type (counter, timer, gauge) and a numeric value'")
                }
                newMetrics.append(metric)
            }
        }
        for (key, item) in produced.pairs { outputs[key] = item }
        metrics += newMetrics
        return .consumed(logs: levels, messages: messages)
    }

    static func metric(_ value: Value) -> MetricEntry? {
        guard case .map(let entry) = value, case .string(let name)? = entry["name"], case .string(let type)? = entry["type"],
              ["counter", "timer", "gauge"].contains(type) else { return nil }
        let number: Double?
        switch entry["value"] {
        case .int(let i)?: number = Double(i)
        case .double(let d)?: number = d.isFinite ? d : nil
        case .string(let s)? where type == "timer": number = KestraNumber.double(s) ?? ISODuration.seconds(s)
        default: number = nil
        }
        guard let number else { return nil }
        var tags: [String: String] = [:]
        if case .map(let given)? = entry["tags"] { for (k, v) in given.pairs { tags[k] = TemplateText.render(v) } }
        return MetricEntry(type: type, name: name, value: number, tags: tags)
    }
}
