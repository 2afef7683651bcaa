import BerthCompiler
import BerthDiagnostics
import Foundation

/// `berth lint --fix`: applies fix-its to one file until none applies (at most ``maxRounds``
/// checks), then writes it back atomically with its permissions, or hands back the text for stdin.
struct LintFixer {
    /// Rounds of check + apply; each round re-checks the fixed text, so edits never stack blindly.
    static let maxRounds = 10
    let options: CheckOptions
    let suggestions: Bool

    struct Outcome {
        /// The last check, of the fixed text.
        let result: CheckResult
        /// How many diagnostics were fixed.
        let fixed: Int
        /// The fixed bytes, nil when nothing changed.
        let bytes: [UInt8]?
    }

    func fix(_ file: SourceFile) -> Outcome {
        var current = file
        var result = FlowCheck.check(current, options: options)
        // A file whose bytes the reader had to replace (not UTF-8) is left alone: writing it back
        // would change more than the fixes.
        guard result.file.bytes == file.bytes else { return Outcome(result: result, fixed: 0, bytes: nil) }
        var fixed = 0
        for _ in 0..<Self.maxRounds {
            let applied = FixApplier.apply(result.diagnostics, path: current.path, to: current.bytes, suggestions: suggestions)
            guard !applied.fixed.isEmpty, applied.bytes != current.bytes else { break }
            fixed += applied.fixed.count
            current = SourceFile(path: current.path, bytes: applied.bytes)
            result = FlowCheck.check(current, options: options)
        }
        return Outcome(result: result, fixed: fixed, bytes: current.bytes == file.bytes ? nil : current.bytes)
    }

    /// Replaces the file at `path` (through a symlink, to its target) with `bytes`, keeping its
    /// permissions; a failure leaves the original untouched.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        try Data(bytes).write(to: url, options: .atomic)
        if let permissions = attributes?[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url.path)
        }
    }
}
