import Foundation

/// A container of the ``InMemoryEngine``: its create request, a filesystem of its own (what
/// archives put into it, and what its behaviour writes), its output (kept for `logs` and
/// replayed attaches) and its lifecycle. A behaviour drives it through `stdout`, `stderr`,
/// `write`, `sleep` and its exit code.
public final class SimulatedContainer: @unchecked Sendable {
    public enum Status: String, Sendable { case created, running, exited }

    public let id: String
    public let request: ContainerCreateRequest
    /// Environment from `Env` (`NAME=value`).
    public let environment: [String: String]

    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var directories: Set<String> = ["/"]
    private var output: [OutputChunk] = []
    private var listeners: [UUID: AsyncThrowingStream<OutputChunk, any Error>.Continuation] = [:]
    private(set) var status: Status = .created
    private(set) var exitCode = 0
    private(set) var finishedAt: Date?
    /// Set when the behaviour ended by an out-of-memory kill.
    public internal(set) var oomKilled = false
    private var waits: [Outcome<Result<Int, EngineError>>] = []
    var runner: Task<Void, Never>?
    /// The signal a stop or kill delivered (15 or 9), if any.
    private(set) var signal: Int32?

    init(id: String, request: ContainerCreateRequest) {
        self.id = id
        self.request = request
        var environment: [String: String] = [:]
        for entry in request.env ?? [] {
            guard let eq = entry.firstIndex(of: "=") else { continue }
            environment[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
        }
        self.environment = environment
    }

    /// The container's working directory (`WorkingDir`, `/` when unset).
    public var workingDirectory: String { request.workingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/" }

    // MARK: output

    /// Writes `text` to stdout (no newline added).
    public func stdout(_ text: String) { emit(OutputChunk(.stdout, Array(text.utf8))) }

    /// Writes `text` to stderr (no newline added).
    public func stderr(_ text: String) { emit(OutputChunk(.stderr, Array(text.utf8))) }

    func emit(_ chunk: OutputChunk) {
        guard !chunk.bytes.isEmpty else { return }
        let targets = lock.withLock { () -> [AsyncThrowingStream<OutputChunk, any Error>.Continuation] in
            output.append(chunk)
            return Array(listeners.values)
        }
        for target in targets { target.yield(chunk) }
    }

    /// A stream of the output from now on (with what was written so far when `replay`),
    /// finishing when the container exits.
    func subscribe(replay: Bool) -> ContainerOutput {
        let (stream, continuation) = AsyncThrowingStream<OutputChunk, any Error>.makeStream()
        let key = UUID()
        let (past, done) = lock.withLock { () -> ([OutputChunk], Bool) in
            if status != .exited { listeners[key] = continuation }
            return (replay ? output : [], status == .exited)
        }
        for chunk in past { continuation.yield(chunk) }
        if done { continuation.finish() }
        continuation.onTermination = { [weak self] _ in self?.lock.withLock { _ = self?.listeners.removeValue(forKey: key) } }
        return ContainerOutput(stream)
    }

    /// Everything written so far.
    func recordedOutput() -> [OutputChunk] { lock.withLock { output } }

    /// Breaks every open output stream and pending wait with `error` (the engine went away).
    func breakStreams(_ error: EngineError) {
        let (targets, pending) = lock.withLock { () -> ([AsyncThrowingStream<OutputChunk, any Error>.Continuation], [Outcome<Result<Int, EngineError>>]) in
            defer { listeners = [:]; waits = [] }
            return (Array(listeners.values), waits)
        }
        for target in targets { target.finish(throwing: error) }
        for wait in pending { wait.fulfill(.failure(error)) }
    }

    /// A wait for the next exit, or (`immediateIfExited`) for the exit that already happened.
    func registerWait(immediateIfExited: Bool) -> Outcome<Result<Int, EngineError>> {
        let slot = Outcome<Result<Int, EngineError>>()
        let code = lock.withLock { () -> Int? in
            if status == .exited && immediateIfExited { return exitCode }
            waits.append(slot)
            return nil
        }
        if let code { slot.fulfill(.success(code)) }
        return slot
    }

    // MARK: files

    /// Resolves `path` against the working directory.
    public func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory == "/" ? "/" : workingDirectory + "/") + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The content of a file, nil when there is none.
    public func read(_ path: String) -> [UInt8]? { lock.withLock { files[absolute(path)] } }

    /// Writes a file (its parent directories are created).
    public func write(_ path: String, _ bytes: [UInt8], append: Bool = false) {
        let target = absolute(path)
        lock.withLock {
            addParents(of: target)
            files[target] = append ? (files[target] ?? []) + bytes : bytes
        }
    }

    /// Removes a file (a missing one is fine).
    public func remove(_ path: String) {
        let target = absolute(path)
        _ = lock.withLock { files.removeValue(forKey: target) }
    }

    public func makeDirectory(_ path: String) {
        let target = absolute(path)
        lock.withLock {
            addParents(of: target)
            directories.insert(target)
        }
    }

    /// A word with `*` or `?` expanded against the files of its directory (as a shell
    /// globs); the word itself when nothing matches.
    public func expand(_ word: String) -> [String] {
        guard word.contains("*") || word.contains("?") else { return [word] }
        let target = absolute(word)
        let directory = String(target[..<(target.lastIndex(of: "/") ?? target.startIndex)])
        let pattern = String(target[(target.lastIndex(of: "/").map { target.index(after: $0) } ?? target.startIndex)...])
        let matches = files(under: directory.isEmpty ? "/" : directory).filter { path in
            let name = String(path.dropFirst(directory.count + 1))
            return !name.contains("/") && fnmatch(pattern, name, 0) == 0
        }
        return matches.isEmpty ? [word] : matches
    }

    public func isDirectory(_ path: String) -> Bool { lock.withLock { directories.contains(absolute(path)) } }

    /// Paths of the files directly or indirectly under `directory`, sorted.
    public func files(under directory: String) -> [String] {
        let root = absolute(directory)
        let prefix = root == "/" ? "/" : root + "/"
        return lock.withLock { files.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    private func addParents(of path: String) {
        var current = ""
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            directories.insert(current)
        }
    }

    func extract(_ entries: [Tar.Entry], at path: String) {
        let base = absolute(path)
        for entry in entries {
            let target = base == "/" ? "/" + entry.path : base + "/" + entry.path
            switch entry.kind {
            case .directory: makeDirectory(target)
            case .file: write(target, entry.data)
            case .symlink: break
            }
        }
    }

    /// The tree at `path` as Docker's archive endpoint returns it: entries prefixed with the
    /// directory's own name. Nil when the path does not exist.
    func archive(_ path: String) -> [UInt8]? {
        let root = absolute(path)
        let name = root == "/" ? "" : String(root.split(separator: "/").last ?? "")
        return lock.withLock { () -> [UInt8]? in
            guard directories.contains(root) || files[root] != nil else { return nil }
            if let file = files[root] { return Tar.archive([Tar.Entry(path: name, kind: .file, mode: 0o644, data: file)]) }
            let prefix = root == "/" ? "/" : root + "/"
            var entries = [Tar.Entry(path: name, kind: .directory, mode: 0o777, data: [])]
            for directory in directories.sorted() where directory.hasPrefix(prefix) {
                entries.append(Tar.Entry(path: name + "/" + directory.dropFirst(prefix.count), kind: .directory, mode: 0o777, data: []))
            }
            for (file, data) in files.sorted(by: { $0.key < $1.key }) where file.hasPrefix(prefix) {
                entries.append(Tar.Entry(path: name + "/" + file.dropFirst(prefix.count), kind: .file, mode: 0o644, data: data))
            }
            return Tar.archive(entries)
        }
    }

    // MARK: lifecycle

    /// Sleeps `seconds`; a stop or kill ends the sleep early by throwing `CancellationError`.
    public func sleep(_ seconds: Double) async throws {
        guard seconds.isFinite, seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(min(seconds, 1e9) * 1e9))
    }

    func markRunning() { lock.withLock { status = .running } }

    func markExited(_ code: Int) {
        let (targets, pending) = lock.withLock { () -> ([AsyncThrowingStream<OutputChunk, any Error>.Continuation], [Outcome<Result<Int, EngineError>>]) in
            status = .exited
            exitCode = code
            finishedAt = Date()
            defer { listeners = [:]; waits = [] }
            return (Array(listeners.values), waits)
        }
        for target in targets { target.finish() }
        for wait in pending { wait.fulfill(.success(code)) }
    }

    /// Ends a running behaviour as a signal would: its task is cancelled and the exit code is
    /// 128 + signal.
    func deliver(_ signal: Int32) {
        let task = lock.withLock { () -> Task<Void, Never>? in
            guard status == .running, self.signal == nil else { return nil }
            self.signal = signal
            return runner
        }
        task?.cancel()
    }

    var deliveredSignal: Int32? { lock.withLock { signal } }
    var currentStatus: Status { lock.withLock { status } }
    /// Whether it was ever started.
    public var hasStarted: Bool { currentStatus != .created }
    var currentExitCode: Int { lock.withLock { exitCode } }
    var currentFinishedAt: Date? { lock.withLock { finishedAt } }
}

/// A value delivered once, to any number of waiters.
final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private var waiters: [CheckedContinuation<Value, Never>] = []

    func fulfill(_ value: Value) {
        let woken = lock.withLock { () -> [CheckedContinuation<Value, Never>] in
            guard self.value == nil else { return [] }
            self.value = value
            defer { waiters = [] }
            return waiters
        }
        for waiter in woken { waiter.resume(returning: value) }
    }

    func wait() async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            let ready = lock.withLock { () -> Value? in
                if let value { return value }
                waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
