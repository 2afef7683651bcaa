import BerthDiagnostics
import Foundation
import Testing
@testable import BerthYAML

@Suite struct ReaderLimitTests {
    @Test func multiDocumentStreamYieldsEachDocument() throws {
        let stream = read("id: one\n---\nid: two\n---\nid: three\nid: again\n")
        #expect(stream.documents.count == 3)
        #expect(stream.documents.map { $0.root?["id"]?.scalar } == ["one", "two", "three"])
        #expect(stream.documents[1].range.start.line == 2)
        // The duplicate is reported once, in the third document only.
        #expect(codes(stream) == ["duplicate-key"])
        #expect(stream.diagnostics[0].range.start.line == 6)
    }

    @Test func billionLaughsIsCutOffQuicklyWithADiagnostic() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var stream: YAMLStream?
        let elapsed = clock.measure { stream = read(text) }
        let result = try #require(stream)
        #expect(elapsed < .seconds(1))
        #expect(codes(result) == ["alias-expansion-limit"])
        let diagnostic = result.diagnostics[0]
        #expect(diagnostic.notes.first?.message.contains("&a") == true)
        // Nothing beyond the budget was materialised.
        let sizes = result.documents.first?.root?.mapping?.map { $0.value.expandedSize } ?? []
        #expect((sizes.max() ?? 0) <= ReaderLimits.standard.maxAliasExpansion)
    }

    @Test func deepFlowNestingIsADiagnosticNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let stream = read(text)
        #expect(codes(stream) == ["nesting-too-deep"])
        #expect(stream.stoppedEarly)
        #expect(stream.diagnostics[0].range.start.column == ReaderLimits.standard.maxDepth + 1)
    }

    @Test func deepMappingNestingIsADiagnosticNotACrash() {
        let text = String(repeating: "{k: ", count: 100_000) + "v" + String(repeating: "}", count: 100_000) + "\n"
        let stream = read(text)
        #expect(codes(stream) == ["nesting-too-deep"])
    }

    @Test func deepBlockNestingIsADiagnosticNotACrash() {
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        let stream = read(text)
        #expect(codes(stream) == ["nesting-too-deep"])
    }

    @Test func duplicateKeysPointAtTheSecondWithANoteAtTheFirst() throws {
        let stream = read("id: a\ntasks: []\nid: b\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.code == "duplicate-key")
        #expect(diagnostic.range.start.line == 3 && diagnostic.range.end.column == 3)
        #expect(diagnostic.notes.first?.range?.start.line == 1)
        #expect(diagnostic.notes.first?.message == "first defined here")
    }

    @Test func anchorsAliasesAndMergeKeysResolve() throws {
        let stream = read("""
            base: &base
              image: centos
              cpu: 1
            task:
              <<: *base
              cpu: 2
            list: [*base, *base]
            """)
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        let task = try #require(root["task"])
        #expect(task["image"]?.scalar == "centos")
        #expect(task["cpu"]?.scalar == "2")
        #expect(task.mapping?.filter(\.isMerged).count == 1)
        #expect(root["list"]?.sequence?.count == 2)
    }

    @Test func unknownAliasAndBadMergeAreReported() {
        let stream = read("a: *nope\nb:\n  <<: scalar\n")
        #expect(codes(stream).sorted() == ["invalid-merge", "unknown-alias"])
    }

    @Test func invalidUTF8NulAndMidFileBOMAreDiagnosticsAndTheRestIsRead() throws {
        var bytes = Array("id: a\nname: b".utf8)
        bytes.append(0xFF)
        bytes += Array("\nns: c\u{0}\nx: \u{FEFF}y\n".utf8)
        let stream = YAMLReader().read(SourceFile(path: "t.yaml", bytes: bytes))
        #expect(codes(stream).sorted() == ["invalid-utf8", "misplaced-bom", "nul-byte"])
        let invalid = try #require(stream.diagnostics.first { $0.code == "invalid-utf8" })
        #expect(invalid.range.start.line == 2 && invalid.range.start.column == 8)
        let nul = try #require(stream.diagnostics.first { $0.code == "nul-byte" })
        #expect(nul.range.start.line == 3 && nul.range.start.column == 6)
        #expect(stream.documents.first?.root?["ns"]?.scalar == "c")
    }

    @Test func tabIndentationIsExplained() throws {
        let stream = read("id: x\ntasks:\n\t- id: a\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.code == "yaml-syntax")
        #expect(diagnostic.range.start.line == 3 && diagnostic.range.start.column == 1)
        #expect(diagnostic.help?.contains("tabs") == true)
    }

    @Test func keyIndentedOneSpaceOffIsExplained() throws {
        let stream = read("tasks:\n  - id: a\n    type: x\n   image: y\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.code == "yaml-syntax")
        #expect(diagnostic.range.start.line == 4)
        #expect(diagnostic.help == "line 4 is indented 3 spaces but the keys above are at 4; keys of one mapping must line up exactly")
    }

    @Test func unclosedQuotePointsAtTheOpeningQuote() throws {
        let stream = read("id: x\nmessage: \"hello\nnext: 1\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.range.start.line == 2 && diagnostic.range.start.column == 10)
        #expect(diagnostic.message.hasPrefix("unclosed quoted string"))
        #expect(diagnostic.notes.first?.range?.start.line == 4)
    }

    @Test func syntaxErrorKeepsLibyamlTextAndContext() throws {
        let stream = read("a: [1, 2\nb: 3\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.message == "did not find expected ',' or ']' (while parsing a flow sequence)")
        #expect(diagnostic.notes.first?.message == "while parsing a flow sequence")
        #expect(diagnostic.notes.first?.range?.start == SourcePosition(offset: 3, line: 1, column: 4))
    }

    @Test func controlCharacterIsReportedAtItsByte() throws {
        let stream = read("id: a\u{1}b\n")
        let diagnostic = try #require(stream.diagnostics.first)
        #expect(diagnostic.code == "control-character")
        #expect(diagnostic.range.start.column == 6)
    }
}
