import Foundation

/// Where berth keeps what an execution leaves behind, for the tools that show it.
public enum StoredFiles {
    /// `<state>/executions/<id>`: the journal, the plan and the log lines.
    public static func executionDirectory(_ id: String, stateDirectory: URL) -> URL {
        stateDirectory.appendingPathComponent("executions/\(id)")
    }

    /// `<state>/storage/<namespace as path>/<flow slug>/executions/<id>`: the execution's stored files.
    public static func executionStorage(namespace: String, flow: String, execution: String, stateDirectory: URL) -> URL {
        let storage = Storage(stateDirectory: stateDirectory)
        return storage.file(forPath: Storage.executionPath(namespace: namespace, flow: flow, execution: execution))
    }

    /// The local file a `kestra://` URI names under `stateDirectory`; nil for any other text.
    public static func localFile(_ uri: String, stateDirectory: URL) -> URL? {
        Storage(stateDirectory: stateDirectory).file(for: uri)
    }
}
