/// Applies fix-its to the bytes of one file, as `berth lint --fix` does: at most one fix-it per
/// diagnostic (its first one that qualifies), never two whose edits overlap (the later one waits
/// for the next round, when the file is checked again), edits from the end so that offsets stay
/// right.
public enum FixApplier {
    /// The new bytes and the diagnostics whose fix-it was applied.
    public struct Result: Sendable {
        public let bytes: [UInt8]
        public let fixed: [Diagnostic]
    }

    /// `bytes` with the qualifying fix-its of `diagnostics` (those of `path`) applied.
    /// `suggestions`: apply `maybeIncorrect` fix-its too.
    public static func apply(_ diagnostics: [Diagnostic], path: String, to bytes: [UInt8], suggestions: Bool = false) -> Result {
        var taken: [Range<Int>] = []
        var edits: [TextEdit] = []
        var fixed: [Diagnostic] = []
        for diagnostic in diagnostics where diagnostic.path == path {
            let candidates = diagnostic.fixIts.filter { suggestions || $0.applicability == .machineApplicable }
            guard let fix = candidates.first(where: { fits($0, bytes: bytes, besides: taken) }) else { continue }
            taken += fix.edits.map(\.range.offsets)
            edits += fix.edits
            fixed.append(diagnostic)
        }
        var result = bytes
        for edit in edits.sorted(by: { $0.range.start.offset > $1.range.start.offset }) {
            result.replaceSubrange(edit.range.offsets, with: Array(edit.replacement.utf8))
        }
        return Result(bytes: result, fixed: fixed)
    }

    /// Whether `fix`'s edits lie inside the file and touch neither each other nor `taken`
    /// (two insertions at one offset count as touching: their order would be a guess).
    private static func fits(_ fix: FixIt, bytes: [UInt8], besides taken: [Range<Int>]) -> Bool {
        let ranges = fix.edits.map(\.range.offsets)
        guard !ranges.isEmpty, ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= bytes.count }) else { return false }
        let all = taken + ranges
        for (i, a) in ranges.enumerated() {
            for (j, b) in all.enumerated() where j != taken.count + i {
                if a.overlaps(b) || a.lowerBound == b.lowerBound || (a.isEmpty && b.contains(a.lowerBound)) || (b.isEmpty && a.contains(b.lowerBound)) {
                    return false
                }
            }
        }
        return true
    }
}
