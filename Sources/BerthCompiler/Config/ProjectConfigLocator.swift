import BerthDiagnostics

/// Finds the `.berth.yaml` that governs a flow: the first one in the flow's directory or
/// above it. The file system comes in as a function, so the compiler stays free of IO; each
/// directory is looked at once.
public final class ProjectConfigLocator: @unchecked Sendable {
    public static let fileName = ".berth.yaml"
    /// The bytes of a file, nil when there is none.
    private let read: (String) -> [UInt8]?
    private var found: [String: (ProjectConfig, [Diagnostic])?] = [:]

    public init(read: @escaping (String) -> [UInt8]?) {
        self.read = read
    }

    /// The configuration for a flow at the absolute `path`, with the problems of its file (nil
    /// when no `.berth.yaml` is found up to the root).
    public func config(forFlowAt path: String) -> (config: ProjectConfig, problems: [Diagnostic])? {
        var directory = Self.parent(of: path)
        while true {
            if let known = found[directory] { if let known { return known } } else {
                let candidate = (directory == "/" ? "" : directory) + "/" + Self.fileName
                let loaded = read(candidate).map { ProjectConfig.parse(SourceFile(path: candidate, bytes: $0)) }
                found[directory] = .some(loaded)
                if let loaded { return loaded }
            }
            if directory == "/" || directory.isEmpty { return nil }
            directory = Self.parent(of: directory)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "/" }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
