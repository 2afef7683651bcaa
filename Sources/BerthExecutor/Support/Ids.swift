import Crypto
import Foundation

/// Kestra-style ids: 22 characters of base 62.
enum Ids {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A random id (executions, task runs).
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<22).map { _ in alphabet[Int(generator.next() % 62)] })
    }

    /// Kestra's `IdUtils.from(text)`: the same id for the same text (stored file names).
    static func stable(_ text: String) -> String {
        var number = Array(Insecure.MD5.hash(data: Data(text.utf8)))
        var out: [Character] = []
        // Repeated division of the 128-bit number by 62.
        while number.contains(where: { $0 != 0 }) && out.count < 22 {
            var remainder = 0
            for i in 0..<number.count {
                let value = remainder * 256 + Int(number[i])
                number[i] = UInt8(value / 62)
                remainder = value % 62
            }
            out.append(alphabet[remainder])
        }
        while out.count < 22 { out.append("0") }
        return String(out.reversed())
    }
}
