import BerthGraph
import Foundation

/// The Gantt of an execution: one row per task run, one bar per attempt (coloured by its
/// state), the engine's marks (pull, create, start, exit) as ticks on the bar. Positions are
/// percentages of the execution's duration, so the chart needs no script to draw.
enum ReportTimeline {
    static func render(_ record: ExecutionRecord, now: Double) -> String {
        let origin = record.start
        let span = max((record.end ?? now) - origin, 0.001)
        func percent(_ t: Double) -> String { String(format: "%.3f", min(max((t - origin) / span * 100, 0), 100)) }
        func width(_ a: Double, _ b: Double) -> String { String(format: "%.3f", max(min((b - a) / span * 100, 100), 0.25)) }
        var out = "<div class=\"timeline\"><div class=\"axis\"><span>0 s</span><span>\(seconds(span / 2))</span><span>\(seconds(span))</span></div>"
        for run in record.runs {
            let label = run.taskId + (run.loopValues.isEmpty ? "" : " [" + run.loopValues.joined(separator: ", ") + "]")
            out += "<div class=\"row\" data-run=\"\(HTMLText.escape(run.key))\" data-task=\"\(HTMLText.escape(run.taskId))\">"
            out += "<div class=\"label\" style=\"padding-left:\(run.depth * 12)px\" title=\"\(HTMLText.escape(label))\">\(HTMLText.escape(label))</div><div class=\"track\">"
            if run.attempts.isEmpty, let start = run.start {
                // A flowable (or a skipped task): one bar for the whole run.
                let end = run.end ?? now
                let title = "\(label): \(run.state ?? "RUNNING") in \(seconds(end - start))"
                out += "<div class=\"bar whole s-\(run.state ?? "RUNNING")\" style=\"left:\(percent(start))%;width:\(width(start, end))%\" title=\"\(HTMLText.escape(title))\"></div>"
            }
            for attempt in run.attempts {
                let end = attempt.end ?? now
                var title = "\(label) attempt \(attempt.number): \(attempt.state ?? "RUNNING") in \(seconds(end - attempt.start))"
                if let code = attempt.exitCode { title += ", exit \(code)" }
                if let message = attempt.message { title += " — \(message)" }
                out += "<div class=\"bar s-\(attempt.state ?? "RUNNING")\" data-attempt=\"\(attempt.number)\" style=\"left:\(percent(attempt.start))%;width:\(width(attempt.start, end))%\" title=\"\(HTMLText.escape(title))\">"
                out += "<span>\(attempt.number)</span></div>"
                for mark in attempt.marks {
                    let markTitle = "\(mark.kind) \(mark.detail) at +\(seconds(mark.time - origin))" + (mark.end.map { ", \(seconds($0 - mark.time))" } ?? "")
                    if mark.kind == "pull" {
                        out += "<div class=\"mark pull\" data-mark=\"pull\" style=\"left:\(percent(mark.time))%;width:\(width(mark.time, mark.end ?? end))%\" title=\"\(HTMLText.escape(markTitle))\"></div>"
                    } else {
                        out += "<div class=\"mark\" data-mark=\"\(mark.kind)\" style=\"left:\(percent(mark.time))%\" title=\"\(HTMLText.escape(markTitle))\"></div>"
                    }
                }
            }
            out += "</div><div class=\"state s-\(run.state ?? "RUNNING")\">\(run.state ?? "RUNNING")</div></div>"
        }
        return out + "</div>"
    }

    /// `0.4 s`, `12.3 s`, `2 min 5 s`.
    static func seconds(_ value: Double) -> String {
        if value < 60 { return String(format: "%.1f s", value) }
        let whole = Int(value.rounded())
        return whole < 3600 ? "\(whole / 60) min \(whole % 60) s" : "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
