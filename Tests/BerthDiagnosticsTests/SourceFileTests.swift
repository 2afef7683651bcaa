import Testing
@testable import BerthDiagnostics

@Suite struct SourceFileTests {
    @Test func positionsAreOneBasedWithScalarColumns() {
        let file = SourceFile(path: "f", text: "ab\né€x\n")
        #expect(file.position(at: 0) == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(file.position(at: 3) == SourcePosition(offset: 3, line: 2, column: 1))
        // "é" is 2 bytes, "€" 3 bytes: x is at byte 8, column 3.
        #expect(file.position(at: 8) == SourcePosition(offset: 8, line: 2, column: 3))
        #expect(file.position(line: 2, column: 3).offset == 8)
    }

    @Test func everyYAMLLineBreakStartsALine() {
        let file = SourceFile(path: "f", text: "a\r\nb\rc\u{2028}d\ne")
        #expect(file.lineCount == 5)
        #expect(file.lineText(1) == "a")
        #expect(file.lineText(3) == "c")
        #expect(file.lineText(5) == "e")
    }

    @Test func utf16ColumnsForEditors() {
        let file = SourceFile(path: "f", text: "k: 😀x\n")
        let x = file.position(at: 7)
        #expect(x.column == 5)
        #expect(file.utf16Column(of: x) == 5)
        #expect(file.offset(line: 0, utf16Column: 5) == 7)
    }

    @Test func normalizedSortsByFileThenPositionAndDropsDuplicates() {
        let file = SourceFile(path: "b.yaml", text: "x: 1\ny: 2\n")
        let late = Diagnostic(.error, "c", "late", path: "b.yaml", range: file.range(5..<6))
        let early = Diagnostic(.warning, "c", "early", path: "b.yaml", range: file.range(0..<1))
        let other = Diagnostic(.error, "c", "other", path: "a.yaml", range: file.range(5..<6))
        let sorted = DiagnosticOrder.normalized([late, early, other, late])
        #expect(sorted.map(\.message) == ["other", "early", "late"])
    }
}
