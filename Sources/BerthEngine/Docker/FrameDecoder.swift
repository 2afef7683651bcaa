/// Decodes Docker's multiplexed stream (attach/logs without a TTY): 8-byte headers
/// `[stream, 0, 0, 0, size(u32 big-endian)]` then `size` bytes. Frames do not align with lines.
public struct FrameDecoder: Sendable {
    public init() {}

    static let maxFrame = 64 << 20
    private var buffer: [UInt8] = []
    private var start = 0

    /// Frames completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(EngineError) -> [OutputChunk] {
        buffer.append(contentsOf: bytes)
        var frames: [OutputChunk] = []
        while buffer.count - start >= 8 {
            // Stream 0 (stdin) is echoed input; it is shown as stdout.
            let id = buffer[start]
            guard let stream = id == 0 ? .stdout : OutputStreamKind(rawValue: id) else {
                throw EngineError.malformedAnswer(operation: "read the container output", detail: "unknown stream id \(id)")
            }
            let size = Int(buffer[start + 4]) << 24 | Int(buffer[start + 5]) << 16 | Int(buffer[start + 6]) << 8 | Int(buffer[start + 7])
            // A frame is one write of the container (at most a pipe buffer or so); a size this
            // large is a broken stream, not output to buffer.
            guard size <= Self.maxFrame else {
                throw EngineError.malformedAnswer(operation: "read the container output", detail: "a frame of \(size) bytes")
            }
            guard buffer.count - start >= 8 + size else { break }
            frames.append(OutputChunk(stream, Array(buffer[(start + 8)..<(start + 8 + size)])))
            start += 8 + size
        }
        if start > 65_536 {
            buffer.removeFirst(start)
            start = 0
        }
        return frames
    }
}

