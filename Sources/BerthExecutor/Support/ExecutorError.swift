import BerthEngine

/// Failures of the executor (not of a task: a failing task is a state, not an error).
public enum ExecutorError: Error, CustomStringConvertible, Sendable {
    /// The engine could not be reached, refused a request, or spoke nonsense.
    case engine(EngineError)
    /// The plan cannot run as given (missing input, refused operator setting...).
    case plan(String)
    /// A template could not be rendered, or rendered a value of the wrong kind.
    case template(String)
    /// A task cannot go on (a bad file, a value out of range...); the message says why.
    case task(String)
    /// The state directory could not be written: the execution cannot go on safely.
    case journal(String)

    public var description: String {
        switch self {
        case .engine(let error): "\(error)"
        case .plan(let message), .template(let message), .task(let message), .journal(let message): message
        }
    }

    /// Infrastructure failures: the state directory cannot be written, or the engine is gone.
    /// They interrupt the execution (resumable) instead of failing a task.
    var stopsTheExecution: Bool {
        switch self {
        case .journal: true
        case .engine(let error): error.isUnreachable
        default: false
        }
    }

    /// Wraps anything thrown into an executor error (engine errors keep their type).
    static func from(_ error: any Error) -> ExecutorError {
        if let error = error as? ExecutorError { return error }
        if let error = error as? EngineError { return .engine(error) }
        if let error = error as? TarError { return .task(error.message) }
        return .task("\(error)")
    }
}
