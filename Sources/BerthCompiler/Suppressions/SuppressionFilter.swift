import BerthDiagnostics
import BerthYAML

/// Applies a file's suppression comments to its diagnostics: a warning or info they name on the
/// line they cover (or anywhere, for `ignore-file`) is dropped. An error is never dropped (a
/// flow with one cannot run), a suppression that silences nothing is reported as unused, and a
/// malformed one as invalid.
enum SuppressionFilter {
    static func apply(_ diagnostics: [Diagnostic], stream: YAMLStream) -> [Diagnostic] {
        // Every suppression says "berth": a file that never does has none (and no malformed one),
        // and skips walking its tree for quoted scalars.
        guard mentionsBerth(stream.file.bytes) else { return diagnostics }
        let (suppressions, problems) = SuppressionScanner(stream).scan()
        guard !suppressions.isEmpty || !problems.isEmpty else { return diagnostics }
        var used: Set<[Int]> = []  // [suppression index, code index]
        var kept: [Diagnostic] = []
        var refused: [Diagnostic] = []
        for diagnostic in diagnostics {
            let matches = matching(diagnostic, suppressions)
            guard !matches.isEmpty else { kept.append(diagnostic); continue }
            matches.forEach { used.insert($0) }
            if diagnostic.severity == .error {
                kept.append(diagnostic)
                for match in matches {
                    let range = suppressions[match[0]].codes[match[1]].range
                    refused.append(Diagnostic(.warning, "invalid-suppression", "\"\(diagnostic.code)\" here is an error, and errors cannot be suppressed",
                                              path: stream.file.path, range: range, notes: [Note("the error", path: diagnostic.path, range: diagnostic.range)]))
                }
            }
        }
        return kept + problems + refused + unused(suppressions, used: used, file: stream.file)
    }

    static func mentionsBerth(_ bytes: [UInt8]) -> Bool {
        let word: [UInt8] = Array("berth".utf8)
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: word[0]) {
            if bytes.count - found >= word.count && bytes[found..<found + word.count].elementsEqual(word) { return true }
            index = found + 1
        }
        return false
    }

    /// `[suppression, code]` index pairs that name `diagnostic`'s code and cover its line.
    private static func matching(_ diagnostic: Diagnostic, _ suppressions: [Suppression]) -> [[Int]] {
        var found: [[Int]] = []
        for (index, suppression) in suppressions.enumerated() where suppression.covers(diagnostic) {
            for (codeIndex, entry) in suppression.codes.enumerated() where entry.code == diagnostic.code.rawValue {
                found.append([index, codeIndex])
            }
        }
        return found
    }

    private static func unused(_ suppressions: [Suppression], used: Set<[Int]>, file: SourceFile) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, suppression) in suppressions.enumerated() {
            let unusedCodes = suppression.codes.indices.filter { !used.contains([index, $0]) }
            // Removing the comment is offered when it silences nothing at all.
            let removal = unusedCodes.count == suppression.codes.count ? [removal(of: suppression, in: file)] : []
            for codeIndex in unusedCodes {
                let entry = suppression.codes[codeIndex]
                let scope = suppression.line.map { "on line \($0)" } ?? "in this file"
                found.append(Diagnostic(.info, "unused-suppression", "this suppression of \"\(entry.code)\" matches no diagnostic \(scope)",
                                        path: file.path, range: entry.range, fixIts: removal))
            }
        }
        return found
    }

    /// Deletes the comment with the blanks before it; a comment alone on its line goes with its line.
    private static func removal(of suppression: Suppression, in file: SourceFile) -> FixIt {
        let lineIndex = suppression.comment.start.line - 1
        let lineStart = file.lineStarts[lineIndex]
        var start = suppression.comment.start.offset
        while start > lineStart, file.bytes[start - 1] == 0x20 || file.bytes[start - 1] == 0x09 { start -= 1 }
        var end = suppression.comment.end.offset
        if start == lineStart { end = file.lineContentEnd(lineIndex: lineIndex, includeBreak: true) }
        return FixIt("remove the suppression", edits: [TextEdit(range: file.range(start..<end), replacement: "")])
    }
}
