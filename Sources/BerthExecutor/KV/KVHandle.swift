import Foundation

/// The KV store of a state directory, opened on first use so that flows without KV tasks
/// leave no database behind.
final class KVHandle: @unchecked Sendable {
    private let stateDirectory: URL
    private let lock = NSLock()
    private var store: KVStore?

    init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    /// The open store.
    func open() throws(ExecutorError) -> KVStore {
        lock.lock()
        defer { lock.unlock() }
        if let store { return store }
        let opened = try KVStore(stateDirectory: stateDirectory)
        store = opened
        return opened
    }
}
