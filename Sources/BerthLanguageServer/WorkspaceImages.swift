import Foundation

/// Image names the workspace already uses, offered after `containerImage: ` and `image: `: those
/// of the open documents and of the flows under the document's directory (at most 500 files of
/// at most 1 MiB among the first 5,000 entries, hidden ones skipped; read again after 10 seconds).
final class WorkspaceImages: @unchecked Sendable {
    private var cache: [String: (time: Date, images: Set<String>)] = [:]
    static let maxFiles = 500
    static let maxBytes = 1 << 20

    /// The images in `texts` and in the flows under `directory`, sorted.
    func images(texts: [String], directory: String?) -> [String] {
        var found = Set(texts.flatMap(Self.images(in:)))
        if let directory { found.formUnion(onDisk(directory)) }
        return found.sorted()
    }

    private func onDisk(_ directory: String) -> Set<String> {
        if let entry = cache[directory], Date().timeIntervalSince(entry.time) < 10 { return entry.images }
        var images = Set<String>()
        let root = URL(fileURLWithPath: directory)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey], options: [.skipsHiddenFiles])
        var count = 0, visited = 0
        while let url = enumerator?.nextObject() as? URL, count < Self.maxFiles, visited < 5_000 {
            visited += 1
            guard ["yml", "yaml"].contains(url.pathExtension.lowercased()),
                  let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize, size <= Self.maxBytes,
                  let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            count += 1
            images.formUnion(Self.images(in: text))
        }
        cache[directory] = (Date(), images)
        return images
    }

    /// Literal images written as `containerImage:` or `image:` values (templates left out).
    static func images(in text: String) -> [String] {
        text.matches(of: /(?m)^[ \t]*(?:- )*(?:containerImage|image):[ \t]*["']?([^\s"'#{}]+)["']?[ \t]*(?:#.*)?$/).map { String($0.1) }
    }
}

extension LanguageServer {
    func knownImages(near uri: String) -> [String] {
        let path = Document.path(of: uri)
        let directory = uri.hasPrefix("file://") ? (path as NSString).deletingLastPathComponent : nil
        return workspaceImages.images(texts: documents.values.map(\.text), directory: directory)
    }
}
