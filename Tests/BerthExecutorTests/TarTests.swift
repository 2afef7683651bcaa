import Testing
@testable import BerthExecutor

@Suite struct TarTests {
    @Test func roundTripKeepsModesAndLongNames() throws {
        let long = String(repeating: "d", count: 120) + "/file.txt"
        let archive = Tar.archive([
            Tar.Entry(path: "wd", kind: .directory, mode: 0o777, data: []),
            Tar.Entry(path: "wd/run.sh", kind: .file, mode: 0o755, data: Array("echo hi\n".utf8)),
            Tar.Entry(path: "wd/" + long, kind: .file, mode: 0o644, data: [1, 2, 3]),
        ])
        let entries = try Tar.read(archive, stripFirst: true)
        #expect(entries.map(\.path) == ["run.sh", long])
        #expect(entries[0].mode == 0o755)
        #expect(entries[1].data == [1, 2, 3])
    }

    @Test func escapingPathsAreRefused() {
        for path in ["../etc/passwd", "wd/../../x", "/etc/shadow"] {
            let archive = Tar.archive([Tar.Entry(path: "wd", kind: .directory, mode: 0o755, data: []),
                                       Tar.Entry(path: path, kind: .file, mode: 0o644, data: [0])])
            #expect(throws: ExecutorError.self) { try Tar.read(archive, stripFirst: false) }
        }
        let link = Tar.archive([Tar.Entry(path: "wd/leak", kind: .symlink("../../etc/passwd"), mode: 0o777, data: [])])
        #expect(throws: ExecutorError.self) { try Tar.read(link, stripFirst: true) }
        let inside = Tar.archive([Tar.Entry(path: "wd/a/link", kind: .symlink("../b"), mode: 0o777, data: [])])
        #expect((try? Tar.read(inside, stripFirst: true))?.count == 1)
    }

    @Test func sizeIsBounded() {
        let archive = Tar.archive([Tar.Entry(path: "wd/big", kind: .file, mode: 0o644, data: [UInt8](repeating: 7, count: 4096))])
        #expect(throws: ExecutorError.self) { try Tar.read(archive, stripFirst: true, limits: Tar.Limits(maxTotalBytes: 1024, maxEntries: 10)) }
    }

    @Test func framesAndLinesSurviveArbitrarySplits() throws {
        var decoder = FrameDecoder()
        let frame: ([UInt8], UInt8) -> [UInt8] = { payload, stream in [stream, 0, 0, 0, 0, 0, 0, UInt8(payload.count)] + payload }
        let bytes = frame(Array("a\nb".utf8), 1) + frame(Array("c\n".utf8), 1) + frame(Array("err".utf8), 2)
        var splitter = LineSplitter()
        var lines: [String] = []
        for byte in bytes {
            for (stream, payload) in try decoder.feed([byte]) where stream == .stdout { lines += splitter.feed(payload) }
        }
        #expect(lines == ["a", "bc"])
        var protocolState = OutputProtocol()
        if case .consumed = protocolState.handle("::{\"outputs\":{\"x\":1}}::") {} else { Issue.record("not consumed") }
        if case .log = protocolState.handle(" ::{\"outputs\":{}}::") {} else { Issue.record("leading space must not match") }
        if case .malformed = protocolState.handle("::{not json}::") {} else { Issue.record("malformed JSON is a warning") }
        #expect(protocolState.outputs["x"] == .int(1))
    }
}
