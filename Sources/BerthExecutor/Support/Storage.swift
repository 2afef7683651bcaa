import BerthPlan
import Foundation

/// berth's internal storage: files that tasks produce and FILE inputs, kept under the state
/// directory and named by `kestra:///` URIs laid out as Kestra lays them out —
/// `kestra:///<namespace as path>/<flow slug>/executions/<execution>/tasks/<task slug>/<task run>/<name>`
/// for task files, `…/executions/<execution>/inputs/<input>/<name>` for FILE inputs. The URI
/// maps to `<state>/storage/<same path>`; a template renders the URI, and berth resolves it
/// where Kestra does (input files, command lines, `read()`).
struct Storage: Sendable {
    /// `<state>/storage`.
    let root: URL

    static let scheme = "kestra://"

    init(stateDirectory: URL) {
        root = stateDirectory.appendingPathComponent("storage")
    }

    /// `company.team` → `company/team`.
    static func namespacePath(_ namespace: String) -> String { namespace.replacingOccurrences(of: ".", with: "/") }

    /// Kestra's `Slugify.of`: spaces to `-`, only word characters and `-`, `_` to `-`, no
    /// runs of `-`, none at the ends, lowercase.
    static func slug(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMapping
        var out = ""
        for scalar in decomposed.unicodeScalars {
            if scalar.properties.isWhitespace { out += "-"; continue }
            let isWord = (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) && scalar.properties.generalCategory != .nonspacingMark
            if scalar == "_" || scalar == "-" { out += "-" } else if isWord && scalar.isASCII { out.unicodeScalars.append(scalar) }
        }
        while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "-") }
        return out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).lowercased()
    }

    /// The storage path prefix of an execution.
    static func executionPath(namespace: String, flow: String, execution: String) -> String {
        "/\(namespacePath(namespace))/\(slug(flow))/executions/\(execution)"
    }

    static func taskPath(namespace: String, flow: String, execution: String, task: String, taskrun: String) -> String {
        executionPath(namespace: namespace, flow: flow, execution: execution) + "/tasks/\(slug(task))/\(taskrun)"
    }

    /// The local file of a storage path (`/company/team/...`).
    func file(forPath path: String) -> URL { root.appendingPathComponent(String(path.drop { $0 == "/" })) }

    /// The local file a `kestra://` URI names, or nil when the text is no storage URI or
    /// names a path outside the storage (`..`).
    func file(for uri: String) -> URL? {
        guard uri.hasPrefix(Self.scheme) else { return nil }
        let path = String(uri.dropFirst(Self.scheme.count))
        let parts = path.split(separator: "/")
        guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else { return nil }
        let decoded = parts.map { $0.removingPercentEncoding ?? String($0) }
        return root.appendingPathComponent(decoded.joined(separator: "/"))
    }

    /// Stores `source` under `path` with `name`; returns its URI. Output files are moved (Kestra
    /// deletes the local copy after upload), FILE inputs copied (the user's file stays).
    func store(_ source: URL, path: String, name: String, move: Bool) throws -> String {
        let encoded = Self.encodeName(name)
        let target = file(forPath: path).appendingPathComponent(encoded)
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        if move { try fm.moveItem(at: source, to: target) } else { try fm.copyItem(at: source, to: target) }
        return Self.scheme + path + "/" + encoded
    }

    /// Each path segment URL-encoded as Kestra encodes stored file names (a space is `+`).
    static func encodeName(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: true).map { FormEncoding.encode(String($0)) }.joined(separator: "/")
    }

    /// Storage URIs inside text (a rendered command): Kestra's pattern.
    static let uriPattern = try! NSRegularExpression(pattern: #"kestra://[-\p{L}\p{N}._+~#=/%]*"#)
}
