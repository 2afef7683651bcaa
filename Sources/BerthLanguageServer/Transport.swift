import Foundation

/// JSON-RPC over stdio with `Content-Length` framing. Reading happens on its own thread so a
/// slow check never blocks the next message.
final class Transport: @unchecked Sendable {
    private let input: FileHandle
    private let output: FileHandle
    private let writeLock = NSLock()

    init(input: FileHandle, output: FileHandle) {
        self.input = input
        self.output = output
    }

    /// Reads messages until EOF, calling `handle` with each body (or nil for a malformed frame).
    func readLoop(_ handle: @escaping (Data?) -> Void) {
        var buffer = Data()
        while true {
            let chunk = input.availableData
            if chunk.isEmpty { return }
            buffer.append(chunk)
            while let body = Self.nextFrame(&buffer) { handle(body) }
        }
    }

    /// Extracts one framed body; `Data()` marks a frame with a bad header (answered as a parse error).
    static func nextFrame(_ buffer: inout Data) -> Data? {
        guard let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) else {
            if buffer.count > 1 << 20 { buffer.removeAll() }  // garbage without a header end
            return nil
        }
        let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length, length >= 0, length < 64 << 20 else {
            buffer.removeSubrange(buffer.startIndex..<headerEnd.upperBound)
            return Data()
        }
        guard buffer.count - (headerEnd.upperBound - buffer.startIndex) >= length else { return nil }
        let bodyStart = headerEnd.upperBound
        let body = buffer[bodyStart..<bodyStart + length]
        buffer.removeSubrange(buffer.startIndex..<bodyStart + length)
        return Data(body)
    }

    func send(_ message: [String: Any]) {
        guard let body = MessageWriter.data(message) else { return }
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        // An editor that went away closed the pipe: there is no one to tell, and the read loop
        // ends at its EOF (`write(_:)` would trap on the broken pipe).
        writeLock.withLock { try? output.write(contentsOf: frame) }
    }
}
