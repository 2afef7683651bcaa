import BerthDiagnostics

/// Finds bytes no YAML reader should see — invalid UTF-8, NUL, a byte-order mark after the
/// start — reports each, and neutralises them (one space per byte) so offsets and lines stay
/// exact and the rest of the file is still read.
struct ByteValidator {
    struct Finding {
        var code: DiagnosticCode
        var message: String
        var offsets: Range<Int>
        var help: String
    }

    /// At most this many findings of one kind are reported per file; the rest are counted.
    static let reportLimit = 20

    /// True when every byte is ASCII and none is NUL: nothing to report, nothing to
    /// neutralise, and every character index is a byte offset. Branch-free per 256-byte block
    /// (an OR and a minimum, which the compiler vectorises).
    static func isCleanASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + 256, buffer.count)
                var any: UInt8 = 0, least: UInt8 = 0xFF
                for i in start..<end {
                    any |= buffer[i]
                    least = min(least, buffer[i])
                }
                if any >= 0x80 || least == 0 { return false }
                start = end
            }
            return true
        }
    }

    static func scan(_ bytes: [UInt8]) -> (sanitized: [UInt8]?, findings: [Finding]) {
        var findings: [Finding] = []
        var copy: [UInt8]? = nil
        var index = 0
        let count = bytes.count
        func neutralise(_ range: Range<Int>) {
            if copy == nil { copy = bytes }
            for i in range { copy![i] = 0x20 }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    findings.append(Finding(code: "nul-byte", message: "NUL byte in the file", offsets: index..<index + 1,
                                            help: "YAML text cannot contain NUL; is this a binary file or UTF-16 text?"))
                    neutralise(index..<index + 1)
                }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                findings.append(Finding(code: "invalid-utf8",
                                        message: "invalid UTF-8 byte 0x\(hex(byte))",
                                        offsets: index..<index + 1,
                                        help: "save the file as UTF-8"))
                neutralise(index..<index + 1)
                index += 1
                continue
            }
            if length == 3 && byte == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF && index != 0 {
                findings.append(Finding(code: "misplaced-bom", message: "byte-order mark (U+FEFF) in the middle of the file",
                                        offsets: index..<index + 3,
                                        help: "a byte-order mark may only start the file; delete this invisible character"))
                neutralise(index..<index + 3)
            }
            index += length
        }
        return (copy, limit(findings))
    }

    /// Keeps the first `reportLimit` findings of each code.
    private static func limit(_ findings: [Finding]) -> [Finding] {
        var perCode: [DiagnosticCode: Int] = [:]
        var kept: [Finding] = []
        for finding in findings {
            perCode[finding.code, default: 0] += 1
            if perCode[finding.code]! <= reportLimit { kept.append(finding) }
        }
        for (code, total) in perCode.sorted(by: { $0.key < $1.key }) where total > reportLimit {
            if let lastIndex = kept.lastIndex(where: { $0.code == code }) {
                kept[lastIndex].help += " (\(total - reportLimit) more like this not shown)"
            }
        }
        return kept
    }

    /// Length of a valid UTF-8 sequence starting at `index`, or 0 when invalid
    /// (overlong forms, surrogates and values above U+10FFFF are invalid).
    private static func sequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let count = b.count
        let lead = b[i]
        func cont(_ k: Int) -> Bool { i + k < count && b[i + k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1) && b[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1) && b[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1) && b[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1) && b[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
