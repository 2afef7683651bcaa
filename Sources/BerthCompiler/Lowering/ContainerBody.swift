import BerthFormats
import BerthExpressions
import BerthPlan
import BerthSchema

/// Docker runner properties → Engine API `HostConfig` fields, with sizes and CPUs normalised as
/// Kestra's converters do and run-time values kept as `$template`.
enum ContainerBody {
    static func bytes(_ value: JSONValue?) -> JSONValue? {
        guard let value, value != .null else { return nil }
        if let text = JSONConversion.text(value) {
            if TemplateParser.containsTemplate(text) { return .template(text, as: .bytes) }
            if let n = ByteSize.bytes(text) { return .int(n) }
        }
        return nil
    }

    static func nanoCpus(_ value: JSONValue?) -> JSONValue? {
        guard let value, value != .null, let text = JSONConversion.text(value) else { return nil }
        if TemplateParser.containsTemplate(text) { return .template(text, as: .nanoCpus) }
        return NanoCPUs.from(text).map { .int($0) }
    }

    static func strings(_ value: JSONValue?) -> [JSONValue]? {
        guard case .array(let items)? = value else {
            if let text = JSONConversion.text(value), TemplateParser.containsTemplate(text) { return [.template(text, as: .json)] }
            return nil
        }
        return items.map { JSONConversion.planValue(.string(JSONConversion.text($0) ?? "")) }
    }

    /// HostConfig and ExposedPorts from runner properties, written as canonical JSON; Binds
    /// gets `extraBinds` (MOUNT). `privileged` is the value HostConfig.Privileged was given.
    static func hostConfig(_ runner: [String: JSONValue], extraBinds: [JSONValue])
        -> (host: CanonicalWriter.Object, exposed: CanonicalWriter.Object, privileged: JSONValue?) {
        var host = CanonicalWriter.Object()
        var privilegedValue: JSONValue?
        if case .object(let cpu)? = runner["cpu"], let nano = nanoCpus(cpu["cpus"]) { host.set("NanoCpus", nano) }
        if case .object(let memory)? = runner["memory"] {
            let fields = [("memory", "Memory"), ("memorySwap", "MemorySwap"), ("memoryReservation", "MemoryReservation"),
                          ("memorySwappiness", "MemorySwappiness"), ("kernelMemory", "KernelMemory")]
            for (key, field) in fields { if let v = bytes(memory[key]) { host.set(field, v) } }
            if let oom = memory["oomKillDisable"], oom != .null { host.set("OomKillDisable", JSONConversion.bool(oom, default: false)) }
        }
        if let shm = bytes(runner["shmSize"]) { host.set("ShmSize", shm) }
        if let privileged = runner["privileged"], privileged != .null {
            let value = JSONConversion.bool(privileged, default: false)
            privilegedValue = value
            host.set("Privileged", value)
        }
        if let mode = JSONConversion.text(runner["networkMode"]) { host.set("NetworkMode", JSONConversion.planValue(.string(mode))) }
        if let hosts = strings(runner["extraHosts"]), !hosts.isEmpty { host.set("ExtraHosts", .array(hosts)) }
        var binds = strings(runner["volumes"]) ?? []
        binds += extraBinds
        if !binds.isEmpty { host.set("Binds", .array(binds)) }
        if case .array(let requests)? = runner["deviceRequests"], !requests.isEmpty {
            host.set("DeviceRequests", .array(requests.map(deviceRequest)))
        }
        var exposed = CanonicalWriter.Object()
        if case .array(let ports)? = runner["portBindings"], !ports.isEmpty {
            var bindings: [String: [JSONValue]] = [:]
            for port in ports.compactMap({ JSONConversion.text($0) }) {
                guard let (key, binding) = portBinding(port) else { continue }
                bindings[key, default: []].append(binding)
                exposed.set(key, .object([:]))
            }
            host.set("PortBindings", .object(bindings.mapValues { .array($0) }))
        }
        return (host, exposed, privilegedValue)
    }

    /// `docker run -p` syntax: `[ip:]hostPort:containerPort[/proto]` or `containerPort[/proto]`.
    static func portBinding(_ text: String) -> (String, JSONValue)? {
        var spec = text
        var proto = "tcp"
        if let slash = spec.lastIndex(of: "/") {
            proto = String(spec[spec.index(after: slash)...])
            spec = String(spec[..<slash])
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let (ip, hostPort, containerPort): (String, String, String) = switch parts.count {
        case 1: ("", "", parts[0])
        case 2: ("", parts[0], parts[1])
        default: (parts[0], parts[1], parts[2])
        }
        guard !containerPort.isEmpty else { return nil }
        return ("\(containerPort)/\(proto)", .object(["HostIp": .string(ip), "HostPort": .string(hostPort)]))
    }

    static func deviceRequest(_ value: JSONValue) -> JSONValue {
        guard case .object(let r) = value else { return value }
        var out: [String: JSONValue] = [:]
        if let driver = r["driver"] { out["Driver"] = JSONConversion.planValue(driver) }
        if let count = r["count"] {
            if let text = JSONConversion.text(count), TemplateParser.containsTemplate(text) { out["Count"] = .template(text, as: .integer) } else { out["Count"] = count }
        }
        if let ids = strings(r["deviceIds"]) { out["DeviceIDs"] = .array(ids) }
        if let capabilities = r["capabilities"] { out["Capabilities"] = JSONConversion.planValue(capabilities) }
        if let options = r["options"] { out["Options"] = JSONConversion.planValue(options) }
        return .object(out)
    }
}
