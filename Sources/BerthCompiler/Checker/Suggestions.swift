/// "Did you mean" by edit distance.
enum Suggestions {
    /// The closest candidate within a distance that scales with the word, or nil. Ties go to
    /// the earlier candidate. Comparison ignores case.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: most candidates stop here.
            guard abs(candidate.unicodeScalars.count - lowered.count) <= min(limit, best.map { $0.1 - 1 } ?? limit) else { continue }
            let bound = best.map { $0.1 - 1 } ?? limit
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars), limit: bound)
            if distance <= bound { best = (candidate, distance) }
        }
        return best?.0
    }

    /// For type names: compare the whole name, then the last dotted component.
    static func closestType(to name: String, in candidates: [String]) -> String? {
        if let whole = closest(to: name, in: candidates) { return whole }
        let simple = name.split(separator: ".").last.map(String.init) ?? name
        let bySimple = candidates.filter { $0.split(separator: ".").last.map(String.init)?.lowercased() == simple.lowercased() }
        if bySimple.count == 1 { return bySimple[0] }
        let simpleNames = candidates.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
        if let match = closest(to: simple, in: simpleNames), let index = simpleNames.firstIndex(of: match) {
            return candidates[index]
        }
        return nil
    }

    /// Optimal string alignment distance (insert, delete, substitute, swap adjacent) over
    /// Unicode scalars. Gives up with `limit + 1` as soon as every cell of a row exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: i-2, i-1 and i.
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
