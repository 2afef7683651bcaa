import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// `http.Request` and `http.Download` as Kestra runs them (see README "HTTP tasks").
    func runHTTP(_ node: PlanNode, download: Bool, evaluator: Evaluator, run: TaskRunContext, scope: Scope) async throws(ExecutorError) -> AttemptResult {
        let p = try Values.render(.object(node.properties), with: evaluator)
        let spec: HTTPRequestSpec
        do {
            spec = try HTTPRequestSpec(rendered: p) { [storage] uri in
                guard let url = storage.file(for: uri), let data = FileManager.default.contents(atPath: url.path) else {
                    throw HTTPPropertyError(description: "formData: no file at \(uri)")
                }
                return ([UInt8](data), url.lastPathComponent)
            }
        } catch {
            return AttemptResult(state: .failed, message: "\(error)")
        }
        let temporary = download ? executionDirectory.appendingPathComponent("http-\(run.id)") : nil
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let response: HTTPClientRun.Response
        do {
            response = try await HTTPClientRun(spec: spec).send(into: temporary)
        } catch HTTPTaskError.transport(let message) {
            return AttemptResult(state: .failed, message: message)
        } catch {
            return AttemptResult(state: .failed, message: "\(spec.uri): \(error)")
        }
        log.task(node.id, .debug, "Request '\(spec.uri)' with the response code '\(response.code)'")
        if !spec.accepts(response.code) {
            var body = response.body
            if body.isEmpty, let temporary, let data = try? Data(contentsOf: temporary) { body = [UInt8](data) }
            let text = String(decoding: body, as: UTF8.self)
            return AttemptResult(state: .failed, message: "Failed http request with response code '\(response.code)'" + (text.isEmpty ? "" : " and body:\n\(text)"))
        }
        let headers = JSONValue.object(Dictionary(response.headers.map { ($0.0, JSONValue.array($0.1.map { .string($0) })) }, uniquingKeysWith: { $1 }))
        var outputs: [(String, Value)] = [("code", .int(Int64(response.code))), ("headers", Values.value(headers))]
        if let temporary {
            if let declared = response.declaredLength, declared != response.length {
                return AttemptResult(state: .failed, message: "Invalid size, got \(response.length), expected \(declared)")
            }
            if response.length == 0 {
                let failOnEmpty = p["failOnEmptyResponse"].map { $0.plainText.lowercased() != "false" } ?? true
                if failOnEmpty && !spec.allowFailed { return AttemptResult(state: .failed, message: "No response from server") }
                if !failOnEmpty { log.task(node.id, .warn, "File '\(spec.uri)' is empty") }
            }
            let name = HTTPDownloadName.from(headers: response.headers, uri: spec.uri, fallback: Ids.stable(run.id + spec.uri))
            let stored: String
            do { stored = try storage.store(temporary, path: taskStoragePath(node, taskrunId: run.id), name: name, move: true) } catch {
                throw ExecutorError.journal("cannot store the download of \(node.id): \(error.localizedDescription)")
            }
            log.task(node.id, .debug, "File '\(stored)' downloaded with size '\(response.length)'")
            outputs = [("uri", .string(stored))] + outputs + [("length", .int(Int64(response.length)))]
        } else {
            outputs.insert(("uri", .string(p["uri"]?.plainText ?? spec.uri)), at: 0)
            if p["encryptBody"]?.plainText.lowercased() == "true" {
                log.task(node.id, .warn, "encryptBody: berth holds no encryption key, so the body is left out of the outputs")
            } else {
                outputs.append(("body", .string(String(decoding: response.body, as: UTF8.self))))
            }
        }
        await state.setOutputs(node.id, .map(ValueMap(outputs)), loopValues: scope.loopValues)
        return AttemptResult(state: .success)
    }
}
