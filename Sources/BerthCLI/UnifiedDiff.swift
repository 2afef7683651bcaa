/// A unified diff of two texts, line by line (Myers' algorithm), as `diff -u` and `git diff`
/// print it: `--- a/PATH`, `+++ b/PATH`, hunks with three lines of context.
struct UnifiedDiff {
    let path: String
    let context = 3

    private enum Op: Equatable {
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// The diff, or "" when the texts are equal.
    func render(old: String, new: String) -> String {
        let a = Self.lines(old), b = Self.lines(new)
        guard a != b else { return "" }
        let ops = Self.diff(a, b)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        for hunk in hunks(ops) {
            out += header(hunk)
            for op in hunk {
                switch op {
                case .equal(let i, _): out += " " + a[i]
                case .delete(let i): out += "-" + a[i]
                case .insert(let j): out += "+" + b[j]
                }
            }
        }
        return out
    }

    /// Lines with their breaks; a last line without one is marked as diff marks it.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current + "\n\\ No newline at end of file\n") }
        return result
    }

    private func hunks(_ ops: [Op]) -> [[Op]] {
        var hunks: [[Op]] = []
        var current: [Op] = []
        var trailingEqual = 0
        for (index, op) in ops.enumerated() {
            if case .equal = op {
                if current.isEmpty { continue }
                current.append(op)
                trailingEqual += 1
                // Close the hunk once the gap to the next change exceeds both contexts.
                let nextChange = ops[(index + 1)...].firstIndex { if case .equal = $0 { false } else { true } }
                if nextChange.map({ $0 - index > 2 * context }) ?? true, trailingEqual >= context {
                    hunks.append(current)
                    current = []
                    trailingEqual = 0
                }
            } else {
                if current.isEmpty {
                    let start = max(0, index - context)
                    current = Array(ops[start..<index])
                }
                current.append(op)
                trailingEqual = 0
            }
        }
        if !current.isEmpty { hunks.append(current) }
        return hunks
    }

    private func header(_ hunk: [Op]) -> String {
        var oldStart: Int?, newStart: Int?, oldCount = 0, newCount = 0
        var oldNext = 0, newNext = 0
        for op in hunk {
            switch op {
            case .equal(let i, let j):
                oldStart = oldStart ?? i; newStart = newStart ?? j
                oldCount += 1; newCount += 1
                oldNext = i + 1; newNext = j + 1
            case .delete(let i):
                oldStart = oldStart ?? i
                oldCount += 1
                oldNext = i + 1
            case .insert(let j):
                newStart = newStart ?? j
                newCount += 1
                newNext = j + 1
            }
        }
        func range(_ start: Int?, _ count: Int, next: Int) -> String {
            // An empty side names the line before it, as diff does.
            count == 0 ? "\(start ?? next),0" : "\((start ?? 0) + 1),\(count)"
        }
        return "@@ -\(range(oldStart, oldCount, next: oldNext)) +\(range(newStart, newCount, next: newNext)) @@\n"
    }

    /// Myers' O((N+M)·D) shortest edit script; past `limit` differences, every line is replaced
    /// (a rewrite that large reads better whole, and the trace stays small).
    private static func diff(_ a: [String], _ b: [String], limit: Int = 4000) -> [Op] {
        let n = a.count, m = b.count, offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * (n + m) + 3)
        var trace: [[Int]] = []
        for d in 0...min(n + m, limit) {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[k + offset] = x
                if x >= n && y >= m { return backtrack(trace, n: n, m: m, offset: offset) }
            }
        }
        return (0..<n).map(Op.delete) + (0..<m).map(Op.insert)
    }

    private static func backtrack(_ trace: [[Int]], n: Int, m: Int, offset: Int) -> [Op] {
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let previousX = v[previousK + offset], previousY = previousX - previousK
            while x > previousX && y > previousY {
                ops.append(.equal(x - 1, y - 1))
                x -= 1; y -= 1
            }
            if d > 0 { ops.append(x == previousX ? .insert(y - 1) : .delete(x - 1)) }
            x = previousX; y = previousY
        }
        return ops.reversed()
    }
}
