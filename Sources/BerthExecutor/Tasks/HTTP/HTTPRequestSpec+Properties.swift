import BerthFormats
import BerthPlan
import Foundation

/// A task property that cannot be used as given.
struct HTTPPropertyError: Error, CustomStringConvertible {
    let description: String
}

extension HTTPRequestSpec {
    /// The spec from the task's rendered properties; `file` reads a `kestra://` URI for a
    /// multipart part.
    init(rendered p: JSONValue, file: (String) throws -> (bytes: [UInt8], name: String)) throws {
        let options = p["options"] ?? .null
        func text(_ value: JSONValue?) -> String? { value.flatMap { $0 == .null ? nil : $0.plainText } }
        func flag(_ value: JSONValue?) -> Bool? { text(value).map { $0.lowercased() == "true" } }
        func seconds(_ value: JSONValue?, _ name: String) throws -> Double? {
            guard let t = text(value) else { return nil }
            guard let s = ISODuration.seconds(t) else { throw HTTPPropertyError(description: "\(name) \"\(t)\" is not an ISO-8601 duration") }
            return s
        }
        guard let uri = text(p["uri"]), !uri.isEmpty else { throw HTTPPropertyError(description: "uri is required") }
        let params: [(String, JSONValue)] = if case .object(let o)? = p["params"] { o.keys.sorted().map { ($0, o[$0]!) } } else { [] }
        self.uri = Self.uri(uri, params: params)
        guard URL(string: self.uri)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) == true else {
            throw HTTPPropertyError(description: "uri \"\(self.uri)\" is not an http or https URI")
        }
        method = text(p["method"]) ?? "GET"
        var headers: [(String, String)] = []
        if case .object(let h)? = p["headers"] { headers = h.keys.sorted().compactMap { key in text(h[key]).map { (key, $0) } } }
        let auth = options["auth"] ?? .null
        let basic = (text(auth["type"])?.uppercased() == "BASIC" ? (text(auth["username"]), text(auth["password"])) : (text(options["basicAuthUser"]), text(options["basicAuthPassword"])))
        var authorization: String?
        switch text(auth["type"])?.uppercased() {
        case "BEARER"?: authorization = "Bearer " + (text(auth["token"]) ?? "")
        case "DIGEST"?: throw HTTPPropertyError(description: "DIGEST authentication is not supported by berth; use BASIC or BEARER")
        default:
            if let user = basic.0 { authorization = "Basic " + Data("\(user):\(basic.1 ?? "")".utf8).base64EncodedString() }
        }
        if let authorization {
            headers.removeAll { $0.0.lowercased() == "authorization" }
            headers.append(("Authorization", authorization))
        }
        self.headers = headers
        let contentType = text(p["contentType"]) ?? "application/json"
        let charset: String? = options["defaultCharset"] == .null ? nil : (text(options["defaultCharset"]) ?? "UTF-8")
        body = nil
        bareContentType = nil
        if case .object(let form)? = p["formData"], !form.isEmpty {
            let fields = form.keys.sorted().map { ($0, form[$0]!) }
            if contentType == "multipart/form-data" {
                let boundary = "berth-" + UUID().uuidString
                body = (try HTTPForm.multipart(fields, boundary: boundary, file: file), "multipart/form-data; boundary=\(boundary)")
            } else {
                body = (HTTPForm.urlEncoded(fields), "application/x-www-form-urlencoded; charset=UTF-8")
            }
        } else if let text = text(p["body"]) {
            body = (Self.encode(text, charset: charset), contentType + (charset.map { "; charset=\($0)" } ?? ""))
        } else if headers.isEmpty {
            bareContentType = contentType
        }
        followRedirects = flag(options["followRedirects"]) ?? true
        allowFailed = flag(options["allowFailed"]) ?? flag(p["allowFailed"]) ?? false
        if case .array(let codes)? = options["allowedResponseCodes"] {
            allowedCodes = try codes.map { code in
                guard let n = KestraNumber.integer(code.plainText) else { throw HTTPPropertyError(description: "allowedResponseCodes: \"\(code.plainText)\" is not a code") }
                return Int(n)
            }
        } else {
            allowedCodes = []
        }
        let timeout = options["timeout"] ?? .null
        connectTimeout = try seconds(timeout["connectTimeout"], "connectTimeout") ?? seconds(options["connectTimeout"], "connectTimeout")
        readTimeout = try seconds(timeout["readIdleTimeout"], "readIdleTimeout") ?? seconds(options["readTimeout"], "readTimeout") ?? 300
        insecure = (options["ssl"]?["insecureTrustAllCertificates"] ?? p["sslOptions"]?["insecureTrustAllCertificates"]).map { $0 != .null } ?? false
        let proxy = options["proxy"] ?? .null
        let address = text(proxy["address"]) ?? text(options["proxyAddress"])
        if let address, !address.isEmpty {
            guard let port = (text(proxy["port"]) ?? text(options["proxyPort"])).flatMap({ Int($0) }) else {
                throw HTTPPropertyError(description: "the proxy \(address) needs a port")
            }
            let type = (text(proxy["type"]) ?? text(options["proxyType"]))?.uppercased()
            self.proxy = (address, port, type == "SOCKS", text(proxy["username"]) ?? text(options["proxyUsername"]),
                          text(proxy["password"]) ?? text(options["proxyPassword"]))
        } else {
            self.proxy = nil
        }
    }

    /// Text in the charset the body names (UTF-8 when berth does not know it).
    static func encode(_ text: String, charset: String?) -> [UInt8] {
        switch charset?.uppercased() {
        case "ISO-8859-1"?, "LATIN1"?: return Array(text.data(using: .isoLatin1, allowLossyConversion: true) ?? Data(text.utf8))
        case "US-ASCII"?: return Array(text.data(using: .ascii, allowLossyConversion: true) ?? Data(text.utf8))
        case "UTF-16"?: return Array(text.data(using: .utf16) ?? Data(text.utf8))
        default: return Array(text.utf8)
        }
    }
}
