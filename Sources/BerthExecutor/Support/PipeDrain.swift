import Foundation

/// Reads one pipe on its own thread until end of file, handing each chunk to `sink`.
///
/// Not `FileHandle.readabilityHandler`: on Linux the dispatch source behind it outlives the
/// handle (LeakSanitizer reports it on every Process-runner task), and a blocking read here
/// keeps the cooperative pool free while a chatty child writes.
final class PipeDrain: Sendable {
    private let ended = OneShot<Void>()

    /// Starts reading `handle` now; `sink` is called on the reader thread, in order.
    init(_ handle: FileHandle, sink: @escaping @Sendable (Data) -> Void) {
        let ended = self.ended
        Thread.detachNewThread {
            // A read error ends the stream like end of file: the child's exit status still
            // decides the task, and what was read so far is kept.
            while let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty { sink(chunk) }
            ended.fulfill(())
        }
    }

    /// Returns once every writer has closed the pipe and the last chunk was handed over.
    func finished() async { await ended.wait() }
}
