import Foundation

/// Text encoded as Java's URLEncoder does (form encoding): letters, digits and `-._*` kept, a
/// space as `+`, every other byte as `%XX`. Kestra names stored files and forms this way.
enum FormEncoding {
    private static let kept: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._*")
        return set
    }()

    static func encode(_ text: String) -> String {
        (text.addingPercentEncoding(withAllowedCharacters: kept) ?? text).replacingOccurrences(of: "%20", with: "+")
    }
}
