import Foundation

/// Draws ``BoardState`` as terminal lines: a tree of tasks with a state glyph, elapsed
/// time, the attempt, the container's short id or a pull with bytes and a bar, then a footer
/// with counts and the total time. Every line fits in `columns` (a wrapped line would break
/// the redraw); a tree taller than `maxLines` keeps running and failed tasks first.
struct BoardRenderer {
    var columns: Int
    var maxLines: Int
    var colour: Bool

    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    func lines(_ state: BoardState, now: Double, frame: Int) -> [String] {
        var rows: [(text: String, priority: Int)] = []
        var done = 0, running = 0, failed = 0
        for row in state.rows {
            let id = row.node.id
            let runs = state.runs[id].map { Array($0.values) } ?? []
            let isRunning = state.isRunning(id)
            let finished = runs.filter { $0.state != nil }
            let worst = finished.compactMap(\.state).max { rank($0) < rank($1) }
            let glyph: String
            var priority = 1
            if isRunning {
                glyph = paint(Self.spinner[frame % Self.spinner.count], "36")
                priority = 3
                if row.node.isRunnable { running += 1 }
            } else if let worst {
                glyph = paint(Self.glyph(worst), Self.colourCode(worst))
                if row.node.isRunnable { done += 1 }
                if worst == "FAILED" || worst == "KILLED" { failed += row.node.isRunnable ? 1 : 0; priority = 2 }
            } else {
                glyph = paint("·", "90")
                priority = 0
            }
            var text = String(repeating: "  ", count: row.depth) + glyph + " " + id
            var details: [String] = []
            if let elapsed = elapsed(runs, now: now) {
                details.append(Self.duration(elapsed))
            } else if isRunning, let first = state.firstStart(id) {
                // A flowable has no run of its own until it ends: it began with its first task.
                details.append(Self.duration(now - first))
            }
            if runs.count > 1 { details.append("×\(runs.count)") }
            if let current = runs.first(where: { $0.state == nil }) ?? runs.max(by: { $0.start < $1.start }) {
                if current.attempt > 1 || (row.maxAttempts ?? 1) > 1 && isRunning {
                    details.append("attempt \(current.attempt)" + (row.maxAttempts.map { "/\($0)" } ?? ""))
                }
                if let pull = current.pull, current.state == nil {
                    details.append("pulling \(pull.image) " + Self.bytes(pull.current) + (pull.total > 0 ? "/" + Self.bytes(pull.total) + " " + Self.bar(pull.current, pull.total) : ""))
                } else if let container = current.containerId {
                    details.append(container)
                }
            }
            if let worst, !isRunning, worst != "SUCCESS" { details.append(worst) }
            if !details.isEmpty { text += "  " + paint(details.joined(separator: "  "), "90") }
            rows.append((text, priority))
        }
        let total = state.rows.filter { $0.node.isRunnable }.count
        let footer = paint("berth", "1") + " \(state.flow) · \(done)/\(total) done · \(running) running"
            + (failed > 0 ? " · " + paint("\(failed) failed", "31") : "") + " · " + Self.duration(now - state.started)
        var shown = rows
        if rows.count > maxLines - 1 {
            // Keep what matters now: running, then failed, then the rest in flow order.
            let keep = max(maxLines - 2, 1)
            let chosen = Set(rows.indices.sorted { (rows[$0].priority, -$0) > (rows[$1].priority, -$1) }.prefix(keep))
            shown = rows.indices.filter(chosen.contains).map { rows[$0] }
            shown.append((paint("  … \(rows.count - shown.count) more tasks", "90"), 0))
        }
        return (shown.map(\.text) + [footer]).map(fit)
    }

    private func elapsed(_ runs: [BoardState.Run], now: Double) -> Double? {
        guard let first = runs.map(\.start).min() else { return nil }
        let open = runs.contains { $0.state == nil }
        let last = runs.compactMap(\.end).max()
        return (open ? now : last ?? now) - first
    }

    private func rank(_ state: String) -> Int {
        ["SKIPPED": 0, "SUCCESS": 1, "WARNING": 2, "FAILED": 3, "KILLED": 4][state] ?? 1
    }

    static func glyph(_ state: String) -> String {
        ["SUCCESS": "✓", "WARNING": "!", "FAILED": "✗", "KILLED": "⊘", "SKIPPED": "↷"][state] ?? "?"
    }

    static func colourCode(_ state: String) -> String {
        ["SUCCESS": "32", "WARNING": "33", "FAILED": "31", "KILLED": "35", "SKIPPED": "90"][state] ?? "0"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Cuts a line to `columns - 1` visible characters (escape sequences do not count).
    private func fit(_ line: String) -> String {
        var out = "", visible = 0, inEscape = false
        for c in line {
            if inEscape {
                out.append(c)
                if c.isLetter { inEscape = false }
                continue
            }
            if c == "\u{1B}" { inEscape = true; out.append(c); continue }
            if visible >= columns - 1 { return out + (colour ? "\u{1B}[0m" : "") }
            out.append(c)
            visible += 1
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let s = max(seconds, 0)
        if s < 60 { return String(format: "%.1fs", s) }
        let whole = Int(s)
        return "\(whole / 60)m\(String(format: "%02d", whole % 60))s"
    }

    static func bytes(_ n: Int64) -> String {
        let value = Double(n)
        if value < 1024 { return "\(n) B" }
        if value < 1024 * 1024 { return String(format: "%.1f KiB", value / 1024) }
        if value < 1024 * 1024 * 1024 { return String(format: "%.1f MiB", value / 1024 / 1024) }
        return String(format: "%.2f GiB", value / 1024 / 1024 / 1024)
    }

    /// `[██████····]`, ten cells.
    static func bar(_ current: Int64, _ total: Int64) -> String {
        let filled = total > 0 ? Int((Double(min(current, total)) / Double(total) * 10).rounded(.down)) : 0
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: 10 - filled) + "]"
    }
}
