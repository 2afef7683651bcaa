import BerthCompiler
import BerthDiagnostics
import Foundation

/// Paths of the repository, found from this file so tests need no bundle resources.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/BerthCompilerTests/Fixtures")

    static func files(in directory: URL, ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { directory.appendingPathComponent($0) }
    }
}

/// `UPDATE_GOLDEN=1 swift test` rewrites golden files and then fails, so every rewrite is
/// reviewed in the diff before it is committed.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the file at `url`; in update mode rewrites it and returns a failure message.
    static func compare(_ actual: String, with url: URL) -> String? {
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if updating {
            if expected != actual {
                try? actual.write(to: url, atomically: true, encoding: .utf8)
                return "rewrote \(url.lastPathComponent) (UPDATE_GOLDEN=1); review the diff and run again without it"
            }
            return "UPDATE_GOLDEN=1 is set: golden files were checked in update mode; run again without it"
        }
        guard let expected else { return "missing golden file \(url.path); run with UPDATE_GOLDEN=1 to create it" }
        return expected == actual ? nil : "output differs from \(url.lastPathComponent):\n--- expected\n\(expected)--- actual\n\(actual)"
    }
}

/// Lints `text` as the file `name` and renders the short format.
func lintShort(_ text: String, name: String) -> String {
    let result = FlowCheck.check(SourceFile(path: name, bytes: Array(text.utf8)))
    return ShortRenderer().render(result.diagnostics)
}

func lintShort(bytes: [UInt8], name: String) -> String {
    ShortRenderer().render(FlowCheck.check(SourceFile(path: name, bytes: bytes)).diagnostics)
}
