import Foundation

/// A task's local working directory: input files written first, output files matched by glob
/// and kept in the execution's storage so later tasks can take them as input files.
struct WorkingFiles: Sendable {
    let directory: URL
    let storage: URL

    static func glob(_ pattern: String) -> NSRegularExpression? {
        var regex = "^"
        var chars = Array(pattern)
        if chars.first == "/" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "*" {
                if i + 1 < chars.count && chars[i + 1] == "*" {
                    regex += ".*"
                    i += 2
                    if i < chars.count && chars[i] == "/" { i += 1; regex += "(?:/)?" }
                    continue
                }
                regex += "[^/]*"
            } else if c == "?" {
                regex += "[^/]"
            } else if ".+()^$|{}[]\\".contains(c) {
                regex += "\\\(c)"
            } else {
                regex.append(c)
            }
            i += 1
        }
        return try? NSRegularExpression(pattern: regex + "$")
    }

    /// Writes input files (content, or a copy of a stored output file given by its path).
    func writeInputs(_ files: [String: String]) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, content) in files.sorted(by: { $0.key < $1.key }) {
            guard let relative = try Tar.safePath(name, stripFirst: false) else { continue }
            let target = directory.appendingPathComponent(relative)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if content.hasPrefix(storage.path + "/"), fm.fileExists(atPath: content) {
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.copyItem(atPath: content, toPath: target.path)
            } else {
                try Data(content.utf8).write(to: target)
            }
        }
    }

    /// Every file under the working directory, relative paths.
    func allFiles() -> [String] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDir), !isDir.boolValue { files.append(path) }
        }
        return files.sorted()
    }

    /// Output files: glob matches plus everything under the output directory, copied to the
    /// execution storage; returns relative path → stored absolute path.
    func collectOutputs(globs: [String], outputDir: String?, taskId: String) throws -> [String: String] {
        let files = allFiles()
        var chosen: [String: String] = [:]
        for pattern in globs {
            guard let regex = Self.glob(pattern) else { continue }
            for file in files where regex.firstMatch(in: file, range: NSRange(file.startIndex..., in: file)) != nil { chosen[file] = file }
        }
        if let outputDir {
            let prefix = outputDir + "/"
            for file in files where file.hasPrefix(prefix) { chosen[String(file.dropFirst(prefix.count))] = file }
        }
        var stored: [String: String] = [:]
        let fm = FileManager.default
        for (name, file) in chosen.sorted(by: { $0.key < $1.key }) {
            let target = storage.appendingPathComponent(taskId).appendingPathComponent(name)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.copyItem(at: directory.appendingPathComponent(file), to: target)
            stored[name] = target.path
        }
        return stored
    }
}
