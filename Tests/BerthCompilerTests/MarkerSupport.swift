import BerthCompiler
import BerthDiagnostics
import Testing

/// Inline YAML with position markers (1️⃣ … 9️⃣): the markers are removed and each one's
/// byte offset recorded, so a test can pin where a diagnostic starts.
struct MarkedSource {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
    let text: String
    let offsets: [String: Int]

    init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in Self.markers where rest.hasPrefix(marker) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            text.append(rest.removeFirst())
        }
        self.text = text
        self.offsets = offsets
    }
}

/// Checks `marked` and expects exactly `expected` (marker, code) diagnostics, infos included
/// only when listed. Audits are off unless `options` turns them on (AuditTests do), so each
/// check's tests see only that check.
func expectDiagnostics(_ marked: String, _ expected: [(String, String)], options: CheckOptions = CheckOptions(audits: .off),
                       sourceLocation: SourceLocation = #_sourceLocation) {
    let source = MarkedSource(marked)
    let result = FlowCheck.check(SourceFile(path: "t.yaml", text: source.text), options: options)
    let actual = result.diagnostics.map { "\($0.range.start.offset):\($0.code.rawValue)" }.sorted()
    let wanted = expected.map { "\(source.offsets[$0.0] ?? -1):\($0.1)" }.sorted()
    #expect(actual == wanted, "\(ShortRenderer().render(result.diagnostics))", sourceLocation: sourceLocation)
}
