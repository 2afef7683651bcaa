import BerthEngine
import Foundation

/// A task's local working directory, handled as Kestra's runners handle theirs: input files
/// written first (text, or a stored file's content), storage URIs in command lines replaced by
/// local copies, the directory copied into a container and back, output files matched by glob
/// and moved into the storage.
struct WorkingFiles: Sendable {
    let directory: URL

    /// What an input file holds.
    enum Content: Sendable {
        case text(String)
        /// A copy of this local file (a `kestra://` or `nsfile://` value).
        case file(URL)
    }

    /// Every file system error here is one of the state directory: the execution stops.
    private func io<T>(_ what: String, _ body: () throws -> T) throws(ExecutorError) -> T {
        do { return try body() } catch let error as ExecutorError { throw error } catch {
            throw ExecutorError.journal("cannot \(what) in \(directory.path): \(error.localizedDescription)")
        }
    }

    func create() throws(ExecutorError) {
        try io("create the working directory") { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    }

    /// Writes input files; a name leading outside the directory is refused.
    func writeInputs(_ files: [(name: String, content: Content)]) throws(ExecutorError) {
        try create()
        let fm = FileManager.default
        for (name, content) in files {
            let relative: String?
            do { relative = try Tar.safePath(name, stripFirst: false) } catch {
                throw ExecutorError.task("input file \"\(name)\": \(error.message)")
            }
            guard let relative else { throw ExecutorError.task("input file \"\(name)\" names the working directory itself") }
            let target = directory.appendingPathComponent(relative)
            try io("write input file \(relative)") {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                switch content {
                case .text(let text): try Data(text.utf8).write(to: target)
                case .file(let source): try fm.copyItem(at: source, to: target)
                }
            }
        }
    }

    /// Replaces every `kestra://` URI in `text` by the absolute path of a local copy in the
    /// working directory (`<random>.tmp`, as Kestra's `replaceInternalStorage` does).
    func localizeStorageURIs(in text: String, storage: Storage) throws(ExecutorError) -> String {
        guard text.contains(Storage.scheme) else { return text }
        let matches = Storage.uriPattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var out = text
        for match in matches.reversed() {
            guard let range = Range(match.range, in: out) else { continue }
            let uri = String(out[range])
            guard let source = storage.file(for: uri), FileManager.default.fileExists(atPath: source.path) else {
                throw ExecutorError.task("\(uri) is not in berth's storage (\(storage.root.path))")
            }
            let local = directory.appendingPathComponent("\(Self.tempName()).tmp")
            try io("copy \(uri)") {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source, to: local)
            }
            out.replaceSubrange(range, with: local.path)
        }
        return out
    }

    /// Java's temp file names: a random positive number.
    static func tempName() -> String { String(UInt64.random(in: 1_000_000_000_000_000...9_000_000_000_000_000_000)) }

    /// Every regular file under the directory (symlinks not followed), relative paths, sorted.
    func allFiles() -> [String] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            let attributes = try? FileManager.default.attributesOfItem(atPath: base + "/" + path)
            if attributes?[.type] as? FileAttributeType == .typeRegular { files.append(path) }
        }
        return files.sorted()
    }

    /// Output files as Kestra matches them: each pattern is a glob on the absolute path rooted
    /// at the working directory (`*.txt` top level only, `**.txt` any depth, `**/*.txt` in
    /// subdirectories), or a `glob:`/`regex:` pattern on the absolute path; plus everything
    /// under the deprecated output directory. Matches move into the storage under
    /// `storagePath`; returns relative path → URI.
    func collectOutputs(globs: [String], outputDir: String?, storagePath: String, storage: Storage) throws(ExecutorError) -> [String: String] {
        let base = directory.standardizedFileURL.path
        var matchers: [PathGlob] = []
        for pattern in globs where !pattern.isEmpty {
            let rooted = pattern.hasPrefix("glob:") || pattern.hasPrefix("regex:") ? pattern
                : "glob:" + PathGlob.escaped(base) + (pattern.hasPrefix("/") ? "" : "/") + pattern
            guard let matcher = PathGlob(rooted) else { throw ExecutorError.task("outputFiles: \"\(pattern)\" is not a valid glob") }
            matchers.append(matcher)
        }
        var stored: [String: String] = [:]
        let files = allFiles()
        for file in files where matchers.contains(where: { $0.matches(base + "/" + file) }) {
            let name = Ids.stable(base + "/" + file) + "-" + ((file as NSString).lastPathComponent)
            stored[file] = try io("store output file \(file)") {
                try storage.store(directory.appendingPathComponent(file), path: storagePath, name: name, move: true)
            }
        }
        if let outputDir {
            let prefix = outputDir + "/"
            for file in files where file.hasPrefix(prefix) && stored[file] == nil {
                let relative = String(file.dropFirst(prefix.count))
                let source = directory.appendingPathComponent(file)
                guard FileManager.default.fileExists(atPath: source.path) else { continue }
                stored[relative] = try io("store output file \(file)") { try storage.store(source, path: storagePath, name: relative, move: true) }
            }
        }
        return stored
    }

    /// The working directory as a tar rooted at `/`: parent directories, the directory itself
    /// world-writable (so a non-root `user` can write outputs), its directories and files with
    /// their modes.
    func archive(outputDir: String?) throws(ExecutorError) -> [UInt8] {
        var entries: [Tar.Entry] = []
        let components = directory.standardizedFileURL.path.split(separator: "/").map(String.init)
        for i in 1..<max(1, components.count) { entries.append(Tar.Entry(path: components[0..<i].joined(separator: "/"), kind: .directory, mode: 0o755, data: [])) }
        let root = components.joined(separator: "/")
        entries.append(Tar.Entry(path: root, kind: .directory, mode: 0o777, data: []))
        let fm = FileManager.default
        var directories: Set<String> = []
        for relative in allFiles() {
            let url = directory.appendingPathComponent(relative)
            let parts = relative.split(separator: "/").dropLast()
            for i in 0..<parts.count {
                let path = root + "/" + parts[0...i].joined(separator: "/")
                if directories.insert(path).inserted { entries.append(Tar.Entry(path: path, kind: .directory, mode: 0o777, data: [])) }
            }
            let mode = ((try? fm.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int) ?? 0o644
            let data = try io("read \(relative)") { [UInt8](try Data(contentsOf: url)) }
            entries.append(Tar.Entry(path: root + "/" + relative, kind: .file, mode: mode | 0o666, data: data))
        }
        if let outputDir, directories.insert(root + "/" + outputDir).inserted {
            entries.append(Tar.Entry(path: root + "/" + outputDir, kind: .directory, mode: 0o777, data: []))
        }
        return Tar.archive(entries)
    }

    /// Extracts the copied-out working directory. Symlinks that would lead outside it are not
    /// created (each is reported through `warn`): a later task must never follow one out.
    func extract(_ archive: [UInt8], warn: (String) -> Void) throws(ExecutorError) {
        let entries: [Tar.Entry]
        do { entries = try Tar.read(archive, stripFirst: true) } catch { throw ExecutorError.task("copying the working directory back: \(error.message)") }
        let fm = FileManager.default
        for entry in entries {
            let target = directory.appendingPathComponent(entry.path)
            try io("extract \(entry.path)") {
                switch entry.kind {
                case .directory:
                    try fm.createDirectory(at: target, withIntermediateDirectories: true)
                case .file:
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if (try? fm.destinationOfSymbolicLink(atPath: target.path)) != nil || fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                    try Data(entry.data).write(to: target)
                    try? fm.setAttributes([.posixPermissions: entry.mode & 0o777], ofItemAtPath: target.path)
                case .symlink(let destination):
                    if Tar.linkEscapes(path: entry.path, target: destination) {
                        warn("not copying symlink \"\(entry.path)\" → \"\(destination)\" out of the container: it points outside the working directory")
                        return
                    }
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if (try? fm.destinationOfSymbolicLink(atPath: target.path)) != nil || fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                    try fm.createSymbolicLink(atPath: target.path, withDestinationPath: destination)
                }
            }
        }
    }
}

extension PathGlob {
    /// `text` with every glob metacharacter escaped (a directory path inside a pattern).
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "*?[]{}\\,".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
