import BerthCompiler
import BerthDiagnostics
import BerthSchema
import BerthYAML
import Foundation

/// `berth lsp`: the checker live in the editor over the Language Server Protocol (stdio).
public final class LanguageServer: @unchecked Sendable {
    let transport: Transport
    let queue = DispatchQueue(label: "berth.lsp")
    let checkQueue = DispatchQueue(label: "berth.lsp.check")
    var documents: [String: Document] = [:]
    /// The last tree that parsed, per document, for completion while the text is broken.
    var lastGood: [String: YAMLNode] = [:]
    /// Images used across the workspace, for completion after `containerImage: `.
    let workspaceImages = WorkspaceImages()
    var encoding: Document.Encoding = .utf16
    var shutdownRequested = false
    var pendingChecks: [String: DispatchWorkItem] = [:]
    var cancelled: Set<String> = []
    let grammar = Grammar.standard
    /// Base of the documentation link for diagnostic codes (initializationOptions.docsBaseUrl
    /// or BERTH_DOCS_URL); no link when unset.
    var docsBase: String? = ProcessInfo.processInfo.environment["BERTH_DOCS_URL"]
    /// Delay before checking after a change (milliseconds).
    var debounce = 30
    let exit: @Sendable (Int32) -> Void

    public init(input: FileHandle = .standardInput, output: FileHandle = .standardOutput, exit: @escaping @Sendable (Int32) -> Void = { Foundation.exit($0) }) {
        transport = Transport(input: input, output: output)
        self.exit = exit
    }

    /// Serves until the client closes stdin or sends `exit`.
    public func serve() {
        transport.readLoop { [self] body in
            guard let body, !body.isEmpty, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                transport.send(["jsonrpc": "2.0", "id": NSNull(), "error": ["code": -32700, "message": "parse error: the message is not a JSON object"]])
                return
            }
            if object["method"] as? String == "$/cancelRequest", let id = (object["params"] as? [String: Any])?["id"] {
                queue.sync { _ = cancelled.insert("\(id)") }
                return
            }
            let message = Unchecked(object)
            queue.async { self.dispatch(message.value) }
        }
        queue.sync {}
        exit(shutdownRequested ? 0 : 1)
    }

    func reply(_ id: Any?, result: Any) {
        guard let id else { return }
        if cancelled.remove("\(id)") != nil {
            transport.send(["jsonrpc": "2.0", "id": id, "error": ["code": -32800, "message": "request cancelled"]])
            return
        }
        transport.send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    func replyError(_ id: Any?, code: Int, _ message: String) {
        transport.send(["jsonrpc": "2.0", "id": id ?? NSNull(), "error": ["code": code, "message": message]])
    }

    func notify(_ method: String, _ params: [String: Any]) {
        transport.send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    func dispatch(_ message: [String: Any]) {
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        guard let method = message["method"] as? String else {
            if id != nil { replyError(id, code: -32600, "invalid request: no method") }
            return
        }
        if shutdownRequested && method != "exit" {
            if id != nil { replyError(id, code: -32600, "the server is shutting down") }
            return
        }
        switch method {
        case "initialize": reply(id, result: initialize(params))
        case "initialized", "$/setTrace", "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles": return
        case "shutdown":
            shutdownRequested = true
            reply(id, result: NSNull())
        case "exit": exit(shutdownRequested ? 0 : 1)
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": if let uri = uri(params) { scheduleCheck(uri, immediate: true) }
        case "textDocument/didClose": didClose(params)
        case "textDocument/completion": reply(id, result: completion(params))
        case "textDocument/hover": reply(id, result: hover(params) ?? NSNull())
        case "textDocument/definition": reply(id, result: definition(params) ?? NSNull())
        case "textDocument/documentSymbol": reply(id, result: documentSymbols(params))
        case "textDocument/codeAction": reply(id, result: codeActions(params))
        default:
            if id != nil { replyError(id, code: -32601, "method not supported: \(method)") }
        }
    }

    func uri(_ params: [String: Any]) -> String? {
        (params["textDocument"] as? [String: Any])?["uri"] as? String
    }

    func initialize(_ params: [String: Any]) -> [String: Any] {
        let offered = ((params["capabilities"] as? [String: Any])?["general"] as? [String: Any])?["positionEncodings"] as? [String] ?? []
        encoding = offered.contains("utf-8") ? .utf8 : .utf16
        if let options = params["initializationOptions"] as? [String: Any] {
            if let base = options["docsBaseUrl"] as? String { docsBase = base }
            if let delay = options["debounceMilliseconds"] as? Int { debounce = max(0, delay) }
        }
        return [
            "capabilities": [
                "positionEncoding": encoding.rawValue,
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "completionProvider": ["triggerCharacters": [".", ":", " ", "|", "{"], "resolveProvider": false],
                "hoverProvider": true,
                "definitionProvider": true,
                "documentSymbolProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            ] as [String: Any],
            "serverInfo": ["name": "berth", "version": "0.1.0"],
        ]
    }

    func didOpen(_ params: [String: Any]) {
        guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String else { return }
        documents[uri] = Document(uri: uri, text: item["text"] as? String ?? "", version: item["version"] as? Int ?? 0)
        scheduleCheck(uri, immediate: true)
    }

    func didChange(_ params: [String: Any]) {
        guard let uri = uri(params), var document = documents[uri] else { return }
        for change in params["contentChanges"] as? [[String: Any]] ?? [] { document.apply(change, encoding: encoding) }
        document.version = (params["textDocument"] as? [String: Any])?["version"] as? Int ?? document.version + 1
        documents[uri] = document
        scheduleCheck(uri, immediate: false)
    }

    func didClose(_ params: [String: Any]) {
        guard let uri = uri(params) else { return }
        documents[uri] = nil
        lastGood[uri] = nil
        pendingChecks[uri]?.cancel()
        pendingChecks[uri] = nil
        notify("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": []])
    }

    /// Checks off the reader thread after a short pause; a result older than the document's
    /// current version is dropped, never published.
    func scheduleCheck(_ uri: String, immediate: Bool) {
        guard let document = documents[uri] else { return }
        pendingChecks[uri]?.cancel()
        // Weak: the item stays in `pendingChecks` after it ran, and a strong capture would make
        // server → pendingChecks → item → server a cycle that outlives the session.
        let work = DispatchWorkItem { [weak self] in
            guard let self else { return }
            let result = FlowCheck.check(document.file, options: DocumentOptions.forDocument(uri))
            let diagnostics = Unchecked(result.diagnostics.map { lspDiagnostic($0, file: result.file, uri: uri) })
            queue.async { [self] in
                guard documents[uri]?.version == document.version else { return }
                if let root = result.stream.documents.first?.root, !result.stream.stoppedEarly { lastGood[uri] = root }
                notify("textDocument/publishDiagnostics", ["uri": uri, "version": document.version, "diagnostics": diagnostics.value])
            }
        }
        pendingChecks[uri] = work
        checkQueue.asyncAfter(deadline: .now() + .milliseconds(immediate ? 0 : debounce), execute: work)
    }

    func lspDiagnostic(_ d: Diagnostic, file: SourceFile, uri: String) -> [String: Any] {
        var out: [String: Any] = [
            "range": Document.range(d.range, in: file, encoding: encoding),
            "severity": d.severity == .error ? 1 : (d.severity == .warning ? 2 : 3),
            "code": d.code.rawValue,
            "source": "berth",
            "message": d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message,
        ]
        if let docsBase { out["codeDescription"] = ["href": "\(docsBase)#\(d.code.rawValue)"] }
        let related: [[String: Any]] = d.notes.compactMap { note in
            note.range.map { ["location": ["uri": uri, "range": Document.range($0, in: file, encoding: encoding)], "message": note.message] }
        }
        if !related.isEmpty { out["relatedInformation"] = related }
        return out
    }
}

/// JSON dictionaries crossing queues: they are built once and only read afterwards.
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
