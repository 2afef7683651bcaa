import BerthCompiler
import BerthDiagnostics
import BerthPlan
import Foundation
import Testing

/// The plan's own encoder must write exactly what `JSONEncoder` (sorted keys, pretty, no
/// escaped slashes) writes: plan files written before it, and the golden plans, stay valid.
@Suite struct PlanEncoderTests {
    static func jsonEncoder<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    static let tricky: JSONValue = .object([
        "doubles": .array([0.1, 300, 1e-7, 1e21, -0.0, 123456789.123, 5e-324, 1.5e300, 1e16, 12345678901234567, 0.0001, 1e-5,
                           -2.5, .infinity, -.infinity, .nan, 9007199254740993, 1234567.0].map { JSONValue.double($0) }),
        "ints": .array([.int(0), .int(-1), .int(Int64.max), .int(Int64.min)]),
        "text": .string("\u{01}\u{08}\u{0C}\n\r\t\u{1F}\u{7F}/\"\\ é \u{2028} 🚀 {{ x }}"),
        "keys": .object(Dictionary(uniqueKeysWithValues: ["a10", "a9", "B", "a", "é", "Z", "_x", "$t", "aa", "A", "b", "🚀", "", " "].map { ($0, JSONValue.bool(true)) })),
        "empty": .object(["array": .array([]), "object": .object([:]), "null": .null]),
        "nested": .array([.array([.object(["k": .array([])])]), .object([:])]),
    ])

    @Test func writesWhatJSONEncoderWritesForTrickyValues() throws {
        #expect(try PlanEncoder.encode(Self.tricky) == Self.jsonEncoder(Self.tricky))
    }

    @Test func aCanonicalValueIsWrittenAsItsDecodedValueWouldBe() throws {
        // The create body travels as canonical bytes; at any depth it must come out as the
        // value it holds would.
        struct Holder: Encodable { var body: CanonicalJSON; var list: [CanonicalJSON] }
        let holder = Holder(body: CanonicalJSON(Self.tricky), list: [CanonicalJSON(.object([:])), CanonicalJSON(Self.tricky["nested"]!)])
        let expected = try Self.jsonEncoder(["body": Self.tricky, "list": .array([.object([:]), Self.tricky["nested"]!])] as [String: JSONValue])
        #expect(try PlanEncoder.encode(holder) == expected)
        #expect(CanonicalJSON(Self.tricky).value["text"] == Self.tricky["text"])
    }

    @Test(arguments: PlanTests.fixtureFlows + PlanTests.samples)
    func everyGoldenPlanIsWrittenAsJSONEncoderWritesIt(_ url: URL) throws {
        let file = SourceFile(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)))
        let plan = try #require(FlowCompile.compile(file).plans.first)
        var expected = try Self.jsonEncoder(plan)
        expected.append(0x0A)
        #expect([UInt8](plan.encoded()) == expected)
    }
}
