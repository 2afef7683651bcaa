import BerthEngine
import BerthExpressions
import BerthPlan
import Foundation

/// Checks made once per run before any container starts: every engine named answers, images needed
/// under NEVER are present, secrets that registry credentials name exist. Problems name the
/// task and its line; on the Swarm backend, so are settings a service cannot have. A device request on an engine without an NVIDIA runtime is only a
/// warning (GPUs can also come through CDI or the toolkit's hook).
struct Preflight {
    let plan: Plan
    let engines: any EngineProvider
    let environment: [String: String]

    func check() async throws(ExecutorError) -> [String] {
        let containers = plan.allNodes.filter { $0.container != nil }
        guard !containers.isEmpty else { return [] }
        // Every engine the plan names: the default one for tasks without a `host`, and each
        // literal runner `host` (a templated one is known only at run time).
        let literalHosts = Set(containers.compactMap { $0.container?.host?.stringValue }).sorted()
        let needsDefault = containers.contains { $0.container?.host == nil }
        var engine: (any ContainerEngine)?
        do {
            if needsDefault {
                engine = try engines.engine(host: nil)
                try await engine?.ping()
            }
            for host in literalHosts { try await engines.engine(host: host).ping() }
        } catch {
            throw ExecutorError.from(error)
        }
        var problems: [String] = [], warnings: [String] = []
        var runtimes: [String]?
        for node in containers {
            guard let spec = node.container else { continue }
            let create = spec.create.value
            let place = "task \"\(node.id)\" (\(plan.source):\(node.source.line))"
            if spec.host == nil, let engine, spec.pullPolicy == .string("NEVER"), case .string(let image)? = create["Image"],
               (try? await engine.imageExists(image)) == false {
                problems.append("\(place): image \(image) is not present and the pull policy is NEVER")
            }
            let templates = (spec.credentials ?? [:]).values.compactMap { $0.template?.text } + [spec.config?.template?.text].compactMap { $0 }
            for template in templates {
                for name in Self.secretNames(in: template) where environment["SECRET_\(name)"] == nil {
                    problems.append("\(place): registry credentials use secret('\(name)'), but SECRET_\(name) is not set")
                }
            }
            if engines.backend == .swarm, let host = create["HostConfig"],
               let decoded = try? JSONDecoder().decode(HostConfig.self, from: JSONEncoder().encode(host)),
               let refusal = SwarmEngine.refusal(for: decoded) {
                // A templated setting is known only at run time; `create` refuses it then.
                problems.append("\(place): \(refusal)")
            }
            if case .array(let requests)? = create["HostConfig"]?["DeviceRequests"], !requests.isEmpty {
                if runtimes == nil, let engine { runtimes = (try? await engine.info())?.runtimes ?? [] }
                let wantsNvidia = requests.contains { $0["Driver"]?.stringValue == "nvidia" || $0["Capabilities"] != nil }
                if wantsNvidia && !(runtimes ?? []).contains("nvidia") {
                    warnings.append("\(place): devices are requested but the engine lists no NVIDIA runtime (runtimes: \((runtimes ?? []).joined(separator: ", "))); the task fails if it cannot get them")
                }
            }
        }
        if !problems.isEmpty { throw ExecutorError.plan("preflight failed:\n  " + problems.joined(separator: "\n  ")) }
        return warnings
    }

    /// Names passed to `secret('…')` in a template.
    static func secretNames(in template: String) -> [String] {
        template.matches(of: /secret\(\s*['"]([^'"]+)['"]\s*\)/).map { String($0.output.1) }
    }
}
