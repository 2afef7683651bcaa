import BerthEngine
import BerthExpressions
import BerthPlan
import Foundation

/// The executor's parsers of untrusted run-time text, in one call for the fuzz target: the
/// output protocol, template rendering and conversion to every property type, input coercion,
/// the engine's multiplexed stream, tar archives and the secret masker. Each must answer any
/// input with a value or an error — never a trap, never a hang.
public enum RuntimeProbe {
    static let context: ValueMap = ValueMap([
        ("inputs", .object([("name", .string("berth")), ("n", .int(3)), ("list", .list([.int(1), .string("a"), .null])),
                            ("map", .object([("k", .string("v")), ("nested", .object([("x", .double(1.5))]))]))])),
        ("outputs", .object([("t", .object([("vars", .object([("a", .int(1))])), ("outputFiles", .object([("out.txt", .string("kestra:///a/b"))]))]))])),
        ("vars", .object([("greeting", .string("hello {{ inputs.name }}"))])),
        ("taskrun", .object([("value", .string("a")), ("attemptsCount", .int(0))])),
        ("flow", .object([("id", .string("f")), ("namespace", .string("company.team"))])),
    ])

    static let inputTypes = ["STRING", "INT", "FLOAT", "BOOLEAN", "SELECT", "MULTISELECT", "JSON", "ARRAY", "DURATION", "DATETIME",
                             "DATE", "TIME", "URI", "EMAIL", "SECRET"]

    /// Feeds `bytes` to every run-time parser.
    public static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        // The output protocol, line by line as the splitter cuts them.
        var protocolState = OutputProtocol()
        var splitter = LineSplitter(dropBlank: bytes.first.map { $0 & 1 == 0 } ?? false)
        for line in splitter.feed(bytes) + [splitter.flush()].compactMap({ $0 }) { _ = protocolState.handle(line) }
        _ = protocolState.handle("::" + text + "::")
        // Templates, and what they render converted to each property type.
        let evaluator = Evaluator(context: EvaluationContext(variables: context, secret: { name in name == "X" ? "hunter2-probe" : nil }))
        if let value = try? evaluator.evaluate(text) {
            for type in TemplateType.allCases { _ = try? Values.convert(value, to: type, source: text) }
        }
        _ = try? evaluator.render(text)
        // Input coercion of the text as one declared type (picked by the input, so a run is reproducible).
        let masker = SecretMasker()
        let storage = Storage(stateDirectory: URL(fileURLWithPath: "/nonexistent-berth-probe"))
        let type = inputTypes[Int(bytes.last ?? 0) % inputTypes.count]
        let input = PlanInput(id: "i", type: type, required: true, defaults: nil,
                              validation: ["values": .array([.string("a"), .string("b")]), "min": .int(-5), "max": .double(1e9), "validator": .string("[a-z]+")],
                              dependsOn: [])
        let values = InputValues(declarations: [input], masker: masker, storage: storage, inputsPath: "/x/inputs", workingDirectory: "/nonexistent")
        _ = try? values.typed(text, input)
        // The engine's stream, the archive reader, the masker.
        var decoder = FrameDecoder()
        _ = try? decoder.feed(bytes)
        _ = try? Tar.read(bytes, stripFirst: bytes.count % 2 == 0, limits: Tar.Limits(maxTotalBytes: 1 << 20, maxEntries: 1_000))
        // The masker and globs compile patterns: short texts are what a secret or a glob is.
        if text.utf8.count <= 128 {
            masker.register(text)
            _ = masker.mask(text + " " + text)
            _ = PathGlob(text)?.matches(text)
        }
        _ = KestraTruth.isTrue(text)
    }
}
