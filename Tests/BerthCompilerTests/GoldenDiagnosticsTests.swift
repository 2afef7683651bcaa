import BerthCompiler
import BerthDiagnostics
import Foundation
import Testing

@Suite struct GoldenDiagnosticsTests {
    static let okFiles = Repo.files(in: Repo.fixtures.appendingPathComponent("ok"), ext: "yaml")
    static let errFiles = Repo.files(in: Repo.fixtures.appendingPathComponent("err"), ext: "yaml")
    /// Reproducers the fuzzer found (see README "Fuzzing"), kept with their expected output.
    static let fuzzFiles = Repo.files(in: Repo.fixtures.appendingPathComponent("fuzz"), ext: "yaml")

    @Test func fixturesExist() {
        #expect(Self.okFiles.count >= 3)
        #expect(Self.errFiles.count >= 5)
    }

    @Test(arguments: okFiles)
    func okFixtureIsSilent(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let output = lintShort(bytes: bytes, name: url.lastPathComponent)
        #expect(output == "", "ok/\(url.lastPathComponent) must produce no diagnostics")
    }

    @Test(arguments: errFiles)
    func errFixtureMatchesGolden(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let output = lintShort(bytes: bytes, name: url.lastPathComponent)
        #expect(!output.isEmpty, "err/\(url.lastPathComponent) must produce diagnostics")
        let golden = url.deletingPathExtension().appendingPathExtension("out")
        if let failure = Golden.compare(output, with: golden) { Issue.record(Comment(rawValue: failure)) }
    }

    @Test(arguments: fuzzFiles)
    func fuzzReproducerIsAnsweredAsBefore(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        // The whole pipeline the fuzzer drives, human renderer included (it slices by ranges).
        let file = SourceFile(path: url.lastPathComponent, bytes: bytes)
        let result = FlowCompile.compile(file)
        #expect(!HumanRenderer(files: [file.path: result.check.file]).render(result.check.diagnostics).isEmpty)
        let output = ShortRenderer().render(result.check.diagnostics)
        let golden = url.deletingPathExtension().appendingPathExtension("out")
        if let failure = Golden.compare(output, with: golden) { Issue.record(Comment(rawValue: failure)) }
    }
}
