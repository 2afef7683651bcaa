import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The services `.ci/run` starts: the Docker engine and the htpasswd-protected registry.
/// In CI (`CI` set) an unreachable service is a failure; elsewhere the tests skip and say why.
enum TestServices {
    static let environment = ProcessInfo.processInfo.environment
    static var inCI: Bool { environment["CI"] != nil }
    static var socketPath: String { environment["BERTH_TEST_DOCKER_SOCKET"] ?? "/var/run/docker.sock" }
    static var registry: String? { environment["BERTH_TEST_REGISTRY"] }

    /// Why the engine tests cannot run here, or nil when they can (or must, in CI).
    static var engineSkipReason: String? {
        if inCI { return nil }
        if FileManager.default.fileExists(atPath: socketPath) { return nil }
        let reason = "no Docker engine socket at \(socketPath); run .ci/services.sh (or set BERTH_TEST_DOCKER_SOCKET)"
        print("skipping engine tests: \(reason)")
        return reason
    }

    static var registrySkipReason: String? {
        if inCI { return nil }
        if registry != nil { return nil }
        let reason = "BERTH_TEST_REGISTRY is not set; source .ci/test-env.sh after .ci/services.sh"
        print("skipping registry tests: \(reason)")
        return reason
    }
}

/// A minimal HTTP/1.1 exchange over a unix socket (the executor has the real client; this one
/// only proves the engine answers).
func unixSocketRequest(path: String, request: String) throws -> String {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EBADF) }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (i, b) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = b }
    }
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED) }
    let data = Array(request.utf8)
    _ = data.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        response += buffer[0..<n]
    }
    return String(decoding: response, as: UTF8.self)
}

/// A plain HTTP/1.1 GET on loopback over a TCP socket; returns the status code.
/// (FoundationNetworking's URLSession stalls on a 401 challenge, so the test speaks HTTP itself.)
func httpStatus(_ hostPort: String, path: String, basicAuth: (String, String)? = nil) throws -> Int {
    let parts = hostPort.split(separator: ":")
    let host = String(parts[0])
    let port = UInt16(parts.count > 1 ? String(parts[1]) : "80") ?? 80
    precondition(host.hasPrefix("127.") || host == "localhost", "tests only talk to loopback")
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EBADF) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED) }
    var request = "GET \(path) HTTP/1.1\r\nHost: \(hostPort)\r\nConnection: close\r\n"
    request += "Accept: application/vnd.docker.distribution.manifest.v2+json\r\n"
    if let (user, password) = basicAuth {
        request += "Authorization: Basic \(Data("\(user):\(password)".utf8).base64EncodedString())\r\n"
    }
    request += "\r\n"
    let bytes = Array(request.utf8)
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while response.count < 64 {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        response += buffer[0..<n]
    }
    let head = String(decoding: response, as: UTF8.self).split(separator: " ")
    return head.count > 1 ? Int(head[1]) ?? 0 : 0
}

@Suite struct EngineReachabilityTests {
    @Test(.disabled(if: TestServices.engineSkipReason != nil, "no Docker engine reachable"))
    func engineAnswersPingAndHasTheTestImage() throws {
        let ping = try unixSocketRequest(path: TestServices.socketPath,
                                         request: "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
        #expect(ping.hasPrefix("HTTP/1.1 200"))
        #expect(ping.contains("Api-Version: 1.4"))
        for image in ["centos", "ubuntu", "busybox:1.36"] {
            let inspect = try unixSocketRequest(path: TestServices.socketPath,
                                                request: "GET /v1.41/images/\(image)/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
            #expect(inspect.hasPrefix("HTTP/1.1 200"), "test image \(image) is missing; .ci/services.sh tags it")
        }
    }

    @Test(.disabled(if: TestServices.registrySkipReason != nil, "no test registry configured"))
    func registryRequiresAndAcceptsTheTestCredentials() throws {
        let env = TestServices.environment
        let registry = try #require(env["BERTH_TEST_REGISTRY"])
        let user = try #require(env["BERTH_TEST_REGISTRY_USER"])
        let password = try #require(env["BERTH_TEST_REGISTRY_PASSWORD"])
        #expect(try httpStatus(registry, path: "/v2/") == 401)
        #expect(try httpStatus(registry, path: "/v2/", basicAuth: (user, "wrong")) == 401)
        #expect(try httpStatus(registry, path: "/v2/", basicAuth: (user, password)) == 200)
        #expect(try httpStatus(registry, path: "/v2/berth/busybox/manifests/1", basicAuth: (user, password)) == 200)
    }
}
