/// Core task types berth checks but does not run — most act on a Kestra server's repositories
/// or scheduler: running one fails with the reason instead of pretending.
enum ServerOnlyTasks {
    static let reasons: [String: String] = [
        "io.kestra.plugin.core.flow.Template": "runs tasks of a template kept in a Kestra server's template repository; declare the tasks in the flow or start a Subflow",
        "io.kestra.plugin.core.trigger.Toggle": "switches a trigger in a Kestra server's scheduler; berth has no scheduler",
        "io.kestra.plugin.core.execution.PurgeExecutions": "deletes executions, logs and metrics from a Kestra server's repositories; remove old executions with `rm -r .berth/executions/ID`",
        "io.kestra.plugin.core.log.PurgeLogs": "deletes logs from a Kestra server's log repository",
        "io.kestra.plugin.core.execution.Count": "counts executions in a Kestra server's execution repository",
        "io.kestra.plugin.core.log.Fetch": "reads logs from a Kestra server's log repository; berth keeps each execution's log in .berth/executions/ID/log",
        "io.kestra.plugin.core.execution.Resume": "resumes a paused execution held by a Kestra server's executor",
        "io.kestra.plugin.core.storage.LocalFiles": "was replaced by WorkingDirectory's inputFiles and outputFiles, which berth runs; berth does not run the deprecated task",
    ]

    /// Why berth cannot run `type`, or nil when it can.
    static func reason(_ type: String) -> String? {
        reasons[type].map { type.hasPrefix("io.kestra.plugin.core.storage.") ? "berth cannot run \(type): it \($0)" : "\(type) needs a Kestra server: it \($0)" }
    }
}
