import Foundation

/// The name a downloaded file is stored under: Kestra takes it from Content-Disposition
/// (`filename*` over `filename`, quotes and directories removed), else makes a temporary name
/// with the extension of the URI's last path segment.
enum HTTPDownloadName {
    static func from(headers: [(String, [String])], uri: String, fallback: String) -> String {
        if let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1.first, let name = filename(disposition) { return name }
        let last = URL(string: uri)?.lastPathComponent ?? ""
        let ext = last.lastIndex(of: ".").map { String(last[$0...]) } ?? ""
        return fallback + ext
    }

    static func filename(_ disposition: String) -> String? {
        var plain: String?
        var extended: String?
        for part in disposition.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if part.lowercased().hasPrefix("filename*=") {
                // RFC 5987: charset'language'percent-encoded
                let value = part.dropFirst("filename*=".count)
                let encoded = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false).last.map(String.init) ?? String(value)
                extended = encoded.removingPercentEncoding ?? encoded
            } else if part.lowercased().hasPrefix("filename=") {
                plain = String(part.dropFirst("filename=".count))
            }
        }
        guard var name = extended ?? plain else { return nil }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        name = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        return name.isEmpty || name == "." || name == ".." ? nil : name
    }
}
