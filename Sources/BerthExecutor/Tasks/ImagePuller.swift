import BerthEngine
import Foundation

/// Makes an image present as Kestra's Docker runner does: `NEVER` requires it, `ALWAYS`
/// pulls, `IF_NOT_PRESENT` pulls when it is missing. A pull that fails with a server error or
/// a broken connection is tried again after 5, 10, 20 and 40 seconds (Kestra's exponential
/// backoff, 5 attempts); authentication and not-found answers are final.
struct ImagePuller {
    let engine: any ContainerEngine
    let log: ExecutionLog
    let taskId: String
    /// Seconds before each retry.
    let backoff: [Double]
    /// The task run and attempt pulling, for the journal's marks and the observer.
    let key: String
    let attempt: Int
    let runner: PlanRunner

    /// Kestra's Docker runner: an exponential backoff from 5 s, factor 2, 5 attempts in all.
    static let kestraBackoff: [Double] = [5, 10, 20, 40]

    func ensure(_ image: String, policy: String, auth: () throws(ExecutorError) -> RegistryAuth?) async throws(ExecutorError) {
        do {
            switch policy {
            case "NEVER":
                guard try await engine.imageExists(image) else {
                    throw ExecutorError.task("image \(image) is not present and the pull policy is NEVER")
                }
            case "ALWAYS":
                try await pull(image, auth: try auth())
            default:
                if try await !engine.imageExists(image) { try await pull(image, auth: try auth()) }
            }
        } catch {
            throw ExecutorError.from(error)
        }
    }

    private func pull(_ image: String, auth: RegistryAuth?) async throws {
        log.task(taskId, .info, "pulling \(image)")
        mark(.pullStarted, image)
        let progress = PullTotals(key: key, image: image, observer: runner.options.observer)
        var attempt = 0
        while true {
            do {
                try await engine.pull(image, auth: auth) { progress.add($0) }
                mark(.pullFinished, image)
                return
            } catch let error as EngineError {
                guard case .pull(_, _, let failure) = error, failure == .transient, attempt < backoff.count else { throw error }
                log.task(taskId, .warn, "\(error); trying again in \(Int(backoff[attempt])) s (attempt \(attempt + 2) of \(backoff.count + 1))")
                try await SafeSleep.sleep(seconds: backoff[attempt])
                attempt += 1
            }
        }
    }

    private func mark(_ kind: JournalRecord.Kind, _ image: String) {
        var record = JournalRecord(kind: kind, key: key)
        record.attempt = self.attempt
        record.message = image
        _ = runner.record(record)
    }
}
