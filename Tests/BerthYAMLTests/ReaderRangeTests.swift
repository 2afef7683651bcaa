import BerthDiagnostics
import Testing
@testable import BerthYAML

func read(_ text: String, limits: ReaderLimits = .standard) -> YAMLStream {
    YAMLReader(limits: limits).read(SourceFile(path: "t.yaml", text: text))
}

func codes(_ stream: YAMLStream) -> [String] { stream.diagnostics.map(\.code.rawValue) }

@Suite struct ReaderRangeTests {
    @Test func keysAndScalarsCarryExactRanges() throws {
        let stream = read("id: hello\nnamespace: \"dev.team\"\ntasks:\n  - id: a\n    type: x\n")
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        let entries = try #require(root.mapping)
        #expect(entries.map { $0.key.scalar } == ["id", "namespace", "tasks"])
        let ns = entries[1]
        #expect(ns.key.range.start == SourcePosition(offset: 10, line: 2, column: 1))
        #expect(ns.key.range.end == SourcePosition(offset: 19, line: 2, column: 10))
        #expect(ns.value.scalar == "dev.team")
        #expect(ns.value.scalarStyle == .doubleQuoted)
        #expect(ns.value.range.start.column == 12)
        #expect(ns.value.range.end.column == 22)
        let task = try #require(root["tasks"]?.sequence?.first)
        #expect(task.range.start == SourcePosition(offset: 43, line: 4, column: 5))
        #expect(task.range.end.line == 5 && task.range.end.column == 12)
        #expect(task["type"]?.range.start.column == 11)
    }

    @Test func columnsCountUnicodeScalarsAndOffsetsCountBytes() throws {
        let stream = read("é: ü\nkey: \"ñandú\"\n")
        let root = try #require(stream.documents.first?.root)
        let value = try #require(root["key"])
        #expect(value.range.start == SourcePosition(offset: 12, line: 2, column: 6))
        #expect(value.range.end == SourcePosition(offset: 21, line: 2, column: 13))
        #expect(root.mapping?[0].value.range.start == SourcePosition(offset: 4, line: 1, column: 4))
    }

    @Test func crlfLineBreaksKeepPositions() throws {
        let stream = read("id: a\r\nnamespace: b\r\n")
        let root = try #require(stream.documents.first?.root)
        #expect(root["namespace"]?.range.start == SourcePosition(offset: 18, line: 2, column: 12))
    }

    @Test func leadingByteOrderMarkIsAcceptedAndPositionsStayExact() throws {
        let stream = read("\u{FEFF}id: a\nns: b\n")
        #expect(stream.diagnostics.isEmpty)
        let root = try #require(stream.documents.first?.root)
        #expect(root.mapping?[0].key.range.start == SourcePosition(offset: 3, line: 1, column: 1))
        #expect(root["ns"]?.range.start == SourcePosition(offset: 13, line: 2, column: 5))
    }

    @Test func blockScalarRangeEndsAtItsLastCharacter() throws {
        let stream = read("script: |\n  echo a\n  echo b\n\nnext: 1\n")
        let script = try #require(stream.documents.first?.root?["script"])
        #expect(script.scalarStyle == .literal)
        #expect(script.scalar == "echo a\necho b\n")
        #expect(script.range.start.line == 1 && script.range.start.column == 9)
        #expect(script.range.end.line == 3 && script.range.end.column == 9)
    }

    @Test func flowCollectionRangeIncludesBrackets() throws {
        let stream = read("cmd: [\"a\", b]\n")
        let cmd = try #require(stream.documents.first?.root?["cmd"])
        #expect(cmd.collectionStyle == .flow)
        #expect(cmd.range.start.column == 6 && cmd.range.end.column == 14)
        #expect(cmd.sequence?.map { $0.scalar } == ["a", "b"])
    }

    @Test func scalarStylesAndTagsAreKept() throws {
        let stream = read("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\nf: !!str 12\n")
        let root = try #require(stream.documents.first?.root)
        #expect(root["a"]?.scalarStyle == .plain)
        #expect(root["b"]?.scalarStyle == .singleQuoted)
        #expect(root["c"]?.scalarStyle == .doubleQuoted)
        #expect(root["d"]?.scalarStyle == .literal)
        #expect(root["e"]?.scalarStyle == .folded)
        #expect(root["f"]?.tag == "tag:yaml.org,2002:str")
    }
}
