/// Failures of the executor (not of a task: a failing task is a state, not an error).
public enum ExecutorError: Error, CustomStringConvertible, Sendable {
    /// The engine answered with an error status and its message.
    case api(status: Int, message: String, call: String)
    /// The engine could not be reached or spoke nonsense.
    case engine(String)
    /// The plan cannot run as given (missing input, refused operator setting...).
    case plan(String)
    /// A template could not be rendered.
    case template(String)

    public var description: String {
        switch self {
        case .api(let status, let message, let call): "\(call): the Docker engine answered \(status): \(message)"
        case .engine(let message), .plan(let message), .template(let message): message
        }
    }
}
