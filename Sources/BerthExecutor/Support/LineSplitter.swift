/// Cuts one output stream into lines (`\n`, `\r\n` or `\r`); the unterminated tail is kept until
/// more bytes come or the stream ends (then `flush` returns it, so no line is lost). Bytes are
/// decoded per line, so a character split across chunks stays whole.
struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    private var lastWasCR = false
    /// Whether empty lines are dropped (Kestra's Docker runner) or kept (its Process runner).
    let dropBlank: Bool

    init(dropBlank: Bool = false) {
        self.dropBlank = dropBlank
    }

    mutating func feed(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A, pending.isEmpty, lastWasCR { lastWasCR = false; continue }
                if !(dropBlank && pending.isEmpty) { lines.append(String(decoding: pending, as: UTF8.self)) }
                pending.removeAll(keepingCapacity: true)
                lastWasCR = byte == 0x0D
            } else {
                lastWasCR = false
                pending.append(byte)
            }
        }
        return lines
    }

    mutating func flush() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
