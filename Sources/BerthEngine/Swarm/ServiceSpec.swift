/// The body of `POST /services/create` that berth sends: one container task as a Swarm service
/// in `replicated-job` mode (one completion, never restarted). Engine API field names.
struct ServiceSpec: Codable, Sendable, Equatable {
    struct Container: Codable, Sendable, Equatable {
        var Image: String
        var Command: [String]?
        var Args: [String]?
        var Env: [String]?
        var Dir: String?
        var User: String?
        var Labels: [String: String]?
        var TTY: Bool?
        /// `IP hostname` entries (hosts(5) order, unlike the container API's `host:IP`).
        var Hosts: [String]?
        var Mounts: [Mount]?
        var Configs: [ConfigReference]?
        /// Nanoseconds between the stop signal and SIGKILL.
        var StopGracePeriod: Int64?
    }

    struct Mount: Codable, Sendable, Equatable {
        var `Type`: String
        var Source: String
        var Target: String
        var ReadOnly: Bool?
        var TmpfsOptions: Tmpfs?

        struct Tmpfs: Codable, Sendable, Equatable { var SizeBytes: Int64 }
    }

    /// A Swarm config mounted as a file in the container.
    struct ConfigReference: Codable, Sendable, Equatable {
        struct FileTarget: Codable, Sendable, Equatable {
            /// Absolute path in the container.
            var Name: String
            var UID: String
            var GID: String
            /// Permission bits (decimal in JSON).
            var Mode: Int
        }
        var File: FileTarget
        var ConfigID: String
        var ConfigName: String
    }

    struct ResourceSet: Codable, Sendable, Equatable {
        struct Amounts: Codable, Sendable, Equatable {
            var NanoCPUs: Int64?
            var MemoryBytes: Int64?
        }
        var Limits: Amounts?
        var Reservations: Amounts?
    }

    struct Template: Codable, Sendable, Equatable {
        struct Restart: Codable, Sendable, Equatable { var Condition: String }
        struct Network: Codable, Sendable, Equatable { var Target: String }
        var ContainerSpec: Container
        var Resources: ResourceSet?
        var RestartPolicy: Restart
        var Networks: [Network]?
    }

    struct ModeSpec: Codable, Sendable, Equatable {
        struct Job: Codable, Sendable, Equatable {
            var MaxConcurrent: Int
            var TotalCompletions: Int
        }
        var ReplicatedJob: Job?
    }

    var Name: String
    var Labels: [String: String]?
    var TaskTemplate: Template
    var Mode: ModeSpec
}
