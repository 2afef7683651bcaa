import Foundation

/// A temporary file a child process writes into; removed on deinit.
final class CaptureFile {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "berth-child-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Child.SpawnError(executable: path, message: "cannot create the capture file")
        }
    }

    /// What was written, decoded as UTF-8 (invalid bytes replaced).
    var text: String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
