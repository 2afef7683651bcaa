
/// What one attempt (or one run of a flowable) ended with.
struct AttemptResult: Sendable {
    var state: TaskState
    var message: String?
    var exitCode: Int? = nil
    var containerId: String? = nil
    var metrics: [MetricEntry] = []
}
