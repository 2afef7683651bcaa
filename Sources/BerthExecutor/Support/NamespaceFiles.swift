import BerthExpressions
import BerthPlan
import Foundation

/// Namespace files, read from one local directory: the files of namespace `company.team` are
/// `<root>/company.team/<path>` (README "Namespace files"). Tasks get them through
/// `namespaceFiles`, `nsfile://` input files and `read()`.
struct NamespaceFiles: Sendable {
    let root: URL

    /// What a task's `namespaceFiles` asks for, rendered.
    struct Selection {
        var enabled = true
        var include: [String] = []
        var exclude: [String] = []
        var namespaces: [String]
        var ifExists = "OVERWRITE"
        var folderPerNamespace = false
    }

    /// Relative paths of the regular files of a namespace, sorted.
    func files(of namespace: String) -> [String] {
        let base = root.appendingPathComponent(namespace).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else { return [] }
        var out: [String] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base.path + "/") else { continue }
            out.append(String(path.dropFirst(base.path.count + 1)))
        }
        return out.sorted()
    }

    /// The local file of `path` in `namespace`, nil when the path escapes it.
    func file(namespace: String, path: String) -> URL? {
        let parts = path.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains(".."), !namespace.contains("/"), !namespace.isEmpty, namespace != ".." else { return nil }
        return root.appendingPathComponent(namespace).appendingPathComponent(parts.joined(separator: "/"))
    }

    /// `nsfile:///path` (the flow's namespace) or `nsfile://namespace/path`.
    func file(forURI uri: String, flowNamespace: String) -> URL? {
        guard uri.hasPrefix("nsfile://") else { return nil }
        let rest = uri.dropFirst("nsfile://".count)
        if rest.hasPrefix("/") { return file(namespace: flowNamespace, path: String(rest.dropFirst())) }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return file(namespace: String(rest[..<slash]), path: String(rest[rest.index(after: slash)...]))
    }

    /// Kestra's include/exclude rule: a pattern is matched against `/path`; one starting
    /// with a word character matches at any depth (`**/` is put before it); `glob:` and
    /// `regex:` patterns are used as written.
    static func matcher(_ pattern: String) -> PathGlob? {
        let normalized = pattern.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("glob:") || normalized.hasPrefix("regex:") { return PathGlob(normalized) }
        if let first = normalized.unicodeScalars.first, CharacterSet.alphanumerics.contains(first) || first == "_" {
            return PathGlob("glob:**/" + normalized)
        }
        return PathGlob("glob:" + normalized)
    }

    /// The files a selection picks, as (namespace, relative path, target path in the working directory).
    func select(_ selection: Selection) throws(ExecutorError) -> [(namespace: String, path: String, target: String)] {
        guard selection.enabled else { return [] }
        func matchers(_ patterns: [String]) throws(ExecutorError) -> [PathGlob] {
            var out: [PathGlob] = []
            for pattern in patterns {
                guard let glob = Self.matcher(pattern) else { throw ExecutorError.task("namespaceFiles: \"\(pattern)\" is not a valid pattern") }
                out.append(glob)
            }
            return out
        }
        let include = try matchers(selection.include), exclude = try matchers(selection.exclude)
        var picked: [(String, String, String)] = []
        for namespace in selection.namespaces {
            for path in files(of: namespace) {
                let rooted = "/" + path
                if !include.isEmpty && !include.contains(where: { $0.matches(rooted) }) { continue }
                if exclude.contains(where: { $0.matches(rooted) }) { continue }
                picked.append((namespace, path, selection.folderPerNamespace ? namespace + "/" + path : path))
            }
        }
        return picked
    }

    /// Copies the selected files into `directory`, honouring `ifExists` (OVERWRITE, FAIL,
    /// WARN, IGNORE); returns how many were written.
    func load(_ selection: Selection, into directory: URL, warn: (String) -> Void) throws(ExecutorError) -> Int {
        var written = 0
        let fm = FileManager.default
        for (namespace, path, target) in try select(selection) {
            guard let source = file(namespace: namespace, path: path) else { continue }
            let destination = directory.appendingPathComponent(target)
            if fm.fileExists(atPath: destination.path) {
                switch selection.ifExists.uppercased() {
                case "FAIL": throw ExecutorError.task("namespace file \(target) already exists in the working directory (ifExists: FAIL)")
                case "WARN": warn("File \(target) already exist. It will be ignore"); continue
                case "IGNORE": continue
                default: break
                }
            }
            do {
                try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
                try fm.copyItem(at: source, to: destination)
            } catch {
                throw ExecutorError.journal("cannot copy namespace file \(namespace)/\(path) into \(directory.path): \(error.localizedDescription)")
            }
            written += 1
        }
        return written
    }

    /// A rendered `namespaceFiles` property.
    static func selection(_ value: JSONValue, flowNamespace: String) throws(ExecutorError) -> Selection? {
        guard case .object(let o) = value else {
            if value == .null { return nil }
            throw ExecutorError.task("namespaceFiles must be a mapping (enabled, include, exclude, namespaces, ifExists, folderPerNamespace)")
        }
        func list(_ key: String) -> [String]? {
            switch o[key] {
            case .array(let items)?: items.map(\.plainText)
            case .string(let s)? where !s.isEmpty: [s]
            default: nil
            }
        }
        var selection = Selection(namespaces: list("namespaces") ?? [flowNamespace])
        if let enabled = o["enabled"] {
            switch enabled {
            case .bool(let b): selection.enabled = b
            case .string(let s): selection.enabled = s.lowercased() != "false"
            default: break
            }
        }
        selection.include = list("include") ?? []
        selection.exclude = list("exclude") ?? []
        if let ifExists = o["ifExists"]?.plainText, !ifExists.isEmpty {
            guard ["OVERWRITE", "FAIL", "WARN", "IGNORE"].contains(ifExists.uppercased()) else {
                throw ExecutorError.task("namespaceFiles.ifExists must be OVERWRITE, FAIL, WARN or IGNORE, not \"\(ifExists)\"")
            }
            selection.ifExists = ifExists
        }
        if case .bool(let b)? = o["folderPerNamespace"] { selection.folderPerNamespace = b }
        if case .string(let s)? = o["folderPerNamespace"] { selection.folderPerNamespace = s.lowercased() == "true" }
        return selection
    }
}
