import Foundation

/// The task run a template is rendered for (`taskrun.*`).
struct TaskRunContext: Sendable {
    var id: String
    /// Attempts before this one (0 on the first).
    var attemptsCount: Int
    var startDate: Date
}
