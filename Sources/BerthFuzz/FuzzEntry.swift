import BerthCompiler
import BerthDiagnostics
import BerthExecutor
import BerthPlan
import BerthYAML
import Foundation

/// One input through the whole front end: reader → checker → lowering → plan JSON and text,
/// and the diagnostics through the renderers that slice source lines by their ranges (the JSON
/// and SARIF renderers only copy strings into Foundation's encoder, which costs more than
/// everything else here together); then through the executor's run-time parsers (templates,
/// input coercion, the output protocol, the engine stream, tar archives, the masker).
enum FuzzPipeline {
    /// A smaller alias budget than `berth lint`'s million nodes: the same code path answers an
    /// alias bomb, without one slow input costing a thousand ordinary ones.
    static let limits = ReaderLimits(maxDepth: 256, maxAliasExpansion: 20_000)

    /// Which parts each input goes through: `BERTH_FUZZ_PARTS=frontend`, `runtime`, or both
    /// (the default). The run-time parsers are a hundred times cheaper than the front end, so a
    /// run meant for them alone goes much further with `runtime`.
    static let parts = ProcessInfo.processInfo.environment["BERTH_FUZZ_PARTS"] ?? "all"

    static func run(_ bytes: [UInt8]) {
        if parts != "frontend" { RuntimeProbe.run(bytes) }
        if parts != "runtime" { frontEnd(bytes) }
    }

    static func frontEnd(_ bytes: [UInt8]) {
        let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
        // Both checker modes, chosen by a property of the input so that a run is reproducible.
        let options = bytes.count % 2 == 0 ? CheckOptions.standard : CheckOptions(unknownTypeSeverity: .warning)
        let result = FlowCompile.compile(file, options: options, limits: limits)
        let diagnostics = result.check.diagnostics
        _ = HumanRenderer(files: [file.path: result.check.file]).render(diagnostics)
        _ = ShortRenderer().render(diagnostics)
        for plan in result.plans {
            let data = plan.encoded()
            // The plan must survive its own round trip: the executor only ever sees the JSON.
            guard let decoded = try? Plan.decode(data), decoded.encoded() == data else {
                fatalError("plan does not round-trip through JSON")
            }
            _ = PlanText.render(plan)
        }
    }
}

#if BERTH_FUZZING
/// libFuzzer's entry point (built with `--sanitize fuzzer -Xswiftc -DBERTH_FUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzPipeline.run(bytes)
    return 0
}
#else
/// Without libFuzzer: replays files (a corpus or reproducers) through the same pipeline.
@main
struct FuzzReplay {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: berth-fuzz FILE-OR-DIR...\n".utf8))
            exit(2)
        }
        var count = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzPipeline.run([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) inputs")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif
