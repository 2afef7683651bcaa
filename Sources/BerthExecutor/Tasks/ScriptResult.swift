import BerthExpressions

/// The result of running one attempt of a script task.
struct ScriptResult: Sendable {
    var state: TaskState
    var exitCode: Int?
    var message: String?
    var vars: ValueMap
    var metrics: [MetricEntry] = []
    var containerId: String?
}
