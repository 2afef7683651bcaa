import BerthCompiler
import BerthDiagnostics
import Foundation

/// Writing fixed flows back: atomically, through a symlink to its target, with the file's
/// permissions (`berth lint --fix`, `berth migrate --write`). The fixing is ``FlowFixer``'s.
enum FlowFileWriter {
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
