import BerthPlan
import Foundation

/// `formData` as Kestra sends it: multipart when the content type is exactly
/// `multipart/form-data` (a `kestra://` value, or `{name, content}`, is a file part), else
/// `application/x-www-form-urlencoded`.
enum HTTPForm {
    /// The text of a form value: strings as they are, other values as JSON.
    static func text(_ value: JSONValue) -> String { value.plainText }

    static func urlEncoded(_ fields: [(String, JSONValue)]) -> [UInt8] {
        Array(fields.map { FormEncoding.encode($0.0) + "=" + FormEncoding.encode(text($0.1)) }.joined(separator: "&").utf8)
    }

    /// The multipart body and its boundary; `file` gives the bytes of a `kestra://` URI.
    static func multipart(_ fields: [(String, JSONValue)], boundary: String, file: (String) throws -> (bytes: [UInt8], name: String)) throws -> [UInt8] {
        var out: [UInt8] = []
        func line(_ s: String) { out += Array((s + "\r\n").utf8) }
        for (name, value) in fields {
            line("--\(boundary)")
            var upload: (bytes: [UInt8], name: String)?
            if case .string(let s) = value, s.hasPrefix("kestra://") { upload = try file(s) }
            if case .object(let o) = value, case .string(let fileName)? = o["name"], case .string(let uri)? = o["content"] {
                upload = (try file(uri).bytes, fileName)
            }
            if let upload {
                line("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(upload.name)\"")
                line("Content-Type: application/octet-stream")
                line("")
                out += upload.bytes
                line("")
            } else {
                line("Content-Disposition: form-data; name=\"\(name)\"")
                line("Content-Type: text/plain; charset=UTF-8")
                line("")
                line(text(value))
            }
        }
        line("--\(boundary)--")
        return out
    }
}
