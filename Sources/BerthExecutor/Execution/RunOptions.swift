import Foundation

/// How to run a plan.
public struct RunOptions: Sendable {
    /// Where executions keep journals, working directories and stored files (`.berth/` by default).
    public var stateDirectory: URL
    /// Input values as given (`--input key=value`), typed against the declarations.
    public var inputs: [String: String]
    /// Operator permissions a flow cannot grant itself.
    public var allowHostVolumes: Bool
    public var allowPrivileged: Bool
    /// The environment secrets (`SECRET_*`), `envs` (`ENV_*`) and Process tasks come from.
    public var environment: [String: String]
    /// Where namespace files live: `<directory>/<namespace>/<path>` (default
    /// `<state>/namespace-files`).
    public var namespaceFilesDirectory: URL
    /// Relative FILE input paths are read from here.
    public var workingDirectory: String
    /// Told of every transition while the execution runs (the live board); nil for none.
    public var observer: (any ExecutionObserver)?
    /// The flows Subflow tasks start (nil: a Subflow fails saying so).
    public var flows: (any FlowCatalog)?
    /// How many subflow executions this one is nested in (0 for the one berth was asked to run).
    public var subflowDepth = 0

    public init(stateDirectory: URL, inputs: [String: String] = [:], allowHostVolumes: Bool = false, allowPrivileged: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment, namespaceFilesDirectory: URL? = nil,
                workingDirectory: String = FileManager.default.currentDirectoryPath, observer: (any ExecutionObserver)? = nil,
                flows: (any FlowCatalog)? = nil) {
        self.stateDirectory = stateDirectory.standardizedFileURL
        self.inputs = inputs
        self.allowHostVolumes = allowHostVolumes
        self.allowPrivileged = allowPrivileged
        self.environment = environment
        self.namespaceFilesDirectory = (namespaceFilesDirectory ?? stateDirectory.appendingPathComponent("namespace-files")).standardizedFileURL
        self.workingDirectory = workingDirectory
        self.observer = observer
        self.flows = flows
    }
}
