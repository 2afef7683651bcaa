import BerthEngine
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
            #expect(throws: TarError.self) { try Tar.read(archive, stripFirst: false) }
        }
        #expect(Tar.linkEscapes(path: "leak", target: "../../etc/passwd"))
        #expect(Tar.linkEscapes(path: "leak", target: "/etc/passwd"))
        #expect(!Tar.linkEscapes(path: "a/link", target: "../b"))
        let link = Tar.archive([Tar.Entry(path: "wd/leak", kind: .symlink("../../etc/passwd"), mode: 0o777, data: [])])
        #expect((try? Tar.read(link, stripFirst: true))?.first?.kind == .symlink("../../etc/passwd"))
    }

    @Test func sizeIsBounded() {
        let archive = Tar.archive([Tar.Entry(path: "wd/big", kind: .file, mode: 0o644, data: [UInt8](repeating: 7, count: 4096))])
        #expect(throws: TarError.self) { try Tar.read(archive, stripFirst: true, limits: Tar.Limits(maxTotalBytes: 1024, maxEntries: 10)) }
    }

    @Test func framesAndLinesSurviveArbitrarySplits() throws {
        var decoder = FrameDecoder()
        let frame: ([UInt8], UInt8) -> [UInt8] = { payload, stream in [stream, 0, 0, 0, 0, 0, 0, UInt8(payload.count)] + payload }
        let bytes = frame(Array("a\nb".utf8), 1) + frame(Array("c\n".utf8), 1) + frame(Array("err".utf8), 2)
        var splitter = LineSplitter()
        var lines: [String] = []
        for byte in bytes {
            for chunk in try decoder.feed([byte]) where chunk.stream == .stdout { lines += splitter.feed(chunk.bytes) }
        }
        #expect(lines == ["a", "bc"])
        #expect(throws: EngineError.self) { var bad = FrameDecoder(); _ = try bad.feed([9, 0, 0, 0, 0, 0, 0, 0]) }
    }
}
