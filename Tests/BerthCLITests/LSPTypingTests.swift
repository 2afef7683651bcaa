import BerthLanguageServer
import Foundation
import Testing

/// Completion while typing: the text at the cursor is often not YAML yet, so the context comes
/// from indentation (and the last tree that parsed), for each place a user types.
@Suite struct LSPTypingTests {
    static let flow = """
        id: typing
        namespace: company.team
        tasks:
          - id: build
            type: io.kestra.plugin.scripts.shell.Commands
            containerImage: registry.local/tools:1.4
            taskRunner:
              type: io.kestra.plugin.scripts.runner.docker.Docker
              pullPolicy: ALWAYS
            commands: [make]

        """

    /// Opens `text` (waiting for its diagnostics, so it is the last good tree), changes it to
    /// `typed` and asks for completion at the 0-based line and column.
    static func labels(_ typed: String, line: Int, character: Int, opening text: String = flow, uri: String = "file:///t/flow.yaml") async throws -> [String] {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        _ = try await lsp.response(1)
        lsp.open(text, uri: uri)
        _ = try await lsp.diagnostics(version: 1)
        if typed != text {
            lsp.send(["method": "textDocument/didChange", "params": ["textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": typed]]]])
        }
        lsp.send(["id": 2, "method": "textDocument/completion", "params": ["textDocument": ["uri": uri], "position": ["line": line, "character": character]]])
        let result = try await lsp.response(2)["result"] as? [String: Any]
        return (result?["items"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    }

    static func inserting(_ line: String, after anchor: String) -> String {
        flow.replacingOccurrences(of: anchor + "\n", with: anchor + "\n" + line + "\n")
    }

    @Test func aHalfTypedKeyUnderTheRunner() async throws {
        // `      pu` is not YAML (a scalar where a key belongs): the runner is found from indentation.
        let typed = Self.inserting("      pu", after: "      pullPolicy: ALWAYS")
        let labels = try await Self.labels(typed, line: 9, character: 8)
        #expect(labels.contains("privileged") && labels.contains("cpu") && labels.contains("memory"))
        #expect(!labels.contains("pullPolicy") && !labels.contains("type"), "keys already written are not offered")
        #expect(!labels.contains("commands"), "the task's keys are not the runner's")
    }

    @Test func aHalfTypedKeyInAFileThatNeverParsed() async throws {
        let typed = Self.inserting("      pu", after: "      pullPolicy: ALWAYS")
        let labels = try await Self.labels(typed, line: 9, character: 8, opening: typed)
        #expect(labels.contains("privileged"), "\(labels)")
    }

    @Test func anEmptyLineInAnObjectWithNoEntryYet() async throws {
        let typed = Self.inserting("      cpu:\n        ", after: "      pullPolicy: ALWAYS")
        let labels = try await Self.labels(typed, line: 10, character: 8)
        #expect(labels == ["cpus"], "\(labels)")
    }

    @Test func anEmptyLineInANestedObject() async throws {
        let typed = Self.inserting("    retry:\n      type: constant\n      ", after: "    commands: [make]")
        let labels = try await Self.labels(typed, line: 12, character: 6)
        #expect(labels.contains("interval") && labels.contains("maxAttempts") && !labels.contains("type"), "\(labels)")
    }

    @Test func valuesAfterTheKey() async throws {
        let enumValues = try await Self.labels(Self.inserting("    logLevel: ", after: "    commands: [make]"), line: 10, character: 14)
        #expect(enumValues == ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"])
        let booleans = try await Self.labels(Self.inserting("      privileged: ", after: "      pullPolicy: ALWAYS"), line: 9, character: 18)
        #expect(booleans == ["true", "false"])
        let types = try await Self.labels(Self.flow + "  - id: next\n    type: io.kestra.plugin.core.", line: 11, character: 32)
        #expect(types.contains("io.kestra.plugin.core.log.Log") && types.contains("io.kestra.plugin.scripts.shell.Commands"))
    }

    /// Images come from the open documents and the flows next to this one.
    @Test func imageNamesTheWorkspaceUses() async throws {
        let dir = try TempDir(["other.yaml": "id: other\nnamespace: company.team\ntasks:\n  - id: a\n    type: io.kestra.plugin.scripts.python.Script\n    containerImage: \"python:3.12-slim\"\n    script: print(1)\n"])
        let typed = Self.flow + "  - id: next\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: "
        let labels = try await Self.labels(typed, line: 12, character: 20, uri: "file://\(dir.path)/flow.yaml")
        #expect(labels == ["python:3.12-slim", "registry.local/tools:1.4"], "\(labels)")
    }

    @Test func aNewItemInATaskList() async throws {
        let typed = Self.flow + "  - "
        let labels = try await Self.labels(typed, line: 10, character: 4)
        #expect(labels.first == "id + type", "a snippet for a new task first: \(labels)")
        #expect(labels.contains("type") && labels.contains("id"))
        #expect(!labels.contains("commands"), "not the previous task's keys")
    }

    @Test func insideATemplate() async throws {
        let typed = Self.flow.replacingOccurrences(of: "commands: [make]", with: "commands: [\"echo {{ outputs.")
        let labels = try await Self.labels(typed, line: 9, character: 32)
        #expect(labels == ["build"], "\(labels)")
    }

    @Test func insideABlockScalarNothingIsOffered() async throws {
        let typed = Self.flow.replacingOccurrences(of: "    commands: [make]", with: "    commands:\n      - |\n        ech")
        let labels = try await Self.labels(typed, line: 11, character: 11)
        #expect(labels.isEmpty, "\(labels)")
    }

    /// Hover, definition and symbols keep answering from the last good tree while the file has
    /// a syntax error.
    @Test func hoverDefinitionAndSymbolsSurviveASyntaxError() async throws {
        let lsp = LSPHarness()
        defer { lsp.close() }
        lsp.send(["id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        _ = try await lsp.response(1)
        let text = Self.flow + "  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: \"{{ outputs.build.exitCode }}\"\n"
        lsp.open(text)
        _ = try await lsp.diagnostics(version: 1)
        lsp.send(["method": "textDocument/didChange", "params": ["textDocument": ["uri": "file:///t/flow.yaml", "version": 2],
                                                                 "contentChanges": [["text": text + "  - id: [broken\n"]]]])
        _ = try await lsp.diagnostics(version: 2)
        lsp.send(["id": 2, "method": "textDocument/hover", "params": ["textDocument": ["uri": "file:///t/flow.yaml"], "position": ["line": 8, "character": 8]]])
        let hover = try await lsp.response(2)["result"] as? [String: Any]
        #expect(((hover?["contents"] as? [String: Any])?["value"] as? String)?.contains("pullPolicy") == true)
        lsp.send(["id": 3, "method": "textDocument/definition", "params": ["textDocument": ["uri": "file:///t/flow.yaml"], "position": ["line": 12, "character": 27]]])
        let location = try await lsp.response(3)["result"] as? [String: Any]
        #expect(((location?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == 3)
        lsp.send(["id": 4, "method": "textDocument/documentSymbol", "params": ["textDocument": ["uri": "file:///t/flow.yaml"]]])
        let symbols = try await lsp.response(4)["result"] as? [[String: Any]] ?? []
        #expect(symbols.map { $0["name"] as? String } == ["build", "say"])
    }
}
