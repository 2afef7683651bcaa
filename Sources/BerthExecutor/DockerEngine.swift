import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A thin client for the Engine API endpoints a runner needs, over AsyncHTTPClient: a unix
/// socket by default, `DOCKER_HOST` / the runner's `host` (`unix://`, `tcp://`, TLS from
/// `DOCKER_CERT_PATH` + `DOCKER_TLS_VERIFY`). The API version is negotiated from `/_ping`.
public final class DockerEngine: Sendable {
    /// What `host` resolved to, for messages ("tried unix:///var/run/docker.sock").
    public let endpoint: String
    private let socketPath: String?
    private let baseURL: String
    private let client: HTTPClient
    private let versionBox = VersionBox()

    /// The newest API version berth speaks.
    static let clientVersion = "1.41"

    final class VersionBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: String?
        var version: String? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    /// - Parameters:
    ///   - host: `unix:///path`, `tcp://host:port`, or nil for `DOCKER_HOST` or the default socket.
    ///   - maxConnections: at least 2 per concurrently running task (attach + wait) plus headroom.
    public init(host: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, maxConnections: Int = 64) throws {
        let target = host ?? environment["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"
        endpoint = target
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnections)
        configuration.timeout = .init(connect: .seconds(10), read: nil)
        if target.hasPrefix("unix://") {
            socketPath = String(target.dropFirst("unix://".count))
            baseURL = ""
        } else if target.hasPrefix("tcp://") {
            socketPath = nil
            let tls = environment["DOCKER_TLS_VERIFY"].map { !$0.isEmpty && $0 != "0" } ?? false
            let address = String(target.dropFirst("tcp://".count))
            baseURL = (tls ? "https://" : "http://") + address
            if tls {
                let certPath = environment["DOCKER_CERT_PATH"] ?? (NSHomeDirectory() + "/.docker")
                var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
                tlsConfiguration.certificateChain = try NIOSSLCertificate.fromPEMFile(certPath + "/cert.pem").map { .certificate($0) }
                tlsConfiguration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certPath + "/key.pem", format: .pem))
                tlsConfiguration.trustRoots = .file(certPath + "/ca.pem")
                configuration.tlsConfiguration = tlsConfiguration
            }
        } else {
            throw ExecutorError.engine("unsupported Docker host \"\(target)\": use unix:///path/to/docker.sock or tcp://host:port")
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        try? client.syncShutdown()
    }

    /// Shuts the HTTP client down (call before exiting).
    public func shutdown() async {
        try? await client.shutdown()
    }

    private func url(_ path: String, versioned: Bool = true) -> String {
        let full = versioned ? "/v\(versionBox.version ?? Self.clientVersion)\(path)" : path
        if let socketPath { return URL(httpURLWithSocketPath: socketPath, uri: full)?.absoluteString ?? full }
        return baseURL + full
    }

    private func request(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [], versioned: Bool = true) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url(path, versioned: versioned))
        request.method = method
        // The daemon (Go net/http) rejects HTTP/1.1 requests without Host; AHC adds none for unix sockets.
        request.headers.add(name: "Host", value: "docker")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            if !headers.contains(where: { $0.0 == "Content-Type" }) { request.headers.add(name: "Content-Type", value: "application/json") }
        }
        return request
    }

    /// Sends a request and collects the body (bounded). Non-2xx statuses become `.api` errors
    /// with the daemon's message, except those listed in `accept`.
    func call(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [], accept: Set<Int> = [],
              limit: Int = 64 << 20, name: String, versioned: Bool = true) async throws -> (status: Int, body: [UInt8], headers: HTTPHeaders) {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request(method, path, body: body, headers: headers, versioned: versioned), timeout: .seconds(600))
        } catch {
            throw unreachable(error)
        }
        let buffer = try await response.body.collect(upTo: limit)
        let bytes = Array(buffer.readableBytesView)
        let status = Int(response.status.code)
        if (200..<300).contains(status) || accept.contains(status) { return (status, bytes, response.headers) }
        throw ExecutorError.api(status: status, message: Self.message(bytes), call: name)
    }

    /// Opens a streaming response (attach, wait, pull); the caller reads `body`.
    func open(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [], name: String) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request(method, path, body: body, headers: headers), timeout: .hours(24 * 365))
        } catch {
            throw unreachable(error)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let bytes = (try? await response.body.collect(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
            throw ExecutorError.api(status: status, message: Self.message(bytes), call: name)
        }
        return response
    }

    private func unreachable(_ error: Error) -> ExecutorError {
        if let executorError = error as? ExecutorError { return executorError }
        return .engine("cannot reach the Docker engine at \(endpoint) (\(error)). Start dockerd, check that the socket exists and is readable (root or the docker group), or set DOCKER_HOST; flows can also use the Process runner.")
    }

    static func message(_ bytes: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let message = object["message"] as? String {
            return message
        }
        return String(decoding: bytes.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func json(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    // MARK: endpoints

    /// `GET /_ping`: negotiates the API version (min of ours and the daemon's). Returns it.
    @discardableResult
    public func ping() async throws -> String {
        let (_, _, headers) = try await call(.GET, "/_ping", name: "ping", versioned: false)
        let daemon = headers.first(name: "Api-Version") ?? Self.clientVersion
        let version = Self.older(daemon, Self.clientVersion)
        versionBox.version = version
        return version
    }

    static func older(_ a: String, _ b: String) -> String {
        let pa = a.split(separator: ".").compactMap { Int($0) }, pb = b.split(separator: ".").compactMap { Int($0) }
        return pa.lexicographicallyPrecedes(pb) ? a : b
    }

    public func imageExists(_ image: String) async throws -> Bool {
        let (status, _, _) = try await call(.GET, "/images/\(image)/json", accept: [404], name: "inspect image \(image)")
        return status == 200
    }

    /// Pulls `image` (repository and tag split as Kestra does); error lines inside the 200
    /// stream are failures; 5xx are retried with backoff.
    public func pull(_ image: String, registryAuth: String?, progress: @Sendable (String) -> Void = { _ in }) async throws {
        let (repository, tag) = Self.splitImage(image)
        var headers: [(String, String)] = []
        if let registryAuth { headers.append(("X-Registry-Auth", registryAuth)) }
        var delay: UInt64 = 500_000_000
        for attempt in 1...5 {
            do {
                let response = try await open(.POST, "/images/create?fromImage=\(Self.encodeQuery(repository))&tag=\(Self.encodeQuery(tag))",
                                              headers: headers, name: "pull \(image)")
                var pending: [UInt8] = []
                for try await chunk in response.body {
                    pending += chunk.readableBytesView
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = Array(pending[..<newline])
                        pending.removeSubrange(...newline)
                        try Self.checkPullLine(line, image: image, progress: progress)
                    }
                }
                if !pending.isEmpty { try Self.checkPullLine(pending, image: image, progress: progress) }
                return
            } catch ExecutorError.api(let status, let message, _) {
                // Authentication failures are final; other server errors are retried with backoff.
                let lowered = message.lowercased()
                if lowered.contains("unauthorized") || lowered.contains("denied") || lowered.contains("authentication") {
                    throw ExecutorError.engine("pulling \(image) failed: \(message) (check the registry credentials)")
                }
                guard status >= 500 && attempt < 5 else { throw ExecutorError.engine("pulling \(image) failed: \(message)") }
                try await Task.sleep(nanoseconds: delay)
                delay = min(delay * 2, 8_000_000_000)
            }
        }
    }

    private static func checkPullLine(_ line: [UInt8], image: String, progress: (String) -> Void) throws {
        let object = json(line)
        if let error = object["error"] as? String ?? (object["errorDetail"] as? [String: Any])?["message"] as? String {
            throw ExecutorError.engine("pulling \(image) failed: \(error)")
        }
        if let status = object["status"] as? String { progress(status) }
    }

    /// `repo[:tag]` or `repo@digest`, with a registry port kept in the repository.
    static func splitImage(_ image: String) -> (String, String) {
        if let at = image.firstIndex(of: "@") { return (String(image[..<at]), String(image[image.index(after: at)...])) }
        let lastSlash = image.lastIndex(of: "/") ?? image.startIndex
        if let colon = image[lastSlash...].lastIndex(of: ":") { return (String(image[..<colon]), String(image[image.index(after: colon)...])) }
        return (image, "latest")
    }

    /// `POST /containers/create`; returns the id and the daemon's warnings.
    public func create(body: [UInt8], name: String? = nil) async throws -> (id: String, warnings: [String]) {
        let query = name.map { "?name=\(Self.encodeQuery($0))" } ?? ""
        let (_, bytes, _) = try await call(.POST, "/containers/create\(query)", body: body, name: "create container")
        let object = Self.json(bytes)
        guard let id = object["Id"] as? String else { throw ExecutorError.engine("create container: no Id in the answer") }
        return (id, object["Warnings"] as? [String] ?? [])
    }

    public func start(_ id: String) async throws {
        _ = try await call(.POST, "/containers/\(id)/start", accept: [304], name: "start container")
    }

    /// `POST /containers/{id}/wait?condition=` — returns the open response (the head arrives at
    /// once, which means the wait is registered); read the exit code with `exitCode(of:)`.
    func openWait(_ id: String, condition: String) async throws -> HTTPClientResponse {
        try await open(.POST, "/containers/\(id)/wait?condition=\(condition)", name: "wait container")
    }

    static func exitCode(of response: HTTPClientResponse) async throws -> Int {
        let buffer = try await response.body.collect(upTo: 1 << 20)
        let object = json(Array(buffer.readableBytesView))
        return (object["StatusCode"] as? Int) ?? Int((object["StatusCode"] as? NSNumber)?.intValue ?? -1)
    }

    /// `POST /containers/{id}/attach?stream=1&stdout=1&stderr=1[&logs=1]`: the multiplexed output stream.
    func openAttach(_ id: String, replay: Bool) async throws -> HTTPClientResponse {
        try await open(.POST, "/containers/\(id)/attach?stream=1&stdout=1&stderr=1\(replay ? "&logs=1" : "")", name: "attach container")
    }

    /// `GET /containers/{id}/logs?stdout=1&stderr=1` (no follow): everything the container wrote.
    func openLogs(_ id: String) async throws -> HTTPClientResponse {
        try await open(.GET, "/containers/\(id)/logs?stdout=1&stderr=1", name: "container logs")
    }

    public func inspect(_ id: String) async throws -> [String: Any] {
        Self.json(try await call(.GET, "/containers/\(id)/json", name: "inspect container").body)
    }

    /// Kill (grace 0) or stop with a grace period; a container that is not running is fine.
    public func stop(_ id: String, graceSeconds: Double) async throws {
        if graceSeconds > 0 {
            _ = try await call(.POST, "/containers/\(id)/stop?t=\(Int(graceSeconds.rounded(.up)))", accept: [304, 404], name: "stop container")
        } else {
            _ = try await call(.POST, "/containers/\(id)/kill?signal=SIGKILL", accept: [404, 409], name: "kill container")
        }
    }

    public func remove(_ id: String) async throws {
        _ = try await call(.DELETE, "/containers/\(id)?force=1&v=1", accept: [304, 404, 409], name: "remove container")
    }

    public func putArchive(_ id: String, path: String, tar: [UInt8]) async throws {
        _ = try await call(.PUT, "/containers/\(id)/archive?path=\(Self.encodeQuery(path))", body: tar,
                           headers: [("Content-Type", "application/x-tar")], name: "copy files into the container")
    }

    public func getArchive(_ id: String, path: String, limit: Int = 1 << 30) async throws -> [UInt8]? {
        let (status, bytes, _) = try await call(.GET, "/containers/\(id)/archive?path=\(Self.encodeQuery(path))", accept: [404], limit: limit,
                                                name: "copy files out of the container")
        return status == 404 ? nil : bytes
    }

    /// `GET /containers/json?all=1&filters={"label":[...]}`.
    public func containers(labels: [String]) async throws -> [[String: Any]] {
        let filters = String(decoding: try JSONSerialization.data(withJSONObject: ["label": labels]), as: UTF8.self)
        let (_, bytes, _) = try await call(.GET, "/containers/json?all=1&filters=\(Self.encodeQuery(filters))", name: "list containers")
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [[String: Any]] ?? []
    }
}
