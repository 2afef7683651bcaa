import Foundation

/// A core task's view of the storage: read a `kestra://` file, write one under the task run's
/// own path with a random name, as Kestra's putFile does with a temp file.
struct TaskStorage {
    let storage: Storage
    /// The task run's storage path (`/ns/flow/executions/ID/tasks/TASK/RUN`).
    let path: String

    /// The local file of a URI, or an error naming it.
    func local(_ uri: String) throws(ExecutorError) -> URL {
        guard let file = storage.file(for: uri) else {
            throw ExecutorError.task(uri.contains("://") ? "Invalid internal storage scheme, got uri '\(uri)'" : "Invalid internal storage uri, got uri '\(uri)'")
        }
        return file
    }

    func read(_ uri: String) throws(ExecutorError) -> Data {
        let file = try local(uri)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw ExecutorError.task("No such file: \(uri)") }
        return data
    }

    /// Stores `data` as a new file ending with `extension` (".txt"); returns its URI.
    func write(_ data: Data, extension ext: String) throws(ExecutorError) -> String {
        try write(data, at: WorkingFiles.tempName() + ext)
    }

    /// Stores `data` at `name` (a relative path) under the task run's path; returns its URI.
    func write(_ data: Data, at name: String) throws(ExecutorError) -> String {
        let target = storage.file(forPath: path).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target, options: .atomic)
        } catch {
            throw ExecutorError.journal("cannot write \(target.path): \(error.localizedDescription)")
        }
        return Storage.scheme + path + "/" + name
    }

    /// The extension of a URI's file name with its dot, nil when there is none.
    static func extensionOf(_ uri: String) -> String? {
        let name = uri.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return String(name[dot...])
    }
}
