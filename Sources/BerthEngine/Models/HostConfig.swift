/// `HostConfig` of a create request and of an inspection: resources in bytes and nano-CPUs.
public struct HostConfig: Codable, Sendable, Equatable {
    public var nanoCpus: Int64?
    public var memory: Int64?
    public var memorySwap: Int64?
    public var memoryReservation: Int64?
    public var memorySwappiness: Int64?
    public var kernelMemory: Int64?
    public var oomKillDisable: Bool?
    public var shmSize: Int64?
    public var privileged: Bool?
    public var networkMode: String?
    public var extraHosts: [String]?
    /// `host:container[:mode]` binds.
    public var binds: [String]?
    /// `"80/tcp": [{HostIp, HostPort}]`.
    public var portBindings: [String: [PortBinding]]?
    public var deviceRequests: [DeviceRequest]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case nanoCpus = "NanoCpus", memory = "Memory", memorySwap = "MemorySwap", memoryReservation = "MemoryReservation"
        case memorySwappiness = "MemorySwappiness", kernelMemory = "KernelMemory", oomKillDisable = "OomKillDisable"
        case shmSize = "ShmSize", privileged = "Privileged", networkMode = "NetworkMode", extraHosts = "ExtraHosts", binds = "Binds"
        case portBindings = "PortBindings", deviceRequests = "DeviceRequests"
    }
}

public struct PortBinding: Codable, Sendable, Equatable {
    public var hostIp: String?
    public var hostPort: String?

    public init(hostIp: String?, hostPort: String?) {
        self.hostIp = hostIp
        self.hostPort = hostPort
    }

    enum CodingKeys: String, CodingKey { case hostIp = "HostIp", hostPort = "HostPort" }
}

/// A device request (`docker run --gpus`).
public struct DeviceRequest: Codable, Sendable, Equatable {
    public var driver: String?
    /// Number of devices; -1 for all.
    public var count: Int64?
    public var deviceIDs: [String]?
    /// An OR of ANDs of capabilities, e.g. `[["gpu"]]`.
    public var capabilities: [[String]]?
    public var options: [String: String]?

    public init(driver: String? = nil, count: Int64? = nil, deviceIDs: [String]? = nil, capabilities: [[String]]? = nil, options: [String: String]? = nil) {
        self.driver = driver
        self.count = count
        self.deviceIDs = deviceIDs
        self.capabilities = capabilities
        self.options = options
    }

    enum CodingKeys: String, CodingKey { case driver = "Driver", count = "Count", deviceIDs = "DeviceIDs", capabilities = "Capabilities", options = "Options" }
}
