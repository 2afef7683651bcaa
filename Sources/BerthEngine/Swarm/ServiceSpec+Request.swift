extension ServiceSpec {
    /// The service that runs `request` as a one-off job named `name`. Settings a Swarm service
    /// cannot honour are refused (``EngineError/unsupported(_:)``) when dropping them would change
    /// what the task may do (privileges, ports, devices, no network); those that only tune
    /// the kernel's memory handling come back as warnings.
    static func job(_ request: ContainerCreateRequest, name: String) throws(EngineError) -> (spec: ServiceSpec, warnings: [String]) {
        let host = request.hostConfig ?? HostConfig()
        var warnings: [String] = []
        try refuseWhatSwarmCannotDo(host)
        if host.memorySwap != nil { warnings.append(unavailable("memorySwap", "no swap limit is set")) }
        if host.memorySwappiness != nil { warnings.append(unavailable("memorySwappiness", "the kernel's default applies")) }
        if host.kernelMemory != nil { warnings.append(unavailable("kernelMemory", "no kernel memory limit is set")) }
        if host.oomKillDisable == true { warnings.append(unavailable("oomKillDisable", "the task can be killed when out of memory")) }
        var container = Container(Image: request.image, Command: request.entrypoint, Args: request.cmd, Env: request.env,
                                  Dir: request.workingDir, User: request.user, Labels: request.labels, TTY: request.tty)
        container.Hosts = host.extraHosts?.compactMap(hostsLine)
        var mounts = try (host.binds ?? []).map(bindMount)
        if let shm = host.shmSize, shm > 0 {
            // A service has no shm size: a tmpfs of that size at /dev/shm is the same thing.
            mounts.append(Mount(Type: "tmpfs", Source: "", Target: "/dev/shm", TmpfsOptions: .init(SizeBytes: shm)))
        }
        container.Mounts = mounts.isEmpty ? nil : mounts
        let limits = ResourceSet.Amounts(NanoCPUs: host.nanoCpus, MemoryBytes: host.memory)
        let reservations = ResourceSet.Amounts(NanoCPUs: nil, MemoryBytes: host.memoryReservation)
        let resources = ResourceSet(Limits: limits.isEmpty ? nil : limits, Reservations: reservations.isEmpty ? nil : reservations)
        var networks: [Template.Network]?
        if let mode = host.networkMode, !["", "default", "bridge"].contains(mode) { networks = [.init(Target: mode)] }
        let template = Template(ContainerSpec: container, Resources: resources, RestartPolicy: .init(Condition: "none"), Networks: networks)
        let spec = ServiceSpec(Name: name, Labels: request.labels, TaskTemplate: template,
                               Mode: ModeSpec(ReplicatedJob: .init(MaxConcurrent: 1, TotalCompletions: 1)))
        return (spec, warnings)
    }

    static func refuseWhatSwarmCannotDo(_ host: HostConfig) throws(EngineError) {
        if host.privileged == true { throw .unsupported("privileged containers are not available to Swarm services; run this task with --backend docker") }
        if let ports = host.portBindings, !ports.isEmpty {
            throw .unsupported("published ports (\(ports.keys.sorted().joined(separator: ", "))) are not available to berth's Swarm jobs (Swarm publishes through its routing mesh); run this task with --backend docker")
        }
        if let devices = host.deviceRequests, !devices.isEmpty {
            throw .unsupported("device requests (GPUs) are not available to Swarm services; run this task with --backend docker")
        }
        if host.networkMode == "none" {
            throw .unsupported("networkMode none is not available to Swarm services (a task is always attached to a network); remove it or run this task with --backend docker")
        }
    }

    private static func unavailable(_ setting: String, _ consequence: String) -> String {
        "\(setting) is not available to Swarm services: \(consequence)"
    }

    /// `host:IP` (the container API) as `IP host` (a service's hosts(5) order).
    private static func hostsLine(_ entry: String) -> String? {
        guard let colon = entry.firstIndex(of: ":") else { return nil }
        return "\(entry[entry.index(after: colon)...]) \(entry[..<colon])"
    }

    /// `source:target[:options]`: a host path is a bind mount, a name a volume.
    private static func bindMount(_ bind: String) throws(EngineError) -> Mount {
        let parts = bind.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw .unsupported("volume \"\(bind)\" is not source:target[:ro]") }
        let readOnly = parts.count > 2 && parts[2].split(separator: ",").contains("ro")
        return Mount(Type: parts[0].hasPrefix("/") ? "bind" : "volume", Source: parts[0], Target: parts[1], ReadOnly: readOnly ? true : nil)
    }
}

extension ServiceSpec.ResourceSet.Amounts {
    var isEmpty: Bool { NanoCPUs == nil && MemoryBytes == nil }
}
