/// Which stream a chunk of container output came from.
public enum OutputStreamKind: UInt8, Sendable {
    case stdout = 1, stderr = 2
    /// A message of the engine itself inside the stream.
    case system = 3
}

/// A chunk of container output; chunks do not align with lines.
public struct OutputChunk: Sendable, Equatable {
    public var stream: OutputStreamKind
    public var bytes: [UInt8]

    public init(_ stream: OutputStreamKind, _ bytes: [UInt8]) {
        self.stream = stream
        self.bytes = bytes
    }
}

/// A container's output as it arrives, until the container ends (or the stream breaks: the
/// sequence then throws an ``EngineError``).
public struct ContainerOutput: AsyncSequence, Sendable {
    public typealias Element = OutputChunk
    let stream: AsyncThrowingStream<OutputChunk, any Error>

    public init(_ stream: AsyncThrowingStream<OutputChunk, any Error>) {
        self.stream = stream
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<OutputChunk, any Error>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}
