import BerthDiagnostics
import BerthSchema

/// A project's `.berth.yaml`, found upward from each flow (``ProjectConfigLocator``): which
/// audits run, which diagnostics are off or at another level, which images flows may use, which
/// paths lint skips, and how `berth run` executes by default.
public struct ProjectConfig: Sendable, Equatable {
    /// A level a code can be set to.
    public enum Level: String, Sendable, CaseIterable {
        case off, info, warning, error

        var severity: Severity? {
            switch self {
            case .off: nil
            case .info: .info
            case .warning: .warning
            case .error: .error
            }
        }
    }

    /// The file it was read from (nil: no file, the defaults).
    public var path: String?
    public var audits: AuditProfile = .regular
    /// Codes turned off or set to another level.
    public var levels: [String: Level] = [:]
    /// Image patterns flows may use (`*` any text but `/`, `**` any text); empty: any image.
    public var images: [String] = []
    /// Registries flows may pull from (`docker.io` for Docker Hub); empty: any.
    public var registries: [String] = []
    /// Paths lint skips, as patterns relative to the file's directory.
    public var ignore: [String] = []
    /// The default of `berth run --backend` (`docker` or `swarm`).
    public var backend: String?
    /// The Kestra dialect its flows are written in (`kestra: 1` or `2`); nil: detected per file.
    public var kestra: KestraDialect?

    public init() {}

    /// No file: every default.
    public static let none = ProjectConfig()

    /// The options a flow governed by this configuration is checked with.
    /// `kestra` (from `--kestra`) beats the file's `kestra:`, which beats detection.
    public func checkOptions(unknownTypeSeverity: Severity = .error, audits override: AuditProfile? = nil,
                             kestra chosen: KestraDialect? = nil) -> CheckOptions {
        var options = CheckOptions(unknownTypeSeverity: unknownTypeSeverity, audits: override ?? audits)
        options.config = self
        if let chosen {
            options.kestra = .fixed(chosen, source: "--kestra \(chosen.flag)")
        } else if let kestra {
            options.kestra = .fixed(kestra, source: "kestra: \(kestra.flag) in \(path ?? ".berth.yaml")")
        }
        return options
    }

    /// Whether flows may use `image` (an image's registry is its first part when that has a
    /// dot, a colon or is `localhost`; Docker Hub otherwise).
    public func allows(image: String) -> Bool {
        if images.isEmpty && registries.isEmpty { return true }
        if images.contains(where: { Glob.matches($0, image) }) { return true }
        return registries.contains(Self.registry(of: image))
    }

    static func registry(of image: String) -> String {
        guard let slash = image.firstIndex(of: "/") else { return "docker.io" }
        let first = image[..<slash]
        return first.contains(".") || first.contains(":") || first == "localhost" ? String(first) : "docker.io"
    }

    /// Whether lint skips `relativePath` (relative to the configuration's directory).
    public func ignores(relativePath: String) -> Bool {
        ignore.contains { Glob.matches($0, relativePath) || Glob.matches($0 + "/**", relativePath) }
    }

    /// `diagnostics` with this configuration's levels applied: an `off` code is dropped, another
    /// level replaces the severity. An error is never lowered (a flow with one cannot run): it
    /// stays, with a note saying why.
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !levels.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let level = levels[diagnostic.code.rawValue] else { return diagnostic }
            var changed = diagnostic
            if diagnostic.severity == .error && level != .error {
                changed.notes.append(Note("\(path ?? ".berth.yaml") sets \"\(diagnostic.code)\" to \(level.rawValue), but errors cannot be lowered"))
                return changed
            }
            guard let severity = level.severity else { return nil }
            changed.severity = severity
            return changed
        }
    }
}
