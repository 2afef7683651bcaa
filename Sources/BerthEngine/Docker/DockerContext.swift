import Crypto
import Foundation

/// Where the default engine is, resolved as the Docker CLI resolves it: `--context NAME`, else
/// `DOCKER_HOST`, else `DOCKER_CONTEXT`, else the `currentContext` of `config.json`, else the
/// local socket. A context comes from the Docker CLI's store under `$DOCKER_CONFIG/contexts`
/// (default `~/.docker`): its endpoint in `meta/<sha256 of the name>/meta.json`, its TLS
/// material in `tls/<sha256 of the name>/docker/{ca,cert,key}.pem`.
public struct DockerContext: Sendable, Equatable {
    /// The context's name (`default` for DOCKER_HOST or the local socket).
    public var name: String
    /// `unix://…` or `tcp://…`.
    public var host: String
    /// A directory with `ca.pem`, `cert.pem`, `key.pem` when the engine is spoken to over TLS.
    public var tlsDirectory: String?
    /// The context's `SkipTLSVerify`: TLS without checking the engine's certificate.
    public var skipTLSVerify: Bool

    public static let defaultSocket = "unix:///var/run/docker.sock"

    /// The engine berth uses when a task names no `host`.
    public static func resolve(flag: String?, environment: [String: String]) throws(EngineError) -> DockerContext {
        let configDirectory = environment["DOCKER_CONFIG"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        if let flag, !flag.isEmpty { return try named(flag, configDirectory: configDirectory, environment: environment, via: "--context") }
        if let host = environment["DOCKER_HOST"], !host.isEmpty { return fromEnvironment(host, environment) }
        if let name = environment["DOCKER_CONTEXT"], !name.isEmpty {
            return try named(name, configDirectory: configDirectory, environment: environment, via: "DOCKER_CONTEXT")
        }
        if let current = currentContext(configDirectory), !current.isEmpty {
            return try named(current, configDirectory: configDirectory, environment: environment, via: "the currentContext of \(configDirectory)/config.json")
        }
        return DockerContext(name: "default", host: defaultSocket, tlsDirectory: nil, skipTLSVerify: false)
    }

    /// `DOCKER_HOST` with `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH`, as the Docker CLI reads them.
    static func fromEnvironment(_ host: String, _ environment: [String: String]) -> DockerContext {
        let tls = environment["DOCKER_TLS_VERIFY"].map { !$0.isEmpty && $0 != "0" } ?? false
        let certs = environment["DOCKER_CERT_PATH"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        return DockerContext(name: "default", host: host, tlsDirectory: tls && host.hasPrefix("tcp://") ? certs : nil, skipTLSVerify: false)
    }

    private static func named(_ name: String, configDirectory: String, environment: [String: String], via: String) throws(EngineError) -> DockerContext {
        if name == "default" {
            return environment["DOCKER_HOST"].map { fromEnvironment($0, environment) }
                ?? DockerContext(name: "default", host: defaultSocket, tlsDirectory: nil, skipTLSVerify: false)
        }
        let digest = SHA256.hash(data: Data(name.utf8)).map { String(format: "%02x", $0) }.joined()
        let meta = "\(configDirectory)/contexts/meta/\(digest)/meta.json"
        guard let data = FileManager.default.contents(atPath: meta) else {
            throw EngineError.context("Docker context \"\(name)\" (from \(via)) does not exist in \(configDirectory)/contexts; docker context ls lists them")
        }
        struct Meta: Decodable {
            struct Endpoint: Decodable {
                var Host: String?
                var SkipTLSVerify: Bool?
            }
            var Endpoints: [String: Endpoint]?
        }
        guard let decoded = try? JSONDecoder().decode(Meta.self, from: data), let docker = decoded.Endpoints?["docker"], let host = docker.Host, !host.isEmpty else {
            throw EngineError.context("Docker context \"\(name)\" (\(meta)) has no docker endpoint berth can read")
        }
        let tls = "\(configDirectory)/contexts/tls/\(digest)/docker"
        let hasTLS = FileManager.default.fileExists(atPath: tls + "/ca.pem") || FileManager.default.fileExists(atPath: tls + "/cert.pem")
        return DockerContext(name: name, host: host, tlsDirectory: hasTLS && host.hasPrefix("tcp://") ? tls : nil, skipTLSVerify: docker.SkipTLSVerify ?? false)
    }

    private static func currentContext(_ configDirectory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: configDirectory + "/config.json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["currentContext"] as? String
    }
}
