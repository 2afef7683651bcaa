import BerthExecutor
import BerthPlan
import Foundation

/// Journal records → task runs with their attempts and engine marks.
struct RunAssembly {
    private(set) var runs: [ExecutionRecord.TaskRun] = []
    private var index: [String: Int] = [:]

    init(plan: Plan, records: [JournalRecord], openEnd: Double) {
        for record in records {
            guard let key = record.key else { continue }
            apply(record, key: key)
        }
        closeOpenAttempts(at: openEnd)
        startFlowables(plan)
        // Tree order, as Kestra's Gantt lists task runs: a flowable above what runs inside it,
        // the runs of one task (loop iterations) by their start.
        var position: [String: Int] = [:]
        var depth: [String: Int] = [:]
        for (node, level) in plan.treeOrder {
            position[node.id] = position[node.id] ?? position.count
            depth[node.id] = level
        }
        for i in runs.indices { runs[i].depth = depth[runs[i].taskId] ?? 0 }
        runs = runs.enumerated().sorted {
            (position[$0.element.taskId] ?? .max, $0.element.start ?? .infinity, $0.offset) < (position[$1.element.taskId] ?? .max, $1.element.start ?? .infinity, $1.offset)
        }.map(\.element)
    }

    private mutating func run(_ key: String) -> Int {
        if let i = index[key] { return i }
        let (taskId, values) = Self.split(key)
        runs.append(ExecutionRecord.TaskRun(key: key, taskId: taskId, loopValues: values, depth: 0, state: nil, start: nil, end: nil, attempts: [],
                                            outputs: nil, message: nil))
        index[key] = runs.count - 1
        return runs.count - 1
    }

    private mutating func apply(_ record: JournalRecord, key: String) {
        let i = run(key)
        let number = record.attempt ?? 1
        switch record.kind {
        case .taskStarted:
            // A resume may start the same attempt again: the first start stands.
            if !runs[i].attempts.contains(where: { $0.number == number }) {
                runs[i].attempts.append(ExecutionRecord.Attempt(number: number, state: nil, start: record.time, end: nil, exitCode: nil,
                                                                containerId: nil, message: nil, marks: []))
            }
            if runs[i].start == nil { runs[i].start = record.time }
        case .pullStarted:
            mark(i, number, ExecutionRecord.Mark(kind: "pull", time: record.time, end: nil, detail: record.message ?? ""))
        case .pullFinished:
            if let a = attemptIndex(i, number), let m = runs[i].attempts[a].marks.lastIndex(where: { $0.kind == "pull" && $0.end == nil }) {
                runs[i].attempts[a].marks[m].end = record.time
            }
        case .containerCreated:
            mark(i, number, ExecutionRecord.Mark(kind: "create", time: record.time, end: nil, detail: String((record.containerId ?? "").prefix(12))))
            if let a = attemptIndex(i, number) { runs[i].attempts[a].containerId = record.containerId }
        case .containerStarted:
            mark(i, number, ExecutionRecord.Mark(kind: "start", time: record.time, end: nil, detail: String((record.containerId ?? "").prefix(12))))
        case .containerExited:
            mark(i, number, ExecutionRecord.Mark(kind: "exit", time: record.time, end: nil, detail: "exit \(record.exitCode.map(String.init) ?? "?")"))
        case .attemptFinished:
            if let a = attemptIndex(i, number) {
                runs[i].attempts[a].state = record.state
                runs[i].attempts[a].end = record.time
                runs[i].attempts[a].exitCode = record.exitCode
                runs[i].attempts[a].message = record.message
                runs[i].attempts[a].containerId = record.containerId ?? runs[i].attempts[a].containerId
            }
        case .taskFinished:
            runs[i].state = record.state
            runs[i].end = record.time
            runs[i].outputs = record.outputs
            runs[i].message = record.message
            // A flowable or a skipped task has no start record: its summary's duration says
            // when it began (a skipped one began as it ended).
            if runs[i].start == nil { runs[i].start = record.time - (record.attempts?.first?.durationSeconds ?? 0) }
        default:
            break
        }
    }

    private func attemptIndex(_ run: Int, _ number: Int) -> Int? {
        runs[run].attempts.lastIndex { $0.number == number }
    }

    private mutating func mark(_ run: Int, _ number: Int, _ mark: ExecutionRecord.Mark) {
        guard let a = attemptIndex(run, number) else { return }
        runs[run].attempts[a].marks.append(mark)
    }

    /// Attempts still running (or cut by a crash) end at `time` for drawing; their state stays nil.
    private mutating func closeOpenAttempts(at time: Double) {
        for i in runs.indices {
            for a in runs[i].attempts.indices where runs[i].attempts[a].end == nil { runs[i].attempts[a].end = max(time, runs[i].attempts[a].start) }
        }
    }

    /// A flowable has no start record: it started when the first run inside it did.
    private mutating func startFlowables(_ plan: Plan) {
        for node in plan.allNodes where !node.children.isEmpty {
            let inside = Set(node.descendants.map(\.id))
            for i in runs.indices where runs[i].taskId == node.id {
                let prefix = runs[i].loopValues
                let first = runs.filter { inside.contains($0.taskId) && Array($0.loopValues.prefix(prefix.count)) == prefix }.compactMap(\.start).min()
                if let first, first < (runs[i].start ?? .infinity) { runs[i].start = first }
            }
        }
    }

    /// `id@["a","b"]` → (`id`, [`a`, `b`]).
    static func split(_ key: String) -> (String, [String]) {
        guard let at = key.firstIndex(of: "@") else { return (key, []) }
        let values = (try? JSONDecoder().decode([String].self, from: Data(key[key.index(after: at)...].utf8))) ?? []
        return (String(key[..<at]), values)
    }
}
