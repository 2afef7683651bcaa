import BerthEngine
import BerthPlan
import Foundation

/// The plan's create body as a typed request, refusing fields the request model would drop.
enum CreateBody {
    static func decode(_ body: JSONValue, taskId: String) throws(ExecutorError) -> ContainerCreateRequest {
        let request: ContainerCreateRequest
        do {
            request = try JSONDecoder().decode(ContainerCreateRequest.self, from: JSONEncoder().encode(body))
        } catch {
            throw ExecutorError.task("task \"\(taskId)\": the container settings are not valid: \(DockerEngine.decodingProblem(error))")
        }
        let back = (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(request))) ?? .null
        if let path = difference(body, back, path: "") {
            throw ExecutorError.task("task \"\(taskId)\": the plan's create body has \(path), which this berth does not send to the engine")
        }
        return request
    }

    /// The first path where `a` holds something `b` does not (numbers compared by value).
    static func difference(_ a: JSONValue, _ b: JSONValue, path: String) -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for key in x.keys.sorted() where x[key] != .null {
                guard let other = y[key] else { return path.isEmpty ? key : "\(path).\(key)" }
                if let found = difference(x[key]!, other, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return path }
            for (i, pair) in zip(x, y).enumerated() {
                if let found = difference(pair.0, pair.1, path: "\(path)[\(i)]") { return found }
            }
            return nil
        case (.int(let x), .double(let y)): return Double(x) == y ? nil : path
        case (.double(let x), .int(let y)): return x == Double(y) ? nil : path
        default: return a == b ? nil : path
        }
    }
}
