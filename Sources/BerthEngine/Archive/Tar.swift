import Foundation

/// A tar archive that cannot be read safely (an escaping path, a truncated entry, too much data).
public struct TarError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}

/// Tar archives for `PUT/GET /containers/{id}/archive`: writing the working directory (modes
/// kept) and reading it back safely — no absolute paths, no `..`, no symlink leading outside,
/// bounded size.
public enum Tar {
    public struct Entry: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case file, directory, symlink(String) }
        public var path: String
        public var kind: Kind
        /// Permission bits (`0o755`).
        public var mode: Int
        public var data: [UInt8]
        public var uid = 0
        public var gid = 0

        public init(path: String, kind: Kind, mode: Int, data: [UInt8], uid: Int = 0, gid: Int = 0) {
            self.path = path
            self.kind = kind
            self.mode = mode
            self.data = data
            self.uid = uid
            self.gid = gid
        }
    }

    // MARK: writing

    /// A ustar archive of `entries` (PAX headers for paths longer than 99 bytes).
    public static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            var path = entry.path
            if case .directory = entry.kind, !path.hasSuffix("/") { path += "/" }
            if path.utf8.count > 99 {
                let record = paxRecord("path", path)
                out += header(name: "././@PaxHeader", size: record.count, mode: 0o644, type: UInt8(ascii: "x"), link: "", uid: 0, gid: 0)
                out += padded(record)
            }
            let (type, link, data): (UInt8, String, [UInt8]) = switch entry.kind {
            case .file: (UInt8(ascii: "0"), "", entry.data)
            case .directory: (UInt8(ascii: "5"), "", [])
            case .symlink(let target): (UInt8(ascii: "2"), target, [])
            }
            out += header(name: String(decoding: Array(path.utf8.prefix(99)), as: UTF8.self),
                          size: data.count, mode: entry.mode, type: type, link: link, uid: entry.uid, gid: entry.gid)
            out += padded(data)
        }
        out += [UInt8](repeating: 0, count: 1024)
        return out
    }

    private static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).utf8.count + body.utf8.count != length { length = String(length).utf8.count + body.utf8.count }
        return Array("\(length)\(body)".utf8)
    }

    private static func padded(_ data: [UInt8]) -> [UInt8] {
        let remainder = data.count % 512
        return remainder == 0 ? data : data + [UInt8](repeating: 0, count: 512 - remainder)
    }

    private static func header(name: String, size: Int, mode: Int, type: UInt8, link: String, uid: Int, gid: Int) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (i, b) in text.utf8.prefix(length).enumerated() { h[offset + i] = b }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            put(String(String(value, radix: 8).suffix(length - 1)).leftPad(length - 1), at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(mode, at: 100, length: 8)
        octal(uid, at: 108, length: 8)
        octal(gid, at: 116, length: 8)
        octal(size, at: 124, length: 12)
        octal(0, at: 136, length: 12)
        h[156] = type
        put(link, at: 157, length: 100)
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        for i in 148..<156 { h[i] = 0x20 }
        let checksum = h.reduce(0) { $0 + Int($1) }
        put(String(String(checksum, radix: 8)).leftPad(6), at: 148, length: 6)
        h[154] = 0
        h[155] = 0x20
        return h
    }

    // MARK: reading

    public struct Limits: Sendable {
        public var maxTotalBytes = 1 << 30
        public var maxEntries = 100_000

        public init(maxTotalBytes: Int = 1 << 30, maxEntries: Int = 100_000) {
            self.maxTotalBytes = maxTotalBytes
            self.maxEntries = maxEntries
        }
    }

    /// Entries of an archive, each path checked: relative, no `..` (symlink targets are not
    /// checked here: see ``linkEscapes(path:target:)``).
    /// `stripFirst` removes the leading directory (Docker prefixes the copied folder's name).
    public static func read(_ bytes: [UInt8], stripFirst: Bool, limits: Limits = Limits()) throws(TarError) -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        var total = 0
        var paxPath: String?
        var longName: String?
        while offset + 512 <= bytes.count {
            let h = Array(bytes[offset..<offset + 512])
            if h.allSatisfy({ $0 == 0 }) { break }
            let size = parseOctal(h[124..<136])
            let type = h[156]
            let dataStart = offset + 512
            guard size >= 0, dataStart + size <= bytes.count else { throw TarError("the archive from the engine is truncated") }
            let data = Array(bytes[dataStart..<dataStart + size])
            offset = dataStart + (size + 511) / 512 * 512
            total += size
            guard total <= limits.maxTotalBytes else { throw TarError("output files exceed \(limits.maxTotalBytes) bytes; refusing to extract more") }
            switch type {
            case UInt8(ascii: "x"):
                paxPath = parsePax(data)["path"]
                continue
            case UInt8(ascii: "g"):
                continue
            case UInt8(ascii: "L"):
                longName = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
                continue
            default:
                break
            }
            var name = paxPath ?? longName ?? cString(h[0..<100])
            let prefix = cString(h[345..<500])
            if paxPath == nil && longName == nil && !prefix.isEmpty { name = prefix + "/" + name }
            paxPath = nil
            longName = nil
            guard let path = try safePath(name, stripFirst: stripFirst) else { continue }
            let mode = parseOctal(h[100..<108])
            let kind: Entry.Kind
            switch type {
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "2"):
                // Returned as they are: the extractor decides what to do with a link leading outside.
                kind = .symlink(cString(h[157..<257]))
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): kind = .file
            case UInt8(ascii: "1"):
                throw TarError("refusing hard link \"\(path)\" in the output archive")
            default:
                continue
            }
            entries.append(Entry(path: path, kind: kind, mode: mode, data: data))
            guard entries.count <= limits.maxEntries else { throw TarError("output archive has more than \(limits.maxEntries) entries") }
        }
        return entries
    }

    /// The normalised relative path, nil for the root itself; throws for escaping paths.
    public static func safePath(_ raw: String, stripFirst: Bool) throws(TarError) -> String? {
        if raw.hasPrefix("/") { throw TarError("refusing absolute path \"\(raw)\" in the archive") }
        var parts = raw.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        if parts.contains("..") { throw TarError("refusing path \"\(raw)\" with \"..\" in the archive") }
        if stripFirst && !parts.isEmpty { parts.removeFirst() }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Whether a symlink at `path` to `target` resolves outside the extracted tree.
    public static func linkEscapes(path: String, target: String) -> Bool {
        if target.hasPrefix("/") { return true }
        var depth = path.split(separator: "/").count - 1
        for part in target.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { return true }
        }
        return false
    }

    private static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func parseOctal(_ bytes: ArraySlice<UInt8>) -> Int {
        var value = 0
        for b in bytes {
            if b >= 0x30 && b <= 0x37 { value = value * 8 + Int(b - 0x30) } else if b == 0 || b == 0x20 { if value > 0 { break } } else { return -1 }
        }
        return value
    }

    private static func parsePax(_ data: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let record = line[line.index(after: space)...]
            guard let eq = record.firstIndex(of: "=") else { continue }
            result[String(record[..<eq])] = String(record[record.index(after: eq)...])
        }
        return result
    }
}

extension String {
    fileprivate func leftPad(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
