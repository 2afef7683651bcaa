/// Decodes Docker's multiplexed stream (attach/logs without a TTY): 8-byte headers
/// `[stream, 0, 0, 0, size(u32 big-endian)]` then `size` bytes. Frames do not align with lines.
struct FrameDecoder {
    enum Stream: UInt8 { case stdin = 0, stdout = 1, stderr = 2, system = 3 }

    private var buffer: [UInt8] = []
    private var start = 0

    /// Frames completed by `bytes`.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws(ExecutorError) -> [(Stream, [UInt8])] {
        buffer.append(contentsOf: bytes)
        var frames: [(Stream, [UInt8])] = []
        while buffer.count - start >= 8 {
            guard let stream = Stream(rawValue: buffer[start]) else {
                throw ExecutorError.engine("malformed log stream: unknown stream id \(buffer[start])")
            }
            let size = Int(buffer[start + 4]) << 24 | Int(buffer[start + 5]) << 16 | Int(buffer[start + 6]) << 8 | Int(buffer[start + 7])
            guard buffer.count - start >= 8 + size else { break }
            frames.append((stream == .stdin ? .stdout : stream, Array(buffer[(start + 8)..<(start + 8 + size)])))
            start += 8 + size
        }
        if start > 65_536 {
            buffer.removeFirst(start)
            start = 0
        }
        return frames
    }
}

/// Cuts one output stream into lines (`\n`, `\r\n` or `\r`); the unterminated tail is kept until
/// more bytes come or the stream ends (then `flush` returns it, so no line is lost).
struct LineSplitter {
    private var pending: [UInt8] = []

    mutating func feed(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A, pending.isEmpty, lastWasCR { lastWasCR = false; continue }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                lastWasCR = byte == 0x0D
            } else {
                lastWasCR = false
                pending.append(byte)
            }
        }
        return lines
    }

    private var lastWasCR = false

    mutating func flush() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
