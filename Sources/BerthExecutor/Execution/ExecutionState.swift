import BerthExpressions
import BerthPlan
import Foundation

/// The shared state of one execution: outputs and states of task runs (inside loops nested
/// by the loop values, outermost first, as Kestra nests them: `outputs.t['a']['x']`), and the
/// summaries of finished task runs.
actor ExecutionState {
    private(set) var outputs = ValueMap()
    private(set) var taskStates = ValueMap()
    private(set) var runs: [TaskRunSummary] = []
    /// The execution's labels: the flow's, then what execution.Labels tasks set.
    private(set) var labels: [String: String]

    init(labels: [String: String] = [:]) {
        self.labels = labels
    }

    /// Adds or replaces labels (execution.Labels).
    func mergeLabels(_ new: [String: String]) {
        labels.merge(new) { $1 }
    }

    /// Records a task run's outputs under its loop values (merged into what is there, as
    /// Kestra merges the outputs of several task runs of one task).
    func setOutputs(_ taskId: String, _ value: Value, loopValues: [String]) {
        outputs[taskId] = Self.insert(value, at: loopValues[...], into: outputs[taskId])
    }

    func setState(_ taskId: String, _ state: TaskState, loopValues: [String]) {
        taskStates[taskId] = Self.insert(.object([("state", .string(state.rawValue))]), at: loopValues[...], into: taskStates[taskId])
    }

    /// The outputs of one task run (nil when it recorded none).
    func outputs(of taskId: String, loopValues: [String]) -> Value? {
        Self.value(at: loopValues, in: outputs[taskId])
    }

    /// What a task keeps for one run, out of its value nested by loop values.
    static func value(at loopValues: [String], in nested: Value?) -> Value? {
        var current = nested
        for key in loopValues {
            guard case .map(let map)? = current else { return nil }
            current = map[key]
        }
        return current
    }

    func record(_ run: TaskRunSummary) { runs.append(run) }

    private static func insert(_ value: Value, at path: ArraySlice<String>, into existing: Value?) -> Value {
        guard let key = path.first else {
            if case .map(let old)? = existing, case .map(let new) = value {
                var merged = old
                for (k, v) in new.pairs { merged[k] = v }
                return .map(merged)
            }
            return value
        }
        var map: ValueMap
        if case .map(let old)? = existing { map = old } else { map = ValueMap() }
        map[key] = insert(value, at: path.dropFirst(), into: map[key])
        return .map(map)
    }
}
