import Foundation

/// An engine behind `ssh://[user@]host[:port]`, reached as the Docker CLI reaches it: the
/// system's OpenSSH runs `docker system dial-stdio` on the host, which speaks the Engine API on
/// its stdin and stdout. A unix socket in a private temporary directory takes the HTTP client's
/// connections; each connection runs its own ssh and the bytes are copied both ways. ssh reads
/// the user's `~/.ssh/config` (keys, ports, jump hosts) and never asks for a password
/// (`BatchMode`); why it failed is kept for the error message.
final class SSHBridge: @unchecked Sendable {
    /// The local socket the HTTP client connects to.
    let socketPath: String
    private let directory: String
    private let arguments: [String]
    private let listener: Int32
    private let lock = NSLock()
    private var failure: String?
    private var closed = false

    /// Parses `target` and starts listening; nothing is run until the first connection.
    init(_ target: String) throws(EngineError) {
        guard let url = URLComponents(string: target), url.scheme == "ssh", let host = url.host, !host.isEmpty else {
            throw EngineError.unsupportedHost(target)
        }
        var arguments = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T"]
        if let port = url.port { arguments += ["-p", String(port)] }
        if let user = url.user, !user.isEmpty { arguments += ["-l", user] }
        self.arguments = arguments + ["--", host, "docker", "system", "dial-stdio"]
        let template = NSTemporaryDirectory() + "berth-ssh-XXXXXX"
        var buffer = Array(template.utf8CString)
        guard mkdtemp(&buffer) != nil else { throw EngineError.unreachable(endpoint: target, reason: "cannot create a directory for the ssh bridge") }
        directory = String(cString: buffer)
        socketPath = directory + "/engine.sock"
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard listener >= 0, path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw EngineError.unreachable(endpoint: target, reason: "cannot open a socket for the ssh bridge")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            Foundation.close(listener)
            throw EngineError.unreachable(endpoint: target, reason: "cannot listen on \(socketPath): \(String(cString: strerror(errno)))")
        }
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The first line ssh wrote when a connection last failed (`Permission denied (publickey).`).
    var lastFailure: String? { lock.withLock { failure } }

    func close() {
        let first: Bool = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        Foundation.close(listener)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { close() }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    /// One connection: its own ssh, bytes copied both ways until either side ends. ssh's stdin
    /// is a socket pair rather than a pipe so that every write can refuse SIGPIPE.
    private func serve(_ connection: Int32) {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            Foundation.close(connection)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ssh"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: false)
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            lock.withLock { failure = "cannot run ssh: \(error.localizedDescription) (berth needs OpenSSH's ssh on PATH)" }
            [connection, pair[0], pair[1]].forEach { _ = Foundation.close($0) }
            return
        }
        Foundation.close(pair[1])
        let local = pair[0]
        let toSSH = Thread {
            Self.copy(from: connection, to: local)
            shutdown(local, Int32(SHUT_WR))
        }
        toSSH.start()
        Self.copy(from: output.fileHandleForReading.fileDescriptor, to: connection)
        // Why ssh ended is known before the client sees the connection close.
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            let line = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty }
            lock.withLock { failure = line ?? "ssh exited with status \(process.terminationStatus)" }
        }
        shutdown(connection, Int32(SHUT_RDWR))
        while !toSSH.isFinished { usleep(1000) }
        Foundation.close(local)
        Foundation.close(connection)
    }

    /// Copies bytes until end of file or an error on either side; `destination` is a socket.
    private static func copy(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            var offset = 0
            while offset < n {
                let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + offset, n - offset, Int32(MSG_NOSIGNAL)) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
