import BerthExpressions
import BerthPlan
import Foundation

/// The one place secrets are masked. A value is registered the moment it is produced — a
/// `secret()` call, a SECRET input, a registry password — before anything that could contain
/// it is written; every channel berth writes (log lines, the journal, `--json`, error
/// messages, files of its own) passes through ``mask(_:)``.
///
/// Each secret is masked as written, base64-encoded (at each of the three byte alignments it
/// can have inside a longer encoded text, standard and URL-safe alphabets), URL-encoded, and
/// line by line when it spans lines (a log line holds one line of it). Values shorter than
/// ``minimumLength`` are not masked: masking every "a" would make logs unreadable.
public final class SecretMasker: @unchecked Sendable {
    /// What replaces a secret.
    public static let replacement = "******"
    /// Shorter values are not masked.
    public static let minimumLength = 3

    private let lock = NSLock()
    private var registered: Set<String> = []
    /// Every form to replace as UTF-8, longest first (so a secret containing another is masked whole).
    private var forms: [[UInt8]] = []

    public init() {}

    /// Registers secret values; from now on every form of each is masked.
    public func register(_ values: some Sequence<String>) {
        lock.withLock {
            var changed = false
            for value in values where value.count >= Self.minimumLength && registered.insert(value).inserted {
                for form in Self.forms(of: value) where form.count >= Self.minimumLength {
                    let bytes = Array(form.utf8)
                    guard !forms.contains(bytes) else { continue }
                    forms.append(bytes)
                    changed = true
                }
            }
            if changed { forms.sort { $0.count > $1.count } }
        }
    }

    public func register(_ value: String) { register([value]) }

    /// Whether nothing is registered (callers may skip work).
    public var isEmpty: Bool { lock.withLock { forms.isEmpty } }

    /// `text` with every registered form replaced. Works on UTF-8 bytes: a form is whole UTF-8,
    /// so a match never cuts a character (and Foundation's replacing, which traps on some line
    /// breaks inside text, is not involved).
    public func mask(_ text: String) -> String {
        let current = lock.withLock { forms }
        guard !current.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        for form in current where Self.contains(bytes, form) {
            bytes = Self.replace(form, in: bytes)
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static let replacementBytes = Array(replacement.utf8)

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    private static func replace(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(haystack.count)
        var i = 0
        while i < haystack.count {
            if haystack[i] == needle[0], i + needle.count <= haystack.count, haystack[i..<(i + needle.count)].elementsEqual(needle) {
                out += replacementBytes
                i += needle.count
            } else {
                out.append(haystack[i])
                i += 1
            }
        }
        return out
    }

    /// Every string inside a JSON value masked (keys too: a map keyed by a secret is possible).
    public func mask(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): .string(mask(s))
        case .array(let items): .array(items.map(mask))
        case .object(let o): .object(Dictionary(o.map { (mask($0.key), mask($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: value
        }
    }

    /// Every string inside a template value masked.
    public func mask(_ value: Value) -> Value {
        switch value {
        case .string(let s): .string(mask(s))
        case .list(let items): .list(items.map(mask))
        case .map(let m): .map(ValueMap(m.pairs.map { (mask($0.0), mask($0.1)) }))
        default: value
        }
    }

    /// The forms a secret can take in output.
    static func forms(of value: String) -> [String] {
        var result = [value]
        let lines = value.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
        if lines.count > 1 { result += lines }
        let bytes = Array(value.utf8)
        for offset in 0..<3 {
            let encoded = Data([UInt8](repeating: 0, count: offset) + bytes).base64EncodedString()
            // Characters that also depend on the bytes around the secret differ from text to text.
            let first = (offset * 8 + 5) / 6
            let last = ((offset + bytes.count) * 8) / 6
            // A short core (a few characters) would match ordinary text; whole encodings still count.
            guard last - first >= 8 else { continue }
            let chars = Array(encoded)
            let core = String(chars[first..<min(last, chars.count)])
            result.append(core)
            result.append(core.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
        }
        // The whole value encoded on its own, with its padding.
        result.append(Data(bytes).base64EncodedString())
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        // URL-encoded as RFC 3986 leaves unreserved characters, and as encoders that keep only
        // letters and digits do (a space may be + in forms).
        for set in [allowed, CharacterSet.alphanumerics] {
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: set), encoded != value {
                result.append(encoded)
                result.append(encoded.replacingOccurrences(of: "%20", with: "+"))
            }
        }
        return result
    }
}
