import BerthPlan
import Foundation

/// An `http.Request` / `http.Download` task's properties, rendered: what to send and how the
/// client behaves (Kestra's HttpConfiguration, deprecated spellings folded in).
struct HTTPRequestSpec: Sendable {
    var uri: String
    var method: String
    var headers: [(String, String)]
    /// The body and its Content-Type header value, or nil.
    var body: (bytes: [UInt8], contentType: String)?
    /// Set when no body is sent and no header is given (Kestra still sends the content type).
    var bareContentType: String?
    var followRedirects: Bool
    var allowFailed: Bool
    var allowedCodes: [Int]
    var connectTimeout: Double?
    var readTimeout: Double
    var insecure: Bool
    var proxy: (host: String, port: Int, socks: Bool, user: String?, password: String?)?

    /// Whether Kestra accepts `code`: the listed codes only when a list is given, else every
    /// code with allowFailed, else below 400.
    func accepts(_ code: Int) -> Bool {
        if !allowedCodes.isEmpty { return allowedCodes.contains(code) }
        return allowFailed || code < 400
    }

    /// `uri` with spaces as %20 and `params` appended to its query (a list repeats the name).
    static func uri(_ text: String, params: [(String, JSONValue)]) -> String {
        var uri = text.replacingOccurrences(of: " ", with: "%20")
        var pairs: [String] = []
        for (name, value) in params {
            let values: [JSONValue] = if case .array(let items) = value { items } else { [value] }
            for item in values { pairs.append(FormEncoding.encode(name) + "=" + FormEncoding.encode(HTTPForm.text(item))) }
        }
        if !pairs.isEmpty { uri += (uri.contains("?") ? "&" : "?") + pairs.joined(separator: "&") }
        return uri
    }
}
