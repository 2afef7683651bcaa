import BerthLanguageServer
import Foundation

/// Measures the time from writing an encoded `didChange` to receiving the `publishDiagnostics`
/// of that version, with the server's debounce at 0 so only the work itself is measured.
enum LSPLatency {
    /// A server with `flow` open and checked (debounce 0, so only the work itself is measured).
    private struct Session {
        let toServer = Pipe()
        let reader: FrameReader
        let uri = "file:///bench/flow.yaml"

        init(flow: String) {
            let fromServer = Pipe()
            let server = LanguageServer(input: toServer.fileHandleForReading, output: fromServer.fileHandleForWriting, exit: { _ in })
            Thread.detachNewThread { server.serve() }
            reader = FrameReader(fromServer.fileHandleForReading)
            send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:], "initializationOptions": ["debounceMilliseconds": 0]]])
            _ = reader.next { $0["id"] as? Int == 1 }
            send(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": flow]]])
            _ = reader.next { ($0["params"] as? [String: Any])?["version"] as? Int == 1 }
        }

        static func frame(_ object: [String: Any]) -> Data {
            let body = try! JSONSerialization.data(withJSONObject: object)
            return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }

        func send(_ object: [String: Any]) { toServer.fileHandleForWriting.write(Self.frame(object)) }
        func close() { try? toServer.fileHandleForWriting.close() }
    }

    static func measure(flow: String, runs: Int) async throws -> Double {
        let session = Session(flow: flow)
        let (toServer, reader, uri) = (session.toServer, session.reader, session.uri)
        let frame = Session.frame
        var samples: [Double] = []
        for run in 0..<runs {
            let version = run + 2
            let edited = flow.replacingOccurrences(of: "echo \"{{ inputs.name }} 0 0\"", with: "echo \"{{ inputs.name }} \(run)\"")
            // Encoded before the clock starts: the client's own JSON writer (Foundation's, ~20 ms
            // for this message) is the editor's cost, not the server's latency.
            let change = frame(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": edited]]]])
            let start = Date()
            toServer.fileHandleForWriting.write(change)
            _ = reader.next { ($0["params"] as? [String: Any])?["version"] as? Int == version }
            // Until the frame was in: parsing it is the editor's work, like encoding the change.
            samples.append(reader.arrival.timeIntervalSince(start))
        }
        session.close()
        samples.sort()
        return samples[samples.count / 2]
    }

    /// The median time from a completion request to its answer, asked at a half-typed key (`pu`,
    /// not YAML) in the last task's Docker runner: the text is what it is while typing.
    static func completion(flow: String, runs: Int) async throws -> Double {
        let session = Session(flow: flow)
        let (reader, uri, send) = (session.reader, session.uri, session.send)
        let marker = "          pullPolicy: IF_NOT_PRESENT\n"
        guard let last = flow.range(of: marker, options: .backwards) else { return .nan }
        let typed = flow.replacingCharacters(in: last, with: marker + "          pu\n")
        let line = flow[..<last.upperBound].filter { $0 == "\n" }.count
        send(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": typed]]]])
        _ = reader.next { ($0["params"] as? [String: Any])?["version"] as? Int == 2 }
        var samples: [Double] = []
        for run in 0..<runs {
            let id = 100 + run
            let start = Date()
            send(["jsonrpc": "2.0", "id": id, "method": "textDocument/completion",
                  "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": 12]]])
            let answer = reader.next { $0["id"] as? Int == id }
            samples.append(reader.arrival.timeIntervalSince(start))
            let items = ((answer?["result"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []
            guard items.contains(where: { $0["label"] as? String == "privileged" }) else { return .nan }
        }
        session.close()
        samples.sort()
        return samples[samples.count / 2]
    }

    /// Blocking reader of framed messages.
    final class FrameReader {
        let handle: FileHandle
        var buffer = Data()
        /// When the last matching frame had been read in full, before it was parsed.
        var arrival = Date()
        init(_ handle: FileHandle) { self.handle = handle }

        func next(_ matching: ([String: Any]) -> Bool) -> [String: Any]? {
            while true {
                while let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
                    let header = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self)
                    guard let length = Int(header.replacingOccurrences(of: "Content-Length: ", with: "")),
                          buffer.count - (headerEnd.upperBound - buffer.startIndex) >= length else { break }
                    let complete = Date()
                    let body = buffer[headerEnd.upperBound..<headerEnd.upperBound + length]
                    buffer = Data(buffer[(headerEnd.upperBound + length)...])
                    if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], matching(object) {
                        arrival = complete
                        return object
                    }
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }
}
