import BerthLanguageServer
import Foundation
import Testing

/// An in-process language server over pipes, for protocol-level tests.
final class LSPHarness: @unchecked Sendable {
    let toServer = Pipe()
    let fromServer = Pipe()
    let server: LanguageServer
    private var buffer = Data()
    private let lock = NSLock()
    private var messages: [[String: Any]] = []

    init() {
        server = LanguageServer(input: toServer.fileHandleForReading, output: fromServer.fileHandleForWriting, exit: { _ in })
        let server = self.server
        Thread.detachNewThread { server.serve() }
        fromServer.fileHandleForReading.readabilityHandler = { [weak self] handle in
            guard let self else { return }
            let data = handle.availableData
            self.lock.withLock {
                self.buffer.append(data)
                while let headerEnd = self.buffer.range(of: Data("\r\n\r\n".utf8)) {
                    let header = String(decoding: self.buffer[..<headerEnd.lowerBound], as: UTF8.self)
                    guard let length = Int(header.replacingOccurrences(of: "Content-Length: ", with: "")),
                          self.buffer.count - headerEnd.upperBound >= length else { break }
                    let body = self.buffer[headerEnd.upperBound..<headerEnd.upperBound + length]
                    if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] { self.messages.append(object) }
                    self.buffer.removeSubrange(..<(headerEnd.upperBound + length))
                }
            }
        }
    }

    func sendRaw(_ body: Data) {
        toServer.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func send(_ message: [String: Any]) {
        var full = message
        full["jsonrpc"] = "2.0"
        sendRaw(try! JSONSerialization.data(withJSONObject: full))
    }

    /// Waits for the first message matching `predicate` (and removes it). The deadline is long:
    /// the server shares the two-thread cooperative pool with every test running in parallel.
    func expect(_ seconds: Double = 60, _ predicate: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let found: [String: Any]? = lock.withLock {
                guard let index = messages.firstIndex(where: predicate) else { return nil }
                return messages.remove(at: index)
            }
            if let found { return found }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw CancellationError()
    }

    func response(_ id: Int) async throws -> [String: Any] { try await expect { ($0["id"] as? Int) == id } }

    func diagnostics(version: Int) async throws -> [[String: Any]] {
        let message = try await expect { ($0["method"] as? String) == "textDocument/publishDiagnostics" && (($0["params"] as? [String: Any])?["version"] as? Int) == version }
        return (message["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []
    }

    func open(_ text: String, uri: String = "file:///t/flow.yaml", version: Int = 1) {
        send(["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": version, "text": text]]])
    }

    /// Ends the session: the server reads end of input and returns from `serve()`, and the
    /// output handler is removed (a handler left set keeps its dispatch source and pipe alive).
    func close() {
        try? toServer.fileHandleForWriting.close()
        fromServer.fileHandleForReading.readabilityHandler = nil
    }
}

@Suite struct LSPProtocolTests {
    let flow = "id: hello\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    mesage: hi\n    message: \"{{ inputs.nme }}\"\n"

    @Test func malformedMessagesGetErrorsNotCrashes() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.sendRaw(Data("{not json".utf8))
        let parse = try await lsp.expect { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 }
        #expect(parse["id"] is NSNull)
        lsp.send(["id": 7, "method": "workspace/frobnicate", "params": [:]])
        let unknown = try await lsp.response(7)
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
        lsp.send(["id": 8, "method": "initialize", "params": ["capabilities": [:]]])
        #expect(try await lsp.response(8)["result"] != nil)
    }

    @Test func aClosedSessionReleasesTheServerAndItsDocuments() async throws {
        weak var server: LanguageServer?
        do {
            let lsp = LSPHarness()
            server = lsp.server
            lsp.open(flow)
            #expect(try await lsp.diagnostics(version: 1).count == 2)
            lsp.close()
        }
        // serve() returns on its own thread once it reads end of input.
        let deadline = Date().addingTimeInterval(30)
        while server != nil, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        // A Bool, not `server == nil`: the testing library would reflect the live server on failure.
        let released = server == nil
        #expect(released, "the server (and every document and tree it holds) outlived its session")
    }

    /// An editor that exits while a check is running closes the pipe the answer goes to: the
    /// server must not trap on the broken pipe (it did: `FileHandle.write(_:)` traps).
    @Test func anEditorThatWentAwayDoesNotCrashTheServer() async throws {
        // As `berth lsp` runs: SIGPIPE ignored, so the write fails instead of killing the process.
        signal(SIGPIPE, SIG_IGN)
        let toServer = Pipe(), fromServer = Pipe()
        weak var weakServer: LanguageServer?
        do {
            let server = LanguageServer(input: toServer.fileHandleForReading, output: fromServer.fileHandleForWriting, exit: { _ in })
            weakServer = server
            Thread.detachNewThread { server.serve() }
        }
        try fromServer.fileHandleForReading.close()
        func frame(_ object: [String: Any]) throws -> Data {
            let body = try JSONSerialization.data(withJSONObject: object)
            return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }
        toServer.fileHandleForWriting.write(try frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]]))
        toServer.fileHandleForWriting.write(try frame(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                                                       "params": ["textDocument": ["uri": "file:///gone.yaml", "languageId": "yaml", "version": 1, "text": flow]]]))
        // Time for the check to run and publish into the closed pipe.
        try await Task.sleep(nanoseconds: 500_000_000)
        try toServer.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(30)
        while weakServer != nil, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        let ended = weakServer == nil
        #expect(ended, "the server should end at the end of its input, not before and not never")
    }

    @Test func utf8IsNegotiatedWhenOffered() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": ["general": ["positionEncodings": ["utf-8", "utf-16"]]]]])
        let result = try await lsp.response(1)["result"] as? [String: Any]
        #expect((result?["capabilities"] as? [String: Any])?["positionEncoding"] as? String == "utf-8")
        lsp.open("id: hello\nnamespace: company.team\ndescription: é\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: \"é {{ inputs.x }}\"\n")
        let diagnostics = try await lsp.diagnostics(version: 1)
        let start = (diagnostics.first?["range"] as? [String: Any])?["start"] as? [String: Any]
        // UTF-8: "    message: \"" is 14 bytes, "é " 3 bytes, "{{ inputs." 10 bytes.
        #expect(start?["character"] as? Int == 27)
    }

    @Test func diagnosticsCarryCodesNotesAndQuickFixes() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:], "initializationOptions": ["docsBaseUrl": "https://docs.example/diagnostics"]]])
        _ = try await lsp.response(1)
        lsp.open(flow)
        let diagnostics = try await lsp.diagnostics(version: 1)
        #expect(Set(diagnostics.compactMap { $0["code"] as? String }) == ["unknown-property", "unknown-input"])
        let unknown = try #require(diagnostics.first { $0["code"] as? String == "unknown-property" })
        #expect((unknown["codeDescription"] as? [String: Any])?["href"] as? String == "https://docs.example/diagnostics#unknown-property")
        lsp.send(["id": 2, "method": "textDocument/codeAction", "params": [
            "textDocument": ["uri": "file:///t/flow.yaml"], "range": unknown["range"]!, "context": ["diagnostics": [unknown]]]])
        let actions = try await lsp.response(2)["result"] as? [[String: Any]] ?? []
        let edit = ((actions.first?["edit"] as? [String: Any])?["changes"] as? [String: Any])?["file:///t/flow.yaml"] as? [[String: Any]]
        #expect(edit?.first?["newText"] as? String == "message")
        #expect(actions.first?["isPreferred"] as? Bool == false, "a did-you-mean guess is offered, not preferred")
    }

    /// Under `kestra: 2` from the project's .berth.yaml, a ForEach's migration is a preferred
    /// quick fix with every edit of the Loop rewrite.
    @Test func kestra2MigrationsAreQuickFixes() async throws {
        let dir = try TempDir([".berth.yaml": "kestra: 2\n"])
        let uri = "file://\(dir.path)/flow.yaml"
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        _ = try await lsp.response(1)
        lsp.open("id: f\nnamespace: company.team\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: [a]\n    tasks:\n      - id: say\n        type: io.kestra.plugin.core.log.Log\n        message: \"{{ taskrun.value }}\"\n", uri: uri)
        let diagnostics = try await lsp.diagnostics(version: 1)
        let removed = try #require(diagnostics.first { $0["code"] as? String == "removed-in-kestra-2" })
        lsp.send(["id": 2, "method": "textDocument/codeAction", "params": [
            "textDocument": ["uri": uri], "range": removed["range"]!, "context": ["diagnostics": [removed]]]])
        let actions = try await lsp.response(2)["result"] as? [[String: Any]] ?? []
        let action = try #require(actions.first { ($0["title"] as? String)?.hasPrefix("rewrite as a Loop") == true })
        let edits = ((action["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]] ?? []
        #expect(Set(edits.compactMap { $0["newText"] as? String }) == ["io.kestra.plugin.core.flow.Loop", "\n    concurrencyLimit: 1", "item.value"])
        #expect(action["isPreferred"] as? Bool == true)
    }

    @Test func staleResultsAreNeverPublishedAfterANewerVersion() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:], "initializationOptions": ["debounceMilliseconds": 200]]])
        _ = try await lsp.response(1)
        lsp.open(flow)
        _ = try await lsp.diagnostics(version: 1)
        for version in 2...5 {
            lsp.send(["method": "textDocument/didChange", "params": ["textDocument": ["uri": "file:///t/flow.yaml", "version": version],
                                                                     "contentChanges": [["text": version == 5 ? "id: x\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: ok\n" : flow]]]])
        }
        #expect(try await lsp.diagnostics(version: 5).isEmpty)
        // Versions 2-4 were superseded before their check ran: nothing was published for them.
        await #expect(throws: CancellationError.self) { _ = try await lsp.expect(0.5) { ($0["method"] as? String) == "textDocument/publishDiagnostics" } }
    }

    @Test func definitionSymbolsAndTemplateHover() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        _ = try await lsp.response(1)
        let text = "id: f\nnamespace: company.team\ninputs:\n  - id: who\n    type: STRING\ntasks:\n  - id: make\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n  - id: use\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ outputs.make.value }} {{ inputs.who }}\"\n"
        lsp.open(text)
        _ = try await lsp.diagnostics(version: 1)
        lsp.send(["id": 2, "method": "textDocument/definition", "params": ["textDocument": ["uri": "file:///t/flow.yaml"], "position": ["line": 11, "character": 25]]])
        let location = try await lsp.response(2)["result"] as? [String: Any]
        #expect(((location?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 6)
        lsp.send(["id": 3, "method": "textDocument/definition", "params": ["textDocument": ["uri": "file:///t/flow.yaml"], "position": ["line": 11, "character": 48]]])
        let input = try await lsp.response(3)["result"] as? [String: Any]
        #expect(((input?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 3)
        lsp.send(["id": 4, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": "file:///t/flow.yaml"]]])
        let symbols = try await lsp.response(4)["result"] as? [[String: Any]] ?? []
        #expect(symbols.map { $0["name"] as? String } == ["make", "use"])
        lsp.send(["id": 5, "method": "textDocument/hover", "params": ["textDocument": ["uri": "file:///t/flow.yaml"], "position": ["line": 11, "character": 25]]])
        let hover = ((try await lsp.response(5)["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
        #expect(hover?.contains("io.kestra.plugin.core.debug.Return") == true)
        #expect(hover?.contains("`value`") == true)
        lsp.send(["id": 6, "method": "shutdown"])
        #expect(try await lsp.response(6)["result"] is NSNull)
    }
}

/// Real clients: pygls (a Python LSP client library) and headless Neovim.
@Suite(.serialized) struct LSPRealClientTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let berth = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("berth").path
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    static func which(_ tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/root/.pyenv/shims"]
        return paths.map { $0 + "/" + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var pyglsSkip: String? {
        if inCI { return nil }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import pygls"]
        check.standardError = FileHandle.nullDevice
        if (try? check.run()) != nil { check.waitUntilExit(); if check.terminationStatus == 0 { return nil } }
        print("skipping the pygls session: pip install pygls")
        return "pygls is not installed"
    }

    static var nvimSkip: String? {
        if inCI || which("nvim") != nil { return nil }
        print("skipping the Neovim test: apt-get install neovim")
        return "nvim is not installed"
    }

    @Test(.disabled(if: pyglsSkip != nil, "pygls is not installed"))
    func fullSessionThroughPygls() throws {
        let script = Self.repo.appendingPathComponent("Tests/BerthCLITests/lsp/pygls_session.py").path
        let (status, output) = try runProcess("/usr/bin/env", ["python3", script, Self.berth])
        #expect(status == 0, "\(output)")
        #expect(output.contains("session complete"))
    }

    @Test(.disabled(if: nvimSkip != nil, "nvim is not installed"))
    func headlessNeovimShowsTheDiagnostic() throws {
        let flow = FileManager.default.temporaryDirectory.appendingPathComponent("berth-nvim-\(UUID().uuidString).yaml")
        try "id: hello\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    mesage: typo\n"
            .write(to: flow, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: flow) }
        let nvim = try #require(Self.which("nvim"))
        let config = Self.repo.appendingPathComponent("Tests/BerthCLITests/lsp/nvim_diagnostics.lua").path
        let (_, output) = try runProcess(nvim, ["--headless", "-u", config, flow.path], environment: ["BERTH": Self.berth])
        #expect(output.contains("7:5 unknown-property unknown property \"mesage\" in task \"a\""), "\(output)")
    }

    /// A buffer that is not YAML yet, as it is while typing: completion at a half-typed key under
    /// the runner, an empty line under `cpu:`, a value after `pullPolicy: `, a new task item.
    @Test(.disabled(if: nvimSkip != nil, "nvim is not installed"))
    func headlessNeovimCompletesWhileTyping() throws {
        let flow = FileManager.default.temporaryDirectory.appendingPathComponent("berth-nvim-\(UUID().uuidString).yaml")
        try """
            id: typing
            namespace: company.team
            tasks:
              - id: build
                type: io.kestra.plugin.scripts.shell.Commands
                commands: [make]
                taskRunner:
                  type: io.kestra.plugin.scripts.runner.docker.Docker
                  pu
                  cpu:
                    
                  pullPolicy: 
              - 

            """.write(to: flow, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: flow) }
        let nvim = try #require(Self.which("nvim"))
        let config = Self.repo.appendingPathComponent("Tests/BerthCLITests/lsp/nvim_completion.lua").path
        let (_, output) = try runProcess(nvim, ["--headless", "-u", config, flow.path],
                                         environment: ["BERTH": Self.berth, "BERTH_POSITIONS": "8:8;10:8;11:18;12:4"])
        let lines = Dictionary(uniqueKeysWithValues: output.split(separator: "\n").compactMap { line -> (String, [String])? in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].contains(":") else { return nil }
            return (String(parts[0]), parts[1].split(separator: ",").map(String.init))
        })
        #expect(lines["8:8"]?.contains("privileged") == true, "\(output)")
        #expect(lines["10:8"] == ["cpus"], "\(output)")
        #expect(lines["11:18"] == ["IF_NOT_PRESENT", "ALWAYS", "NEVER"], "\(output)")
        #expect(lines["12:4"]?.first == "id + type", "\(output)")
    }
}
