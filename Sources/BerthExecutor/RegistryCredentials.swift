import Foundation

/// Registry authentication for pulls: the `X-Registry-Auth` header, and credentials from the
/// user's Docker config (`DOCKER_CONFIG` or `~/.docker/config.json`: `auths`, `credHelpers`,
/// `credsStore` via `docker-credential-<name> get`).
enum RegistryCredentials {
    /// base64url (padded) of the JSON auth object, as the Engine API expects.
    static func header(_ auth: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: auth, options: [.sortedKeys])) ?? Data("{}".utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// The registry host of an image reference (`docker.io` when none is named).
    static func registryHost(of image: String) -> String {
        let first = image.split(separator: "/").first.map(String.init) ?? image
        if image.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost") { return first }
        return "https://index.docker.io/v1/"
    }

    static func fromDockerConfig(image: String, log: ExecutionLog, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let directory = environment["DOCKER_CONFIG"] ?? (NSHomeDirectory() + "/.docker")
        guard let data = FileManager.default.contents(atPath: directory + "/config.json"),
              let config = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        let registry = registryHost(of: image)
        if let helpers = config["credHelpers"] as? [String: String], let helper = helpers[registry] {
            return fromHelper(helper, registry: registry, log: log)
        }
        if let auths = config["auths"] as? [String: Any], let entry = auths[registry] as? [String: Any] {
            if let basic = entry["auth"] as? String, let decoded = Data(base64Encoded: basic).map({ String(decoding: $0, as: UTF8.self) }),
               let colon = decoded.firstIndex(of: ":") {
                let password = String(decoded[decoded.index(after: colon)...])
                log.mask([password])
                return header(["username": String(decoded[..<colon]), "password": password, "serveraddress": registry])
            }
            if let token = entry["identitytoken"] as? String { log.mask([token]); return header(["identitytoken": token, "serveraddress": registry]) }
        }
        if let store = config["credsStore"] as? String { return fromHelper(store, registry: registry, log: log) }
        return nil
    }

    /// Runs `docker-credential-<name> get` with the registry on stdin.
    static func fromHelper(_ name: String, registry: String, log: ExecutionLog) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-credential-\(name)", "get"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(registry.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: String],
              let username = object["Username"], let secret = object["Secret"] else { return nil }
        log.mask([secret])
        return username == "<token>" ? header(["identitytoken": secret, "serveraddress": registry])
            : header(["username": username, "password": secret, "serveraddress": registry])
    }
}
