import Foundation

/// A value delivered once, from any thread, to any number of async waiters.
final class OneShot<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private var waiters: [CheckedContinuation<Value, Never>] = []

    /// Delivers `value`; later calls are ignored.
    func fulfill(_ value: Value) {
        let woken: [CheckedContinuation<Value, Never>] = lock.withLock {
            guard self.value == nil else { return [] }
            self.value = value
            defer { waiters = [] }
            return waiters
        }
        for waiter in woken { waiter.resume(returning: value) }
    }

    /// Whether a value was delivered.
    var isFulfilled: Bool { lock.withLock { value != nil } }

    /// The value, once delivered.
    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = lock.withLock {
                if let value { return value }
                waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
