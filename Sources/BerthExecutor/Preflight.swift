import BerthExpressions
import BerthPlan
import Foundation

/// Checks made once per run before any container starts: images needed under NEVER are
/// present, secrets that credentials name exist, a GPU runtime exists when devices are
/// requested. Problems name the task and its line.
enum Preflight {
    static func check(_ plan: Plan, engine: DockerEngine, environment: [String: String]) async throws {
        var problems: [String] = []
        var runtimes: Set<String>?
        func visit(_ nodes: [PlanNode]) async {
            for node in nodes {
                if let spec = node.container {
                    let place = "task \"\(node.id)\" (\(plan.source):\(node.source.line))"
                    if spec.pullPolicy == "NEVER", case .string(let image)? = spec.create["Image"],
                       (try? await engine.imageExists(image)) == false {
                        problems.append("\(place): image \(image) is not present and the pull policy is NEVER")
                    }
                    for value in (spec.credentials ?? [:]).values {
                        guard let template = value.template?.text else { continue }
                        for name in secretNames(in: template) where environment["SECRET_\(name)"] == nil {
                            problems.append("\(place): registry credentials use secret('\(name)'), but SECRET_\(name) is not set")
                        }
                    }
                    if case .array(let requests)? = spec.create["HostConfig"]?["DeviceRequests"], !requests.isEmpty {
                        if runtimes == nil {
                            let info = (try? await engine.call(.GET, "/info", name: "info")).map { DockerEngine.json($0.body) } ?? [:]
                            runtimes = Set((info["Runtimes"] as? [String: Any])?.keys.map { $0 } ?? [])
                        }
                        let wantsNvidia = requests.contains { $0["Driver"]?.stringValue == "nvidia" || $0["Capabilities"] != nil }
                        if wantsNvidia && !(runtimes ?? []).contains("nvidia") {
                            problems.append("\(place): devices are requested but the engine has no NVIDIA runtime (runtimes: \((runtimes ?? []).sorted().joined(separator: ", ")))")
                        }
                    }
                }
                await visit(node.children.keys.sorted().flatMap { node.children[$0]! } + node.errors + node.finally)
            }
        }
        await visit(plan.tasks + plan.errors + plan.finally + plan.afterExecution)
        if !problems.isEmpty { throw ExecutorError.plan("preflight failed:\n  " + problems.joined(separator: "\n  ")) }
    }

    /// Names passed to `secret('…')` in a template.
    static func secretNames(in template: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"secret\(\s*['"]([^'"]+)['"]\s*\)"#) else { return [] }
        return regex.matches(in: template, range: NSRange(template.startIndex..., in: template)).compactMap {
            Range($0.range(at: 1), in: template).map { String(template[$0]) }
        }
    }
}
