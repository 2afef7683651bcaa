import BerthPlan
import Foundation

/// Where task output goes: one line per log line, prefixed with the task id; stdout lines at
/// INFO, stderr at ERROR (as Kestra). Secrets are masked in every line — their literal, base64
/// and URL-encoded forms.
public final class ExecutionLog: @unchecked Sendable {
    public enum Level: String, Sendable { case trace = "TRACE", debug = "DEBUG", info = "INFO", warn = "WARN", error = "ERROR" }

    private let lock = NSLock()
    private let write: @Sendable (Level, String) -> Void
    private var secrets: [String] = []
    private let colour: Bool

    public init(colour: Bool = false, write: @escaping @Sendable (Level, String) -> Void) {
        self.colour = colour
        self.write = write
    }

    /// Adds values to mask (each with its base64 and URL-encoded forms).
    public func mask(_ values: some Sequence<String>) {
        lock.withLock {
            for value in values where value.count >= 3 && !secrets.contains(value) {
                secrets.append(value)
                let base64 = Data(value.utf8).base64EncodedString()
                if !secrets.contains(base64) { secrets.append(base64) }
                if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != value, !secrets.contains(encoded) {
                    secrets.append(encoded)
                }
            }
            // Longest first, so a secret containing another is masked whole.
            secrets.sort { $0.count > $1.count }
        }
    }

    func masked(_ line: String) -> String {
        lock.withLock {
            var out = line
            for secret in secrets where out.contains(secret) { out = out.replacingOccurrences(of: secret, with: "******") }
            return out
        }
    }

    /// Masks every string inside a JSON value (outputs written to the journal).
    func maskedJSON(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): .string(masked(s))
        case .array(let items): .array(items.map(maskedJSON))
        case .object(let o): .object(o.mapValues(maskedJSON))
        default: value
        }
    }

    public func task(_ taskId: String, _ level: Level, _ message: String) {
        let line = "[\(taskId)] \(masked(message))"
        guard colour else { return write(level, line) }
        // On a terminal each task gets its own colour for the prefix; errors are red.
        let palette = ["36", "32", "35", "34", "33", "96", "92", "95"]
        let index = Int(taskId.unicodeScalars.reduce(UInt32(7)) { ($0 &* 31) &+ $1.value } % UInt32(palette.count))
        let body = level == .error ? "\u{1B}[31m\(masked(message))\u{1B}[0m" : masked(message)
        write(level, "\u{1B}[\(palette[index])m[\(taskId)]\u{1B}[0m \(body)")
    }

    public func system(_ level: Level, _ message: String) {
        write(level, masked(message))
    }
}
