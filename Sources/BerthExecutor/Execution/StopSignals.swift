import Foundation

/// SIGINT/SIGTERM: the first stops running containers (honouring killGracePeriod), runs the
/// finally tasks and records KILLED; a second kills everything at once.
enum StopSignals {
    static func install(log: ExecutionLog, first: @escaping @Sendable () -> Void, second: @escaping @Sendable () -> Void) -> [DispatchSourceSignal] {
        let counter = Counter()
        return [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if counter.next() == 1 {
                    log.system(.warn, "stopping: containers get their grace period, then finally tasks run (press Ctrl-C again to kill at once)")
                    first()
                } else {
                    log.system(.warn, "killing every container of the execution now")
                    second()
                }
            }
            source.resume()
            return source
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
