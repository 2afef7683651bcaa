import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP exchange as Kestra's client makes it, on a client configured for this task only
/// (redirects, timeouts, proxy and TLS are per task in Kestra).
struct HTTPClientRun {
    struct Response: Sendable {
        var code: Int
        /// Names lower-cased, repeated headers grouped, as Kestra reports them.
        var headers: [(String, [String])]
        /// The body (empty when it was written to a file).
        var body: [UInt8]
        /// Bytes received.
        var length: Int
        var declaredLength: Int?
    }

    let spec: HTTPRequestSpec

    /// Sends the request; the body goes to `file` when one is given (streamed), else into
    /// memory. Throws `HTTPTaskError` for transport failures.
    func send(into file: URL? = nil) async throws -> Response {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: spec.followRedirects ? .follow(max: 20, allowCycles: false) : .disallow,
            timeout: .init(connect: spec.connectTimeout.map { .milliseconds(Int64($0 * 1000)) }, read: .milliseconds(Int64(spec.readTimeout * 1000))))
        if spec.insecure {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        if let proxy = spec.proxy {
            let authorization = proxy.user.map { HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "") }
            configuration.proxy = proxy.socks ? .socksServer(host: proxy.host, port: proxy.port)
                : .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        defer { Task.detached { try? await client.shutdown() } }
        var request = HTTPClientRequest(url: spec.uri)
        request.method = HTTPMethod(rawValue: spec.method.uppercased())
        request.headers.add(name: "User-Agent", value: "Kestra")
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        if let body = spec.body {
            if !request.headers.contains(name: "Content-Type") { request.headers.add(name: "Content-Type", value: body.contentType) }
            request.body = .bytes(ByteBuffer(bytes: body.bytes))
        } else if let bare = spec.bareContentType {
            request.headers.add(name: "Content-Type", value: bare)
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(max(spec.readTimeout, 1)) + 3600))
            var grouped: [(String, [String])] = []
            for header in response.headers {
                let name = header.name.lowercased()
                if let index = grouped.firstIndex(where: { $0.0 == name }) { grouped[index].1.append(header.value) } else { grouped.append((name, [header.value])) }
            }
            var body: [UInt8] = []
            var length = 0
            let handle = try file.map { url -> FileHandle in
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw HTTPTaskError.transport("cannot create \(url.path)") }
                return try FileHandle(forWritingTo: url)
            }
            defer { try? handle?.close() }
            for try await chunk in response.body {
                length += chunk.readableBytes
                if let handle { try handle.write(contentsOf: Data(chunk.readableBytesView)) } else { body += chunk.readableBytesView }
            }
            let declared = response.headers.first(name: "Content-Length").flatMap { Int($0) }
            return Response(code: Int(response.status.code), headers: grouped, body: body, length: length, declaredLength: declared)
        } catch let error as HTTPTaskError {
            throw error
        } catch let error as HTTPClientError {
            throw HTTPTaskError.transport("\(spec.method) \(spec.uri): \(Self.describe(error))")
        } catch let error as IOError {
            throw HTTPTaskError.transport("\(spec.method) \(spec.uri): cannot connect (\(error.description))")
        } catch {
            throw HTTPTaskError.transport("\(spec.method) \(spec.uri): \(error)")
        }
    }

    private static func describe(_ error: HTTPClientError) -> String {
        let known: [(HTTPClientError, String)] = [
            (.connectTimeout, "the connection timed out"), (.readTimeout, "no data within the read-idle timeout"),
            (.deadlineExceeded, "the request took too long"), (.redirectLimitReached, "too many redirects"),
            (.redirectCycleDetected, "too many redirects"), (.invalidURL, "not a valid URI"),
        ]
        return known.first { $0.0 == error }?.1 ?? "\(error)"
    }
}

/// Why an HTTP task failed, with Kestra's wording where it has one.
enum HTTPTaskError: Error {
    case transport(String)
}
