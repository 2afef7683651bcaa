import BerthEngine
import BerthExpressions
import BerthPlan
import Foundation

/// Registry credentials for a pull, as Kestra's Docker runner and docker-java find them: the
/// runner's `config` (a config.json, text or map) with `credentials` merged into its `auths`
/// under `credentials.registry` (or the image's registry); then the entry for the image's
/// registry is used, its `auth` (base64 `user:password`) decoded. Without `config` and
/// `credentials`, the user's Docker config (`DOCKER_CONFIG` or `~/.docker/config.json`) is
/// read, credential helpers included. Credentials for another registry are never sent.
/// Every secret part is registered with the masker before it is used.
struct RegistryAuthResolver {
    let masker: SecretMasker
    let environment: [String: String]

    func auth(for image: String, credentials: [String: JSONValue]?, config: JSONValue?, evaluator: Evaluator) throws(ExecutorError) -> RegistryAuth? {
        let registry = ImageReference.registry(of: image)
        guard credentials != nil || config != nil else { return try fromUserConfig(registry: registry) }
        var document: [String: JSONValue] = [:]
        if let config {
            let rendered = try Values.render(config, with: evaluator)
            switch rendered {
            case .object(let object): document = object
            case .string(let text):
                guard case .object(let object)? = (try? ValueJSON.decode(text)).map(Values.json) else {
                    throw ExecutorError.task("the runner's config is not a JSON object (a Docker config.json)")
                }
                document = object
            default:
                throw ExecutorError.task("the runner's config must be a JSON object or a map")
            }
        }
        if let credentials {
            var entry: [String: JSONValue] = [:]
            var key = registry
            for (name, value) in credentials {
                let text = try Values.text(value, with: evaluator)
                switch name {
                case "registry": key = ImageReference.normalizedRegistry(text)
                case "username": entry["username"] = .string(text)
                case "password": entry["password"] = .string(text)
                case "auth": entry["auth"] = .string(text)
                case "registryToken": entry["registrytoken"] = .string(text)
                case "identityToken": entry["identitytoken"] = .string(text)
                default: break
                }
            }
            var auths: [String: JSONValue] = [:]
            if case .object(let existing)? = document["auths"] { auths = existing }
            var merged: [String: JSONValue] = [:]
            if case .object(let old)? = auths[key] { merged = old }
            for (k, v) in entry { merged[k] = v }
            auths[key] = .object(merged)
            document["auths"] = .object(auths)
        }
        return try resolve(document, registry: registry)
    }

    /// The auth entry of `document` (a config.json) for `registry`.
    func resolve(_ document: [String: JSONValue], registry: String) throws(ExecutorError) -> RegistryAuth? {
        if case .object(let helpers)? = document["credHelpers"] {
            for (key, helper) in helpers where ImageReference.normalizedRegistry(key) == registry {
                if let name = helper.stringValue { return try CredentialHelper(masker: masker).get(name, registry: registry) }
            }
        }
        if case .object(let auths)? = document["auths"] {
            let match = auths.keys.sorted().first { $0 == registry } ?? auths.keys.sorted().first { ImageReference.normalizedRegistry($0) == registry }
            if let match, case .object(let entry)? = auths[match] {
                return try Self.auth(from: entry, registry: registry, masker: masker)
            }
        }
        if let store = document["credsStore"]?.stringValue { return try CredentialHelper(masker: masker).get(store, registry: registry) }
        return nil
    }

    /// An `auths` entry: `auth` decoded into username and password, as docker-java does.
    static func auth(from entry: [String: JSONValue], registry: String, masker: SecretMasker) throws(ExecutorError) -> RegistryAuth {
        var auth = RegistryAuth(serverAddress: registry)
        auth.username = entry["username"]?.stringValue
        auth.password = entry["password"]?.stringValue
        auth.identityToken = entry["identitytoken"]?.stringValue ?? entry["identityToken"]?.stringValue
        auth.registryToken = entry["registrytoken"]?.stringValue ?? entry["registryToken"]?.stringValue
        if let basic = entry["auth"]?.stringValue, !basic.isEmpty {
            masker.register(basic)
            guard let data = Data(base64Encoded: basic.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") else {
                throw ExecutorError.task("the registry auth for \(registry) is not base64 of user:password")
            }
            auth.username = String(decoded[..<colon])
            auth.password = String(decoded[decoded.index(after: colon)...])
        }
        masker.register(auth.secrets)
        return auth
    }

    private func fromUserConfig(registry: String) throws(ExecutorError) -> RegistryAuth? {
        let directory = environment["DOCKER_CONFIG"] ?? (NSHomeDirectory() + "/.docker")
        guard let data = FileManager.default.contents(atPath: directory + "/config.json") else { return nil }
        guard case .object(let document)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ExecutorError.task("\(directory)/config.json is not a JSON object")
        }
        return try resolve(document, registry: registry)
    }
}
