import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The Docker Engine API over AsyncHTTPClient: a unix socket by default, `DOCKER_HOST` or a
/// runner's `host` (`unix://`, `tcp://`, TLS from `DOCKER_CERT_PATH` + `DOCKER_TLS_VERIFY`).
/// The API version is negotiated from `/_ping`. Answers are decoded into typed models; an
/// answer that does not decode is an ``EngineError/malformedAnswer(operation:detail:)``.
public final class DockerEngine: ContainerEngine {
    public let endpoint: String
    private let socketPath: String?
    private let baseURL: String
    /// The client certificate directory when the engine is spoken to over TLS.
    private let certPath: String?
    /// The local end of an `ssh://` engine.
    private let bridge: SSHBridge?
    private let client: HTTPClient
    private let versionBox = VersionBox()

    /// The newest API version berth speaks.
    public static let clientVersion = "1.41"

    final class VersionBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: String?
        var version: String? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    /// - Parameters:
    ///   - host: `unix:///path`, `tcp://host:port` (TLS from `DOCKER_TLS_VERIFY` and
    ///     `DOCKER_CERT_PATH`), or nil for the engine the Docker CLI would use (``DockerContext``).
    ///   - maxConnections: at least 2 per concurrently running task (attach + wait) plus headroom.
    public convenience init(host: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, maxConnections: Int = 64) throws {
        let context = try host.map { DockerContext.fromEnvironment($0, environment) } ?? DockerContext.resolve(flag: nil, environment: environment)
        try self.init(context: context, maxConnections: maxConnections)
    }

    /// The engine of `context`: its host, over TLS with its certificates when it has them.
    public init(context: DockerContext, maxConnections: Int = 64) throws(EngineError) {
        let target = context.host
        endpoint = target
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnections)
        configuration.timeout = .init(connect: .seconds(10), read: nil)
        var bridge: SSHBridge?
        if target.hasPrefix("unix://") {
            socketPath = String(target.dropFirst("unix://".count))
            baseURL = ""
        } else if target.hasPrefix("ssh://") {
            let ssh = try SSHBridge(target)
            bridge = ssh
            socketPath = ssh.socketPath
            baseURL = ""
        } else if target.hasPrefix("tcp://") {
            socketPath = nil
            let tls = context.tlsDirectory != nil || context.skipTLSVerify
            baseURL = (tls ? "https://" : "http://") + String(target.dropFirst("tcp://".count))
            // A refused handshake (a CA that does not match) is not worth trying again for the
            // whole connect timeout: say it at once.
            configuration.connectionPool.retryConnectionEstablishment = false
            if tls {
                configuration.tlsConfiguration = try TLSDiagnosis.clientMaterial(context.tlsDirectory, endpoint: target,
                                                                                 fromContext: context.name != "default", skipVerify: context.skipTLSVerify)
            }
        } else {
            throw EngineError.unsupportedHost(target)
        }
        certPath = context.tlsDirectory
        self.bridge = bridge
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit {
        try? client.syncShutdown()
    }

    public func shutdown() async {
        try? await client.shutdown()
        bridge?.close()
    }

    // MARK: transport

    private func url(_ path: String, versioned: Bool = true) -> String {
        let full = versioned ? "/v\(versionBox.version ?? Self.clientVersion)\(path)" : path
        if let socketPath { return URL(httpURLWithSocketPath: socketPath, uri: full)?.absoluteString ?? full }
        return baseURL + full
    }

    private func request(_ method: HTTPMethod, _ path: String, body: [UInt8]?, headers: [(String, String)], versioned: Bool) -> HTTPClientRequest {
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

    struct Answer {
        var status: Int
        var body: [UInt8]
        var headers: HTTPHeaders
    }

    /// Sends a request and collects the body (bounded). Non-2xx statuses become `.api` errors
    /// with the daemon's message, except those listed in `accept`.
    func call(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [], accept: Set<Int> = [],
              limit: Int = 64 << 20, operation: String, versioned: Bool = true, deadline: Int64 = 600) async throws(EngineError) -> Answer {
        do {
            let response = try await client.execute(request(method, path, body: body, headers: headers, versioned: versioned), timeout: .seconds(deadline))
            let buffer = try await response.body.collect(upTo: limit)
            let answer = Answer(status: Int(response.status.code), body: Array(buffer.readableBytesView), headers: response.headers)
            if (200..<300).contains(answer.status) || accept.contains(answer.status) { return answer }
            throw refusal(answer.status, Self.message(answer.body), operation: operation)
        } catch let error as EngineError {
            throw error
        } catch {
            throw unreachable(error)
        }
    }

    /// Opens a streaming response (attach, wait, pull); the caller reads `body`.
    func open(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [],
              operation: String) async throws(EngineError) -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request(method, path, body: body, headers: headers, versioned: true), timeout: .hours(24 * 365))
        } catch {
            throw unreachable(error)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let bytes = (try? await response.body.collect(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
            throw refusal(status, Self.message(bytes), operation: operation)
        }
        return response
    }

    private func unreachable(_ error: any Error) -> EngineError {
        if let engineError = error as? EngineError { return engineError }
        if let explained = TLSDiagnosis.explain(error, endpoint: endpoint, certPath: certPath) { return explained }
        if let failure = bridge?.lastFailure { return .misconfigured(endpoint: endpoint, problem: "ssh could not reach the engine: \(failure)") }
        return .unreachable(endpoint: endpoint, reason: "\(error)")
    }

    /// A non-2xx answer; plain HTTP sent to a TLS port is said as what it is.
    private func refusal(_ status: Int, _ message: String, operation: String) -> EngineError {
        if TLSDiagnosis.isPlainHTTPOnTLS(status: status, message: message) { return .misconfigured(endpoint: endpoint, problem: TLSDiagnosis.plainHTTPOnTLS) }
        return .api(status: status, message: message, operation: operation)
    }

    /// The daemon's `{"message": …}`, or the start of the body.
    static func message(_ bytes: [UInt8]) -> String {
        struct Message: Decodable { var message: String }
        if let decoded = try? JSONDecoder().decode(Message.self, from: Data(bytes)) { return decoded.message }
        return String(decoding: bytes.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], operation: String) throws(EngineError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw EngineError.malformedAnswer(operation: operation, detail: Self.decodingProblem(error))
        }
    }

    /// A short description of a decoding failure: which field, at which path.
    public static func decodingProblem(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context): return "no \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "unexpected value at \(path(context.codingPath))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "unreadable value at \(path(context.codingPath))"
        @unknown default: return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    // MARK: endpoints

    @discardableResult
    public func ping() async throws -> String {
        // A daemon that is going away may take connections and never answer.
        let answer = try await call(.GET, "/_ping", operation: "ping", versioned: false, deadline: 10)
        let daemon = answer.headers.first(name: "Api-Version") ?? Self.clientVersion
        let version = Self.older(daemon, Self.clientVersion)
        versionBox.version = version
        return version
    }

    static func older(_ a: String, _ b: String) -> String {
        let pa = a.split(separator: ".").compactMap { Int($0) }, pb = b.split(separator: ".").compactMap { Int($0) }
        return pa.lexicographicallyPrecedes(pb) ? a : b
    }

    public func info() async throws -> EngineInfo {
        try decode(EngineInfo.self, try await call(.GET, "/info", operation: "info").body, operation: "info")
    }

    public func imageExists(_ image: String) async throws -> Bool {
        try await call(.GET, "/images/\(image)/json", accept: [404], operation: "inspect image \(image)").status == 200
    }

    public func pull(_ image: String, auth: RegistryAuth?, progress: @escaping @Sendable (PullProgress) -> Void) async throws {
        let (repository, tag) = ImageReference.split(image)
        var headers: [(String, String)] = []
        if let auth { headers.append(("X-Registry-Auth", Self.registryAuthHeader(auth))) }
        let response: HTTPClientResponse
        do {
            response = try await open(.POST, "/images/create?fromImage=\(Self.encodeQuery(repository))&tag=\(Self.encodeQuery(tag))",
                                      headers: headers, operation: "pull \(image)")
        } catch .api(let status, let message, _) {
            throw EngineError.pull(image: image, message: PullLine.registryMessage(message), failure: PullLine.classify(message, status: status))
        }
        var pending: [UInt8] = []
        do {
            for try await chunk in response.body {
                pending += chunk.readableBytesView
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    try PullLine.check(line, image: image, progress: progress)
                }
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError.pull(image: image, message: "the connection broke during the pull (\(error))", failure: .transient)
        }
        if !pending.isEmpty { try PullLine.check(pending, image: image, progress: progress) }
    }

    /// base64url (padded) of the JSON auth object, as the Engine API expects.
    static func registryAuthHeader(_ auth: RegistryAuth) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(auth)) ?? Data("{}".utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    public func create(_ request: ContainerCreateRequest) async throws -> CreatedContainer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body: [UInt8]
        do { body = [UInt8](try encoder.encode(request)) } catch {
            throw EngineError.malformedAnswer(operation: "create container", detail: "the request could not be encoded: \(error)")
        }
        let answer = try await call(.POST, "/containers/create", body: body, operation: "create container")
        return try decode(CreatedContainer.self, answer.body, operation: "create container")
    }

    public func start(_ id: String) async throws {
        _ = try await call(.POST, "/containers/\(id)/start", accept: [304], operation: "start container")
    }

    public func wait(_ id: String, condition: WaitCondition) async throws -> ContainerWait {
        // The head arrives at once, which means the wait is registered.
        let response = try await open(.POST, "/containers/\(id)/wait?condition=\(condition.rawValue)", operation: "wait container")
        let endpoint = self.endpoint
        return ContainerWait {
            struct Status: Decodable {
                struct Failure: Decodable { var Message: String? }
                var StatusCode: Int
                var Error: Failure?
            }
            let bytes: [UInt8]
            do {
                bytes = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            } catch {
                throw EngineError.unreachable(endpoint: endpoint, reason: "the wait for container \(id.prefix(12)) broke off (\(error))")
            }
            guard let status = try? JSONDecoder().decode(Status.self, from: Data(bytes)) else {
                if bytes.isEmpty { throw EngineError.unreachable(endpoint: endpoint, reason: "the wait for container \(id.prefix(12)) ended without an answer") }
                throw EngineError.malformedAnswer(operation: "wait container", detail: "no StatusCode in \(String(decoding: bytes.prefix(200), as: UTF8.self))")
            }
            if let message = status.Error?.Message, !message.isEmpty {
                throw EngineError.api(status: 500, message: message, operation: "wait container")
            }
            return status.StatusCode
        }
    }

    public func attach(_ id: String, replay: Bool) async throws -> ContainerOutput {
        // The output so far and what follows, from the log endpoint: Podman's attach with
        // logs=1 replays the log without the stream framing (Docker gives the same bytes both ways).
        if replay { return stream(try await open(.GET, "/containers/\(id)/logs?follow=1&stdout=1&stderr=1", operation: "attach container")) }
        return stream(try await open(.POST, "/containers/\(id)/attach?stream=1&stdout=1&stderr=1", operation: "attach container"))
    }

    public func logs(_ id: String) async throws -> ContainerOutput {
        stream(try await open(.GET, "/containers/\(id)/logs?stdout=1&stderr=1", operation: "container logs"))
    }

    /// The multiplexed body as chunks; a broken connection ends the sequence with `.unreachable`.
    private func stream(_ response: HTTPClientResponse) -> ContainerOutput {
        let endpoint = self.endpoint
        let (stream, continuation) = AsyncThrowingStream<OutputChunk, any Error>.makeStream()
        let reader = Task {
            var decoder = FrameDecoder()
            do {
                for try await buffer in response.body {
                    for chunk in try decoder.feed(buffer.readableBytesView) { continuation.yield(chunk) }
                }
                continuation.finish()
            } catch let error as EngineError {
                continuation.finish(throwing: error)
            } catch is CancellationError {
                continuation.finish(throwing: CancellationError())
            } catch {
                continuation.finish(throwing: EngineError.unreachable(endpoint: endpoint, reason: "the output stream broke off (\(error))"))
            }
        }
        continuation.onTermination = { _ in reader.cancel() }
        return ContainerOutput(stream)
    }

    public func inspect(_ id: String) async throws -> ContainerInspection {
        let answer = try await call(.GET, "/containers/\(id)/json", operation: "inspect container", deadline: 60)
        return try decode(ContainerInspection.self, answer.body, operation: "inspect container")
    }

    public func stop(_ id: String, graceSeconds: Double) async throws {
        if graceSeconds > 0 {
            let seconds = Int(min(graceSeconds, 86_400).rounded(.up))
            _ = try await call(.POST, "/containers/\(id)/stop?t=\(seconds)", accept: [304, 404], operation: "stop container")
        } else {
            _ = try await call(.POST, "/containers/\(id)/kill?signal=SIGKILL", accept: [404, 409], operation: "kill container")
        }
    }

    public func remove(_ id: String) async throws {
        _ = try await call(.DELETE, "/containers/\(id)?force=1&v=1", accept: [304, 404, 409], operation: "remove container")
    }

    public func putArchive(_ id: String, path: String, tar: [UInt8]) async throws {
        _ = try await call(.PUT, "/containers/\(id)/archive?path=\(Self.encodeQuery(path))", body: tar,
                           headers: [("Content-Type", "application/x-tar")], operation: "copy files into the container")
    }

    public func getArchive(_ id: String, path: String, limit: Int) async throws -> [UInt8]? {
        let answer = try await call(.GET, "/containers/\(id)/archive?path=\(Self.encodeQuery(path))", accept: [404], limit: limit,
                                    operation: "copy files out of the container")
        return answer.status == 404 ? nil : answer.body
    }

    public func containers(labels: [String]) async throws -> [ContainerSummary] {
        let filters = String(decoding: try JSONEncoder().encode(["label": labels]), as: UTF8.self)
        let answer = try await call(.GET, "/containers/json?all=1&filters=\(Self.encodeQuery(filters))", operation: "list containers")
        return try decode([ContainerSummary].self, answer.body, operation: "list containers")
    }
}
