import BerthExecutor
import BerthGraph
import BerthPlan
import Foundation

/// One self-contained HTML file about an execution: header (flow, state, inputs with secrets
/// masked, start, duration), the timeline, the topology coloured by state, outputs and output
/// files, and the logs (collapsible, searchable). No network: style and script are inline.
/// Everything shown comes from the journal and the log file, which berth masks on the way in.
public enum ExecutionReport {
    public static func html(_ record: ExecutionRecord, stateDirectory: URL, now: Double = Date().timeIntervalSince1970) -> String {
        let flow = "\(record.plan.flow.namespace).\(record.plan.flow.id)"
        var body = header(record, flow: flow, now: now)
        body += section("Timeline", ReportTimeline.render(record, now: now))
        body += section("Topology", HTMLTopology.render(TopologyBuilder.graph(record.plan), badges: badges(record)))
        body += section("Outputs", outputs(record, stateDirectory: stateDirectory))
        body += section("Logs", logs(record))
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="generator" content="berth">
        <title>\(HTMLText.escape(flow)) · \(HTMLText.escape(record.state))</title>
        <style>\(ReportAssets.css)\(HTMLTopology.css)</style></head>
        <body data-execution="\(HTMLText.escape(record.id))" data-state="\(HTMLText.escape(record.state))">
        \(body)<script>\(ReportAssets.script)</script>
        </body></html>

        """
    }

    private static func section(_ title: String, _ content: String) -> String {
        "<section id=\"\(title.lowercased())\"><h2>\(title)</h2>\(content)</section>\n"
    }

    private static func header(_ record: ExecutionRecord, flow: String, now: Double) -> String {
        let started = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: record.start))
        let duration = ReportTimeline.seconds((record.end ?? now) - record.start) + (record.end == nil ? " so far" : "")
        var out = "<header><h1>\(HTMLText.escape(flow)) <span class=\"state s-\(HTMLText.escape(record.state))\">\(HTMLText.escape(record.state))</span></h1>"
        out += "<dl><dt>execution</dt><dd><code>\(HTMLText.escape(record.id))</code></dd><dt>source</dt><dd>\(HTMLText.escape(record.plan.source))</dd>"
        out += "<dt>started</dt><dd>\(started)</dd><dt>duration</dt><dd>\(duration)</dd>"
        out += "<dt>task runs</dt><dd>\(record.runs.count), \(record.runs.reduce(0) { $0 + $1.attempts.count }) attempts</dd></dl>"
        if let error = record.error { out += "<p class=\"error\">\(HTMLText.escape(error))</p>" }
        if !record.plan.inputs.isEmpty {
            out += "<table class=\"inputs\"><tr><th>input</th><th>type</th><th>value</th></tr>"
            for input in record.plan.inputs {
                let value: String
                if input.type == "SECRET" {
                    value = "<span class=\"secret\">•••••• (secret, never written down)</span>"
                } else if let given = record.inputs[input.id] {
                    value = "<code>\(HTMLText.escape(given))</code>"
                } else {
                    value = input.defaults.map { "<code>\(HTMLText.escape(PlanText.show($0)))</code> <small>(default)</small>" } ?? "<small>not given</small>"
                }
                out += "<tr><td>\(HTMLText.escape(input.id))</td><td>\(HTMLText.escape(input.type))</td><td>\(value)</td></tr>"
            }
            out += "</table>"
        }
        return out + "</header>\n"
    }

    /// The state of each task for the topology: the worst over its runs (Kestra's order), with
    /// the number of runs and attempts when there is more than one.
    static func badges(_ record: ExecutionRecord) -> [String: HTMLTopology.Badge] {
        let rank = ["SKIPPED": 0, "SUCCESS": 1, "RUNNING": 2, "WARNING": 3, "FAILED": 4, "KILLED": 5]
        var result: [String: HTMLTopology.Badge] = [:]
        for (taskId, runs) in Dictionary(grouping: record.runs, by: \.taskId) {
            let state = runs.map { $0.state ?? "RUNNING" }.max { (rank[$0] ?? 2) < (rank[$1] ?? 2) } ?? "RUNNING"
            let attempts = runs.reduce(0) { $0 + $1.attempts.count }
            var notes: [String] = []
            if runs.count > 1 { notes.append("\(runs.count) runs") }
            if attempts > runs.count { notes.append("\(attempts) attempts") }
            result[taskId] = HTMLTopology.Badge(state: state, note: notes.isEmpty ? nil : notes.joined(separator: ", "))
        }
        return result
    }

    private static func outputs(_ record: ExecutionRecord, stateDirectory: URL) -> String {
        var out = ""
        if let flowOutputs = record.outputs, flowOutputs != .object([:]) {
            out += "<h3>flow outputs</h3><pre class=\"json\">\(HTMLText.escape(pretty(flowOutputs)))</pre>"
        }
        for run in record.runs {
            guard let outputs = run.outputs, outputs != .object([:]), outputs != .null else { continue }
            let label = run.taskId + (run.loopValues.isEmpty ? "" : " [" + run.loopValues.joined(separator: ", ") + "]")
            out += "<div class=\"outputs\" data-task=\"\(HTMLText.escape(run.taskId))\"><h3>\(HTMLText.escape(label))</h3>"
            out += "<pre class=\"json\">\(HTMLText.escape(pretty(outputs)))</pre>"
            let files = storageURIs(in: outputs)
            if !files.isEmpty {
                out += "<ul class=\"files\">"
                for uri in files {
                    let local = StoredFiles.localFile(uri, stateDirectory: stateDirectory)
                    let size = local.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int }
                    out += "<li><code>\(HTMLText.escape(uri))</code>" + (local.map { " → <code>\(HTMLText.escape($0.path))</code>" } ?? "")
                        + (size.map { " (\($0) bytes)" } ?? " (not on this machine)") + "</li>"
                }
                out += "</ul>"
            }
            out += "</div>"
        }
        return out.isEmpty ? "<p><small>no outputs</small></p>" : out
    }

    private static func logs(_ record: ExecutionRecord) -> String {
        var out = "<input id=\"search\" type=\"search\" placeholder=\"Search the logs\" autocomplete=\"off\"> <span id=\"matches\"></span>"
        let groups = Dictionary(grouping: record.logs, by: { $0.task ?? "" })
        let order = [""] + record.runs.map(\.taskId).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            + groups.keys.sorted().filter { key in !record.runs.contains { $0.taskId == key } && !key.isEmpty }
        for task in order {
            guard let lines = groups[task], !lines.isEmpty else { continue }
            let title = task.isEmpty ? "execution (berth)" : task
            let failed = lines.contains { $0.level == "ERROR" }
            out += "<details class=\"log\" data-task=\"\(HTMLText.escape(task))\"\(failed ? " open" : "")><summary>\(HTMLText.escape(title)) <small>\(lines.count) lines</small></summary><div class=\"lines\">"
            for line in lines {
                let time = String(format: "+%.2f", line.time - record.start)
                out += "<div class=\"line l-\(HTMLText.escape(line.level))\"><span class=\"t\">\(time)</span> <span class=\"lv\">\(HTMLText.escape(line.level))</span> \(HTMLText.escape(line.line))</div>"
            }
            out += "</div></details>"
        }
        return out
    }

    private static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? PlanText.show(value)
    }

    /// Every `kestra://` string inside a value, in order.
    static func storageURIs(in value: JSONValue) -> [String] {
        switch value {
        case .string(let s): return s.hasPrefix("kestra://") ? [s] : []
        case .array(let items): return items.flatMap(storageURIs)
        case .object(let o): return o.keys.sorted().flatMap { storageURIs(in: o[$0]!) }
        default: return []
        }
    }
}
