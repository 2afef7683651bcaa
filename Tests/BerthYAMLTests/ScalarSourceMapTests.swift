import BerthDiagnostics
import Testing
@testable import BerthYAML

@Suite struct ScalarSourceMapTests {
    /// Finds `needle` in the decoded value of `key` and returns the source range it maps to.
    func locate(_ needle: String, key: String, in text: String) throws -> (SourceRange, Bool) {
        let stream = read(text)
        #expect(stream.diagnostics.isEmpty)
        let node = try #require(stream.documents.first?.root?[key])
        let value = try #require(node.scalar)
        let start = try #require(value.range(of: needle))
        let lower = value.utf8.distance(from: value.startIndex, to: start.lowerBound)
        let map = try #require(ScalarSourceMap(node: node, file: stream.file))
        return (map.sourceRange(ofValue: lower..<lower + needle.utf8.count), map.isExact)
    }

    func text(_ range: SourceRange, _ source: String) -> String {
        String(decoding: Array(source.utf8)[range.offsets], as: UTF8.self)
    }

    @Test func doubleQuotedWithEscapesBeforeTheTemplate() throws {
        let source = "cmd: \"a\\tb\\u00e9 \\\"q\\\" {{ inputs.x }}\"\n"
        let (range, exact) = try locate("inputs.x", key: "cmd", in: source)
        #expect(exact)
        #expect(text(range, source) == "inputs.x")
        #expect(range.start.line == 1 && range.start.column == 27)
    }

    @Test func singleQuotedWithDoubledQuote() throws {
        let source = "msg: 'it''s {{ vars.y }}'\n"
        let (range, exact) = try locate("vars.y", key: "msg", in: source)
        #expect(exact)
        #expect(text(range, source) == "vars.y")
    }

    @Test func multiLinePlainScalarFolds() throws {
        let source = "msg: first line\n  second {{ inputs.name }}\n"
        let (range, exact) = try locate("inputs.name", key: "msg", in: source)
        #expect(exact)
        #expect(range.start.line == 2 && range.start.column == 13)
    }

    @Test func multiLineDoubleQuotedFolds() throws {
        let source = "msg: \"first\n\n  then {{ outputs.t.vars.x }}\"\n"
        let (range, exact) = try locate("outputs.t", key: "msg", in: source)
        #expect(exact)
        #expect(range.start.line == 3 && range.start.column == 11)
    }

    @Test func literalBlockScalar() throws {
        let source = "script: |\n  echo one\n\n  echo {{ inputs.nme }}\nnext: 1\n"
        let (range, exact) = try locate("inputs.nme", key: "script", in: source)
        #expect(exact)
        #expect(range.start.line == 4 && range.start.column == 11)
        #expect(text(range, source) == "inputs.nme")
    }

    @Test func foldedBlockScalarWithKeepChomping() throws {
        let source = "script: >+\n    one\n    two {{ x }}\n\n"
        let (range, exact) = try locate("x }}", key: "script", in: source)
        #expect(exact)
        #expect(range.start.line == 3 && range.start.column == 12)
    }

    @Test func literalWithStripChompingAndIndentIndicator() throws {
        let source = "tasks:\n  - script: |2-\n        indented {{ y }}\n"
        let stream = read(source)
        let node = try #require(stream.documents.first?.root?["tasks"]?.sequence?.first?["script"])
        let map = try #require(ScalarSourceMap(node: node, file: stream.file))
        #expect(map.isExact)
        let value = try #require(node.scalar)
        // The indicator is relative to the parent mapping's indentation (4): content at 6.
        #expect(value == "  indented {{ y }}")
        let r = map.sourceRange(ofValue: 14..<15)
        #expect(r.start.line == 3 && r.start.column == 21)
    }
}
