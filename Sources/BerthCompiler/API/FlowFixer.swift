import BerthDiagnostics

/// Applies a file's fix-its until none applies, re-checking after each round (`berth lint
/// --fix`, `berth migrate`, the language server's "fix all"). A round whose result has an error
/// the file did not have is undone and retried one fix at a time, keeping only the fixes that
/// add no error: a fix-it never makes a flow worse.
public struct FlowFixer: Sendable {
    /// Rounds of check + apply; each round re-checks the fixed text, so edits never stack blindly.
    public static let maxRounds = 10
    public let options: CheckOptions
    /// Apply `maybeIncorrect` fix-its too (`--fix-suggestions`, `--unsafe-fixes`).
    public let suggestions: Bool
    /// Apply only the fix-its of these codes (`berth migrate`: the Kestra 2.0 rewrites); nil: all.
    public let codes: Set<DiagnosticCode>?

    public init(options: CheckOptions, suggestions: Bool, codes: Set<DiagnosticCode>? = nil) {
        self.options = options
        self.suggestions = suggestions
        self.codes = codes
    }

    public struct Outcome: Sendable {
        /// The last check, of the fixed text.
        public let result: CheckResult
        /// How many diagnostics were fixed.
        public let fixed: Int
        /// The fixed bytes, nil when nothing changed.
        public let bytes: [UInt8]?
        /// Fix-its left out because applying them added an error (their diagnostics' messages).
        public let rejected: [Diagnostic]
    }

    public func fix(_ file: SourceFile) -> Outcome {
        var current = file
        var result = FlowCheck.check(current, options: options)
        // A file whose bytes the reader had to replace (not UTF-8) is left alone: writing it back
        // would change more than the fixes.
        guard result.file.bytes == file.bytes else { return Outcome(result: result, fixed: 0, bytes: nil, rejected: []) }
        var fixed = 0
        var rejected: [Diagnostic] = []
        var rejectedKeys: Set<String> = []
        for _ in 0..<Self.maxRounds {
            let candidates = result.diagnostics.filter { diagnostic in
                !rejectedKeys.contains(Self.key(diagnostic)) && codes?.contains(diagnostic.code) != false
            }
            let applied = FixApplier.apply(candidates, path: current.path, to: current.bytes, suggestions: suggestions)
            guard !applied.fixed.isEmpty, applied.bytes != current.bytes else { break }
            let next = SourceFile(path: current.path, bytes: applied.bytes)
            let nextResult = FlowCheck.check(next, options: options)
            if !Self.addsError(nextResult.diagnostics, to: result.diagnostics, fixed: applied.fixed) {
                fixed += applied.fixed.count
                (current, result) = (next, nextResult)
                continue
            }
            // One at a time: keep each fix whose result adds no error.
            var progress = false
            for diagnostic in applied.fixed {
                let single = FixApplier.apply([diagnostic], path: current.path, to: current.bytes, suggestions: suggestions)
                guard !single.fixed.isEmpty, single.bytes != current.bytes else { continue }
                let trial = SourceFile(path: current.path, bytes: single.bytes)
                let trialResult = FlowCheck.check(trial, options: options)
                if Self.addsError(trialResult.diagnostics, to: result.diagnostics, fixed: single.fixed) {
                    rejected.append(diagnostic)
                    rejectedKeys.insert(Self.key(diagnostic))
                } else {
                    fixed += 1
                    progress = true
                    (current, result) = (trial, trialResult)
                    // The other fixes' ranges were computed on the old text: check again first.
                    break
                }
            }
            if !progress && rejected.isEmpty { break }
        }
        return Outcome(result: result, fixed: fixed, bytes: current.bytes == file.bytes ? nil : current.bytes, rejected: rejected)
    }

    /// Whether `after` has an error (by code and message) more often than `before` had it,
    /// not counting the fixed diagnostics themselves.
    static func addsError(_ after: [Diagnostic], to before: [Diagnostic], fixed: [Diagnostic]) -> Bool {
        var counts: [String: Int] = [:]
        for diagnostic in before where diagnostic.severity == .error { counts[key(diagnostic), default: 0] += 1 }
        for diagnostic in after where diagnostic.severity == .error {
            let k = key(diagnostic)
            if counts[k, default: 0] == 0 { return true }
            counts[k]! -= 1
        }
        return false
    }

    /// A diagnostic's identity across rounds, where its position may move.
    static func key(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code.rawValue)\u{0}\(diagnostic.message)"
    }
}
