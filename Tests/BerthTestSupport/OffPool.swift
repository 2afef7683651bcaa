import Foundation

/// `body` on a thread of its own: a test waiting for a child process must not hold one of the
/// few threads of Swift's cooperative pool (two on a 2-core machine), or other tests' timers
/// and the in-process executor starve.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
