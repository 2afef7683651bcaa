@testable import BerthEngine
import Foundation
import Testing

/// A container request as the Swarm service that runs it: every setting carried over, or
/// refused, or warned about — never dropped without a word.
@Suite struct ServiceSpecTests {
    static func request(_ host: HostConfig = HostConfig()) -> ContainerCreateRequest {
        ContainerCreateRequest(image: "busybox:1.36", cmd: ["-c", "echo hi"], entrypoint: ["/bin/sh"], env: ["A=1"], workingDir: "/tmp/wd",
                               user: "65534:65534", labels: ["kestra.io/execution-id": "e1", "berth.runner": "berth"], hostConfig: host)
    }

    @Test func aJobCarriesTheCommandEnvironmentUserResourcesAndLabels() throws {
        var host = HostConfig()
        host.nanoCpus = 500_000_000
        host.memory = 256 << 20
        host.memoryReservation = 128 << 20
        host.extraHosts = ["metrics.local:127.0.0.1"]
        host.shmSize = 64 << 20
        host.binds = ["/srv/data:/data:ro", "cache:/cache"]
        host.networkMode = "backend"
        let (spec, warnings) = try ServiceSpec.job(Self.request(host), name: "berth-x")
        #expect(warnings.isEmpty)
        let container = spec.TaskTemplate.ContainerSpec
        #expect(container.Command == ["/bin/sh"] && container.Args == ["-c", "echo hi"], "entrypoint and cmd as the container API has them")
        #expect(container.Env == ["A=1"] && container.Dir == "/tmp/wd" && container.User == "65534:65534")
        #expect(container.Hosts == ["127.0.0.1 metrics.local"], "hosts(5) order")
        #expect(container.Mounts == [
            .init(Type: "bind", Source: "/srv/data", Target: "/data", ReadOnly: true),
            .init(Type: "volume", Source: "cache", Target: "/cache"),
            .init(Type: "tmpfs", Source: "", Target: "/dev/shm", TmpfsOptions: .init(SizeBytes: 64 << 20)),
        ])
        #expect(spec.TaskTemplate.Resources?.Limits == .init(NanoCPUs: 500_000_000, MemoryBytes: 256 << 20))
        #expect(spec.TaskTemplate.Resources?.Reservations == .init(NanoCPUs: nil, MemoryBytes: 128 << 20))
        #expect(spec.TaskTemplate.RestartPolicy.Condition == "none")
        #expect(spec.TaskTemplate.Networks == [.init(Target: "backend")])
        #expect(spec.Mode.ReplicatedJob == .init(MaxConcurrent: 1, TotalCompletions: 1))
        #expect(spec.Labels?["kestra.io/execution-id"] == "e1" && container.Labels?["berth.runner"] == "berth", "labels on the service and its container")
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        #expect(json.contains("\"ReplicatedJob\":{") && json.contains("\"NanoCPUs\":500000000"), "Engine API field names: \(json)")
    }

    @Test(arguments: [
        ("privileged", "privileged containers are not available to Swarm services"),
        ("ports", "published ports (80/tcp) are not available to berth's Swarm jobs"),
        ("devices", "device requests (GPUs) are not available to Swarm services"),
        ("none", "networkMode none is not available to Swarm services"),
    ])
    func whatASwarmServiceCannotDoIsRefused(setting: String, message: String) {
        var host = HostConfig()
        switch setting {
        case "privileged": host.privileged = true
        case "ports": host.portBindings = ["80/tcp": [PortBinding(hostIp: nil, hostPort: "8080")]]
        case "devices": host.deviceRequests = [DeviceRequest(driver: "nvidia", count: -1)]
        default: host.networkMode = "none"
        }
        #expect {
            _ = try ServiceSpec.job(Self.request(host), name: "berth-x")
        } throws: { error in
            guard case .unsupported(let text) = error as? EngineError else { return false }
            return text.hasPrefix(message) && text.hasSuffix("--backend docker")
        }
    }

    @Test func memoryTuningSwarmLacksIsAWarning() throws {
        var host = HostConfig()
        host.memorySwap = 512 << 20
        host.memorySwappiness = 60
        host.kernelMemory = 64 << 20
        host.oomKillDisable = true
        let (_, warnings) = try ServiceSpec.job(Self.request(host), name: "berth-x")
        #expect(warnings == [
            "memorySwap is not available to Swarm services: no swap limit is set",
            "memorySwappiness is not available to Swarm services: the kernel's default applies",
            "kernelMemory is not available to Swarm services: no kernel memory limit is set",
            "oomKillDisable is not available to Swarm services: the task can be killed when out of memory",
        ])
    }

    @Test func theCompleteLogAddsOnlyWhatTheFollowedStreamMissed() {
        let delivered = DeliveredBytes()
        delivered.add(OutputChunk(.stdout, Array("one\ntw".utf8)))
        delivered.add(OutputChunk(.stderr, Array("err\n".utf8)))
        #expect(delivered.unseen(OutputChunk(.stderr, Array("err\n".utf8))).isEmpty)
        #expect(delivered.unseen(OutputChunk(.stdout, Array("one\n".utf8))).isEmpty)
        #expect(delivered.unseen(OutputChunk(.stdout, Array("two\n".utf8))) == Array("o\n".utf8))
        #expect(delivered.unseen(OutputChunk(.stdout, Array("three\n".utf8))) == Array("three\n".utf8))
    }
}
