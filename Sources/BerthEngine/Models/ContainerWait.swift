/// A registered wait; `result()` returns once the container has exited.
public struct ContainerWait: Sendable {
    private let body: @Sendable () async throws -> Int

    public init(_ body: @escaping @Sendable () async throws -> Int) {
        self.body = body
    }

    /// The exit code (an ``EngineError`` when the engine went away meanwhile).
    public func exitCode() async throws -> Int { try await body() }
}
