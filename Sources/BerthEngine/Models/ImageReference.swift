/// Image references as the Docker CLI reads them.
public enum ImageReference {
    /// `repo[:tag]` or `repo@digest` → (repository, tag or digest), a registry port kept in the
    /// repository; no tag means `latest`.
    public static func split(_ image: String) -> (repository: String, tag: String) {
        if let at = image.firstIndex(of: "@") { return (String(image[..<at]), String(image[image.index(after: at)...])) }
        let lastSlash = image.lastIndex(of: "/") ?? image.startIndex
        if let colon = image[lastSlash...].lastIndex(of: ":") { return (String(image[..<colon]), String(image[image.index(after: colon)...])) }
        return (image, "latest")
    }

    /// Docker Hub's key in `config.json` auths and in `X-Registry-Auth`.
    public static let dockerHub = "https://index.docker.io/v1/"

    /// The registry host of an image (`ghcr.io`, `127.0.0.1:5000`, `localhost:5000`), or Docker
    /// Hub's key when the first path part names no host (`library/x`, `user/repo`, `ubuntu`).
    public static func registry(of image: String) -> String {
        let first = image.split(separator: "/").first.map(String.init) ?? image
        if image.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost") { return first }
        return dockerHub
    }

    /// A registry as written in credentials or `auths` keys (`https://ghcr.io/`, `ghcr.io`,
    /// `index.docker.io`) reduced to the form ``registry(of:)`` returns, so both compare.
    public static func normalizedRegistry(_ text: String) -> String {
        var host = text
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host.removeFirst(scheme.count) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        if ["index.docker.io", "docker.io", "registry-1.docker.io", "registry.hub.docker.com"].contains(host) { return dockerHub }
        return host
    }
}
