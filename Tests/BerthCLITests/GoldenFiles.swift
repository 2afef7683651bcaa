import Foundation
import Testing

/// The repository, found from this file; and golden files with an update mode:
/// `UPDATE_GOLDEN=1 swift test` rewrites them and then fails, so every rewrite is reviewed.
enum GoldenFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func compare(_ actual: String, with url: URL) -> String? {
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            if expected != actual { try? actual.write(to: url, atomically: true, encoding: .utf8) }
            return "UPDATE_GOLDEN=1: \(url.lastPathComponent) checked in update mode; review the diff and run again without it"
        }
        guard let expected else { return "missing golden file \(url.path); run with UPDATE_GOLDEN=1 to create it" }
        return expected == actual ? nil : "output differs from \(url.lastPathComponent):\n--- expected\n\(expected)--- actual\n\(actual)"
    }

    /// The first executable `name` on PATH.
    static func tool(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The `berth` executable built next to the test bundle.
    static let berth = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("berth").path

    /// In CI a missing tool fails the test; locally it is skipped with the reason printed.
    static func require(_ tool: String) -> String? {
        if let path = Self.tool(tool) { return path }
        if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("\(tool) is not installed; .ci/install.sh installs it") }
        print("skipped: \(tool) is not installed")
        return nil
    }
}
