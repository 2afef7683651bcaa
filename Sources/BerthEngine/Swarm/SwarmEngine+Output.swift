import AsyncHTTPClient
import Foundation

extension SwarmEngine {
    /// How often a service's task is looked at while it runs.
    static let pollInterval: UInt64 = 300_000_000
    /// After this long waiting for a node, the task's reason is said once (in seconds).
    static let waitingNotice: TimeInterval = 5

    /// The service's output: its log endpoint followed while its task runs, then whatever that
    /// stream had not delivered yet from the task's complete log (a following service log
    /// never ends by itself). Before `start`, it waits for the service to exist.
    public func attach(_ id: String, replay: Bool) async throws -> ContainerOutput {
        let (stream, continuation) = AsyncThrowingStream<OutputChunk, any Error>.makeStream()
        let work = Task {
            do {
                try await self.follow(id, into: continuation)
                continuation.finish()
            } catch let error as EngineError {
                continuation.finish(throwing: error)
            } catch {
                continuation.finish(throwing: error is CancellationError ? error : EngineError.unreachable(endpoint: self.endpoint, reason: "\(error)"))
            }
        }
        continuation.onTermination = { _ in work.cancel() }
        return ContainerOutput(stream)
    }

    private func follow(_ id: String, into continuation: AsyncThrowingStream<OutputChunk, any Error>.Continuation) async throws {
        guard var task = try await firstTask(of: id) else { return }
        let delivered = DeliveredBytes()
        let live = Task {
            let response = try await manager.open(.GET, "/services/\(id)/logs?follow=1&stdout=1&stderr=1", operation: "service logs \(id)")
            var decoder = FrameDecoder()
            for try await buffer in response.body {
                for chunk in try decoder.feed(buffer.readableBytesView) {
                    delivered.add(chunk)
                    continuation.yield(chunk)
                }
            }
        }
        defer { live.cancel() }
        let since = Date()
        var noticed = false
        while !task.hasEnded {
            if task.isWaiting && !noticed && Date().timeIntervalSince(since) > Self.waitingNotice {
                continuation.yield(OutputChunk(.system, Array("service \(id) is waiting: \(task.reason)".utf8)))
                noticed = true
            }
            try await Task.sleep(nanoseconds: Self.pollInterval)
            guard let next = try await self.task(of: id) else { return }
            task = next
        }
        live.cancel()
        _ = await live.result
        guard task.containerId != nil else { return }
        for chunk in try await completeLog(of: task) {
            let rest = delivered.unseen(chunk)
            if !rest.isEmpty { continuation.yield(OutputChunk(chunk.stream, rest)) }
        }
    }

    /// The service's task once Swarm has made one; nil when the service went away first (it
    /// was removed, or never created and given up).
    private func firstTask(of id: String) async throws -> SwarmTask? {
        while true {
            if let task = try await task(of: id) { return task }
            if !lock.withLock({ pending[id] != nil }), try await service(id) == nil { return nil }
            try await Task.sleep(nanoseconds: Self.pollInterval)
        }
    }

    /// Everything the task wrote, from its log endpoint (it has ended).
    private func completeLog(of task: SwarmTask) async throws -> [OutputChunk] {
        let answer = try await manager.call(.GET, "/tasks/\(task.ID)/logs?stdout=1&stderr=1", operation: "task logs \(task.ID)")
        var decoder = FrameDecoder()
        return try decoder.feed(answer.body[...])
    }

    public func logs(_ id: String) async throws -> ContainerOutput {
        let (stream, continuation) = AsyncThrowingStream<OutputChunk, any Error>.makeStream()
        do {
            if let task = try await task(of: id), task.containerId != nil {
                for chunk in try await completeLog(of: task) { continuation.yield(chunk) }
            }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
        return ContainerOutput(stream)
    }

    /// The exit code once the task has ended: from its container status; a task Swarm could not
    /// run (no image on the node, rejected) is an error with Swarm's reason.
    public func wait(_ id: String, condition: WaitCondition) async throws -> ContainerWait {
        ContainerWait { [self] in
            guard var task = try await firstTask(of: id) else { return try self.exitCode(id, nil) }
            while !task.hasEnded {
                try await Task.sleep(nanoseconds: Self.pollInterval)
                guard let next = try await self.task(of: id) else { return try self.exitCode(id, nil) }
                task = next
            }
            return try self.exitCode(id, task)
        }
    }

    func exitCode(_ id: String, _ task: SwarmTask?) throws(EngineError) -> Int {
        let stopped = lock.withLock { stoppedEarly.contains(id) }
        guard let task else {
            if stopped { return 137 }
            throw EngineError.api(status: 404, message: "service \(id) was removed while its task ran", operation: "wait for service")
        }
        let code = task.Status.ContainerStatus?.ExitCode
        switch task.Status.State {
        case "complete":
            return code ?? 0
        case "rejected":
            throw EngineError.unsupported("Swarm rejected the task of service \(id): \(task.reason)")
        default:
            if let code, code != 0, task.containerId != nil { return code }
            if stopped { return 137 }
            throw EngineError.unsupported("Swarm could not run the task of service \(id) (\(task.Status.State)): \(task.reason)")
        }
    }
}

/// Bytes of each stream already handed on, so the complete log adds only what follows them.
final class DeliveredBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [OutputStreamKind: Int] = [:]

    func add(_ chunk: OutputChunk) { lock.withLock { counts[chunk.stream, default: 0] += chunk.bytes.count } }

    /// The part of `chunk` past what was delivered of its stream (counting it as delivered).
    func unseen(_ chunk: OutputChunk) -> [UInt8] {
        lock.withLock {
            let seen = counts[chunk.stream, default: 0]
            counts[chunk.stream] = max(0, seen - chunk.bytes.count)
            return seen >= chunk.bytes.count ? [] : Array(chunk.bytes[seen...])
        }
    }
}
