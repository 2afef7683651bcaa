/// "Did you mean" by edit distance.
enum Suggestions {
    /// The closest candidate within a distance that scales with the word, or nil.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        let lowered = word.lowercased()
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, best == nil || distance < best!.1 { best = (candidate, distance) }
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

    /// Optimal string alignment distance (insert, delete, substitute, swap adjacent).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
