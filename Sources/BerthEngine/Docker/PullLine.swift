import Foundation

/// One JSON line of `POST /images/create`: progress, or an error inside the 200 stream.
struct PullLine: Decodable {
    struct Detail: Decodable {
        var current: Int64?
        var total: Int64?
        var message: String?
    }

    var status: String?
    var id: String?
    var progressDetail: Detail?
    var error: String?
    var errorDetail: Detail?

    /// Reports progress, or throws the error the line carries. A line that is not JSON is
    /// ignored (the daemon only writes JSON here; a proxy might not).
    static func check(_ bytes: [UInt8], image: String, progress: (PullProgress) -> Void) throws(EngineError) {
        guard let line = try? JSONDecoder().decode(PullLine.self, from: Data(bytes)) else { return }
        if let message = line.error ?? line.errorDetail?.message {
            throw EngineError.pull(image: image, message: registryMessage(message), failure: classify(message, status: nil))
        }
        if let status = line.status {
            progress(PullProgress(status: status, layer: line.id, current: line.progressDetail?.current, total: line.progressDetail?.total))
        }
    }

    /// The registry's own words: Podman wraps them in its steps ("initializing source
    /// docker://…: reading manifest 1 in …: unauthorized: authentication required"), Docker
    /// passes them as they are; both engines then give the same message.
    static func registryMessage(_ message: String) -> String {
        let codes = ["unauthorized:", "denied:", "manifest unknown", "name unknown:", "toomanyrequests:"]
        guard message.hasPrefix("initializing source "),
              let start = codes.compactMap({ message.range(of: $0)?.lowerBound }).min() else { return message }
        return String(message[start...])
    }

    /// What kind of failure a registry message (and HTTP status) describes.
    static func classify(_ message: String, status: Int?) -> EngineError.PullFailure {
        let lowered = message.lowercased()
        if status == 401 || status == 403 || lowered.contains("unauthorized") || lowered.contains("denied") || lowered.contains("authentication required") {
            return .unauthorized
        }
        if status == 404 || lowered.contains("not found") || lowered.contains("manifest unknown") || lowered.contains("does not exist") {
            return .notFound
        }
        if let status, status >= 500 { return .transient }
        if lowered.contains("connection reset") || lowered.contains("eof") || lowered.contains("timeout") || lowered.contains("503") || lowered.contains("502") {
            return .transient
        }
        return .other
    }
}
