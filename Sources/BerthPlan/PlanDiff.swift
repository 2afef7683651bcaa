import Foundation

/// What changes between two plans (`berth compile --diff OLD NEW`): one line per added, removed
/// or changed value, with paths that name tasks by id.
public enum PlanDiff {
    public static func diff(_ old: Plan, _ new: Plan) -> [String] {
        let encoder = JSONEncoder()
        guard let a = try? JSONDecoder().decode(JSONValue.self, from: encoder.encode(old)),
              let b = try? JSONDecoder().decode(JSONValue.self, from: encoder.encode(new)) else { return [] }
        var lines: [String] = []
        compare(a, b, path: "", into: &lines)
        return lines
    }

    private static func compare(_ a: JSONValue, _ b: JSONValue, path: String, into lines: inout [String]) {
        if a == b { return }
        switch (a, b) {
        case (.object(let x), .object(let y)) where a.template == nil && b.template == nil:
            for key in Set(x.keys).union(y.keys).sorted() {
                let sub = path.isEmpty ? key : "\(path).\(key)"
                switch (x[key], y[key]) {
                case (nil, let added?): lines.append("+ \(sub): \(PlanText.show(added))")
                case (let removed?, nil): lines.append("- \(sub): \(PlanText.show(removed))")
                case (let l?, let r?): compare(l, r, path: sub, into: &lines)
                default: break
                }
            }
        case (.array(let x), .array(let y)) where isNodeList(x) && isNodeList(y):
            let xs = Dictionary(x.map { ($0["id"]!.stringValue!, $0) }, uniquingKeysWith: { a, _ in a })
            let ys = Dictionary(y.map { ($0["id"]!.stringValue!, $0) }, uniquingKeysWith: { a, _ in a })
            for id in x.compactMap({ $0["id"]?.stringValue }) where ys[id] == nil { lines.append("- \(path)[\(id)]") }
            for id in y.compactMap({ $0["id"]?.stringValue }) {
                let sub = "\(path)[\(id)]"
                if let before = xs[id] { compare(before, ys[id]!, path: sub, into: &lines) } else { lines.append("+ \(sub)") }
            }
            let order = { (list: [JSONValue]) in list.compactMap { $0["id"]?.stringValue }.filter { xs[$0] != nil && ys[$0] != nil } }
            if order(x) != order(y) { lines.append("~ \(path): order \(order(x).joined(separator: ", ")) → \(order(y).joined(separator: ", "))") }
        default:
            lines.append("~ \(path): \(PlanText.show(a)) → \(PlanText.show(b))")
        }
    }

    private static func isNodeList(_ items: [JSONValue]) -> Bool {
        !items.isEmpty && items.allSatisfy { $0["id"]?.stringValue != nil && $0["kind"] != nil }
    }
}
