import BerthPlan
import Foundation

/// Writes an outgoing JSON-RPC message (`[String: Any]` of the native types the server builds)
/// as JSON bytes. Foundation's `JSONSerialization` bridges every string through `NSString` and
/// was two thirds of the time from `didChange` to `publishDiagnostics` on a large flow; this
/// writer appends UTF-8 directly. A value of another type (an `NSNumber` echoed from a parsed
/// request) is written by `JSONSerialization`, so any message it could write is still written.
enum MessageWriter {
    static func data(_ message: [String: Any]) -> Data? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        guard write(message, to: &out, depth: 0) else { return nil }
        return Data(out)
    }

    private static func write(_ value: Any, to out: inout [UInt8], depth: Int) -> Bool {
        guard depth < 256 else { return false }
        // Exact types for numbers and booleans: `as Bool` would also take an NSNumber 1 (a
        // request id echoed back) and write `true`.
        let kind = type(of: value)
        if kind == Bool.self, let flag = value as? Bool {
            out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
            return true
        }
        if kind == Int.self, let number = value as? Int {
            out.append(contentsOf: String(number).utf8)
            return true
        }
        switch value {
        case let text as String:
            JSONText.appendString(text, to: &out)
        case let number as Double where kind == Double.self:
            guard number.isFinite else { return false }
            out.append(contentsOf: JSONText.number(number).utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                guard write(item, to: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case let items as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard write(item, to: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case is NSNull:
            out.append(contentsOf: "null".utf8)
        default:
            // Wrapped in an array: JSONSerialization takes only collections at the top.
            guard JSONSerialization.isValidJSONObject([value]),
                  let data = try? JSONSerialization.data(withJSONObject: [value], options: [.withoutEscapingSlashes]),
                  data.count >= 2 else { return false }
            out.append(contentsOf: data.dropFirst().dropLast())
        }
        return true
    }
}
