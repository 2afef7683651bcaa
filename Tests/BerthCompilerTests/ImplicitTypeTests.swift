import BerthCompiler
import BerthDiagnostics
import BerthFormats
import Testing

/// `yaml-implicit-type`: scalars Kestra's YAML 1.1 reader types differently from what is written.
@Suite struct ImplicitTypeTests {
    static func flow(_ env: String) -> String {
        "id: f\nnamespace: company.team\ntasks:\n  - id: t\n    type: io.kestra.plugin.scripts.shell.Commands\n    containerImage: ubuntu:24.04\n\(env)    commands:\n      - echo\n"
    }

    @Test func wordBooleansAndOctalsInStringsAreReported() {
        expectDiagnostics(Self.flow("    env:\n      DEBUG: 1️⃣yes\n      MODE: 2️⃣0755\n      ZIP: \"01234\"\n      FLAG: true\n      N: 09\n"),
                          [("1️⃣", "yaml-implicit-type"), ("2️⃣", "yaml-implicit-type")])
    }

    @Test func theMessageSaysWhatKestraSeesAndTheFixQuotes() throws {
        let text = Self.flow("    env:\n      DEBUG: on\n")
        let d = try #require(FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off)).diagnostics.first)
        #expect(d.message == "a value in task \"t\" is \"true\" for Kestra, not \"on\": its YAML 1.1 reader takes on as the boolean true")
        #expect(AuditTests.applying(try #require(d.fixIts.first), to: text) == Self.flow("    env:\n      DEBUG: \"on\"\n"))
    }

    @Test func aWordBooleanWhereABooleanIsExpectedIsAcceptedWithAFix() throws {
        let text = "id: f\nnamespace: company.team\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    allowFailure: yes\n"
        let diagnostics = FlowCheck.check(SourceFile(path: "t.yaml", text: text), options: CheckOptions(audits: .off)).diagnostics
        #expect(diagnostics.map(\.code) == ["yaml-implicit-type"], "no wrong-type: Kestra takes yes as true")
        #expect(AuditTests.applying(try #require(diagnostics.first?.fixIts.first), to: text).hasSuffix("allowFailure: true\n"))
    }

    @Test func octalInFreeFormValues() {
        expectDiagnostics("id: f\nnamespace: company.team\nvariables:\n  zip: 1️⃣01234\n  n: 12\n  answer: yes\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n",
                          [("1️⃣", "yaml-implicit-type")])
    }

    @Test(arguments: [
        ("yes", KestraScalar.bool(true)), ("OFF", .bool(false)), ("yEs", .string), ("y", .string), ("0755", .int(493)),
        ("09", .string), ("0x1F", .int(31)), ("0b101", .int(5)), ("1_000", .int(1000)), ("-012", .int(-10)), ("1.5", .double(1.5)),
        ("1e3", .double(1000)), ("1:30", .string), ("~", .null), ("0", .int(0)), ("+7", .int(7)), ("0x1.8p3", .string),
    ])
    func scalarsResolveAsKestraReadsThem(text: String, expected: KestraScalar) {
        #expect(KestraScalar.resolve(text) == expected)
    }
}
