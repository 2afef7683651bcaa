import BerthEngine
import Foundation

/// The bytes of a pull summed over its layers, passed to the observer as they grow.
final class PullTotals: @unchecked Sendable {
    private let key: String
    private let image: String
    private let observer: (any ExecutionObserver)?
    private let lock = NSLock()
    private var layers: [String: (current: Int64, total: Int64)] = [:]

    init(key: String, image: String, observer: (any ExecutionObserver)?) {
        self.key = key
        self.image = image
        self.observer = observer
    }

    func add(_ progress: PullProgress) {
        guard let observer, let layer = progress.layer else { return }
        let sums: (Int64, Int64) = lock.withLock {
            var entry = layers[layer] ?? (0, 0)
            if let total = progress.total, total > 0 { entry.total = total }
            if let current = progress.current { entry.current = max(entry.current, current) }
            // A finished layer counts in full, whatever its last progress line said.
            if progress.status.hasPrefix("Pull complete") || progress.status.hasPrefix("Already exists") { entry.current = entry.total }
            layers[layer] = entry
            return layers.values.reduce((Int64(0), Int64(0))) { ($0.0 + $1.current, $0.1 + $1.total) }
        }
        observer.pulling(key: key, image: image, current: sums.0, total: sums.1)
    }
}
