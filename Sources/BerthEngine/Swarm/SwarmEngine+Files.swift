import Foundation

extension SwarmEngine {
    /// Swarm's limit on a config: more than 0 and less than 1000 KiB.
    static let configLimit = 1000 * 1024

    /// The working directory's files become Swarm configs mounted at the same paths (with
    /// their modes and owners); a directory with no file in it gets a marker so that it exists.
    /// Refused before anything is created: a file above Swarm's config limit, an empty file.
    public func putArchive(_ id: String, path: String, tar: [UInt8]) async throws {
        guard lock.withLock({ pending[id] != nil }) else {
            throw EngineError.api(status: 409, message: "service \(id) has started: files can only be given before", operation: "copy files into the service")
        }
        let entries = try Tar.read(tar, stripFirst: false)
        let base = path.hasSuffix("/") ? path : path + "/"
        // The engine makes the working directory itself: it needs no marker.
        let workingDir = lock.withLock { pending[id]?.spec.TaskTemplate.ContainerSpec.Dir }
        var files: [(target: String, entry: Tar.Entry)] = []
        for entry in entries {
            let target = base + entry.path
            switch entry.kind {
            case .file:
                guard !entry.data.isEmpty else {
                    throw EngineError.unsupported("input file \(target) is empty: Swarm configs cannot be empty; give it content or run this task with --backend docker")
                }
                guard entry.data.count < Self.configLimit else {
                    throw EngineError.unsupported("input file \(target) is \(entry.data.count) bytes: Swarm configs must be less than 1000 KiB (\(Self.configLimit) bytes); pass it through storage the task downloads, or run this task with --backend docker")
                }
                files.append((target, entry))
            case .symlink:
                throw EngineError.unsupported("\(target) is a symbolic link: Swarm configs are files only; run this task with --backend docker")
            case .directory:
                let inside = target.hasSuffix("/") ? target : target + "/"
                if !entries.contains(where: { $0.kind == .file && (base + $0.path).hasPrefix(inside) }) && target != base && target != workingDir {
                    files.append((inside + Self.directoryMarker, Tar.Entry(path: "", kind: .file, mode: 0o444, data: Array("made by berth so that this directory exists\n".utf8), uid: entry.uid, gid: entry.gid)))
                }
            }
        }
        var references: [ServiceSpec.ConfigReference] = []
        for (index, file) in files.enumerated() {
            let name = "\(id)-\(index)"
            let configId = try await createConfig(name: name, service: id, data: file.entry.data)
            lock.withLock { pending[id]?.configs.append(name) }
            references.append(.init(File: .init(Name: file.target, UID: String(file.entry.uid), GID: String(file.entry.gid), Mode: file.entry.mode & 0o7777),
                                    ConfigID: configId, ConfigName: name))
        }
        lock.withLock {
            let existing = pending[id]?.spec.TaskTemplate.ContainerSpec.Configs ?? []
            pending[id]?.spec.TaskTemplate.ContainerSpec.Configs = existing + references
        }
    }

    /// The file that stands for an empty directory (configs are files); never copied back.
    static let directoryMarker = ".berth-directory"

    private func createConfig(name: String, service: String, data: [UInt8]) async throws(EngineError) -> String {
        struct Body: Encodable { var Name: String; var Labels: [String: String]; var Data: String }
        struct Created: Decodable { var ID: String }
        let labels = ["berth.runner": "berth", "berth.service": service]
        let body = [UInt8]((try? JSONEncoder().encode(Body(Name: name, Labels: labels, Data: Data(data).base64EncodedString()))) ?? Data())
        let answer = try await manager.call(.POST, "/configs/create", body: body, operation: "create config \(name)")
        return try manager.decode(Created.self, answer.body, operation: "create config \(name)").ID
    }

    /// Removes the configs made for service `id` (those of any earlier try too).
    func removeConfigs(of id: String) async throws(EngineError) {
        struct Config: Decodable { var ID: String }
        let filters = String(decoding: (try? JSONEncoder().encode(["label": ["berth.service=\(id)"]])) ?? Data(), as: UTF8.self)
        let answer = try await manager.call(.GET, "/configs?filters=\(DockerEngine.encodeQuery(filters))", operation: "list configs of \(id)")
        for config in try manager.decode([Config].self, answer.body, operation: "list configs of \(id)") {
            _ = try await manager.call(.DELETE, "/configs/\(config.ID)", accept: [404], operation: "remove config \(config.ID)")
        }
    }

    /// `path` from the task's container, through the engine of the node that ran it. The files
    /// configs were mounted at are left out: a stopped container shows them as empty files.
    public func getArchive(_ id: String, path: String, limit: Int) async throws -> [UInt8]? {
        guard let task = try await task(of: id), let container = task.containerId else { return nil }
        guard let archive = try await nodes.engine(for: task).getArchive(container, path: path, limit: limit) else { return nil }
        let mounted = Set((try await service(id))?.Spec.TaskTemplate?.ContainerSpec.Configs?.map(\.File.Name) ?? [])
        guard !mounted.isEmpty else { return archive }
        // The archive is rooted at the path's last component (`docker cp` does the same).
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        let parent = trimmed.split(separator: "/").dropLast().joined(separator: "/")
        let prefix = "/" + (parent.isEmpty ? "" : parent + "/")
        let entries = try Tar.read(archive, stripFirst: false, limits: .init(maxTotalBytes: limit))
        return Tar.archive(entries.filter { !mounted.contains(prefix + $0.path) })
    }
}

extension SwarmEngine {
    /// Removes (or with `dryRun` only lists) berth's configs whose service no longer exists:
    /// berth stopped between making them and starting the service. Returns their names.
    public func sweepConfigs(dryRun: Bool) async throws -> [String] {
        struct Config: Decodable {
            struct ConfigSpec: Decodable { var Name: String; var Labels: [String: String]? }
            var ID: String
            var Spec: ConfigSpec
        }
        let filters = String(decoding: try JSONEncoder().encode(["label": ["berth.runner=berth"]]), as: UTF8.self)
        let answer = try await manager.call(.GET, "/configs?filters=\(DockerEngine.encodeQuery(filters))", operation: "list configs")
        var swept: [String] = []
        for config in try manager.decode([Config].self, answer.body, operation: "list configs") {
            guard let service = config.Spec.Labels?["berth.service"], lock.withLock({ pending[service] == nil }),
                  try await self.service(service) == nil else { continue }
            if !dryRun { _ = try await manager.call(.DELETE, "/configs/\(config.ID)", accept: [404], operation: "remove config \(config.Spec.Name)") }
            swept.append(config.Spec.Name)
        }
        return swept.sorted()
    }
}
