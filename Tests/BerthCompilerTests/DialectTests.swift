import BerthCompiler
import BerthDiagnostics
import BerthSchema
import BerthYAML
import Testing

/// Kestra 1.x and 2.0: the dialect chosen (flag, `.berth.yaml`) or detected, and what each
/// refuses of the other.
@Suite struct DialectTests {
    static func check(_ text: String, _ choice: DialectChoice = .detect) -> [Diagnostic] {
        var options = CheckOptions()
        options.kestra = choice
        return FlowCheck.check(SourceFile(path: "f.yaml", text: text), options: options).diagnostics
    }

    static func short(_ diagnostics: [Diagnostic]) -> String { ShortRenderer().render(diagnostics) }

    /// A dialect use keeps a closure that reads the check's context; the context holds the use.
    /// That cycle kept every checked flow with a deprecated construct alive (context, tree and
    /// diagnostics: about 4 KB per small flow, found by a fuzzing run's growing memory).
    @Test func aFlowWithADeprecatedConstructIsReleasedWithItsResult() {
        weak var tree: YAMLTree?
        do {
            let result = FlowCheck.check(SourceFile(path: "old.yaml", text: """
                id: old
                namespace: company.team
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.ForEach
                    values: [a, b]
                    tasks:
                      - id: log
                        type: io.kestra.core.tasks.log.Log
                        message: "{{ taskrun.value }}"
                """))
            #expect(!result.diagnostics.isEmpty, "the old type name is reported, so a dialect use was recorded")
            tree = result.stream.documents.first?.root?.tree
            #expect(tree != nil)
        }
        let released = tree == nil
        #expect(released, "the check's context (and with it the tree) outlived the result")
    }

    static let head = "id: f\nnamespace: company.team\n"
    static let log = "  - {id: hello, type: io.kestra.plugin.core.log.Log, message: hi}\n"
    static let twoOnly = head + "policyRefs: [costs]\ntasks:\n" + log + """
        triggers:
          - id: daily
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "0 6 * * *"
            when: "{{ true }}"

        """
    static let oneOnly = head + "tasks:\n" + """
          - id: each
            type: io.kestra.plugin.core.flow.EachSequential
            value: [a, b]
            retry: {type: constant, interval: PT1S, maxAttempt: 2}
            tasks:
              - {id: say, type: io.kestra.plugin.core.log.Log, message: "{{ taskrun.value }}"}

        """

    @Test func onlyTwoPointOConstructsAreCheckedAsTwoAndSaidOnce() {
        let found = Self.check(Self.twoOnly)
        #expect(Self.short(found) == "f.yaml:3:1: info: checked as Kestra 2.0: \"policyRefs\" of the flow exists in 2.0 only [kestra-dialect]\n")
        #expect(Self.check(Self.twoOnly, .fixed(.v2, source: "--kestra 2")).isEmpty, "chosen: nothing to say")
    }

    @Test func aFlowOfNeitherDialectIsSilentAndOneXIsTheDefault() {
        #expect(Self.check(Self.head + "tasks:\n" + Self.log).isEmpty)
        // 1.x constructs under detection: 1.x, so only what 1.x says (the deprecations).
        let codes = Self.check(Self.oneOnly).map(\.code.rawValue)
        #expect(codes.sorted() == ["deprecated", "deprecated"], "\(codes)")
    }

    @Test func underTwoTheRemovedConstructsAreErrorsWithTheirReplacement() throws {
        let found = Self.check(Self.oneOnly, .fixed(.v2, source: "--kestra 2"))
        #expect(found.map(\.code.rawValue) == ["removed-in-kestra-2", "removed-in-kestra-2"], "no \"deprecated: use ForEach\" under 2.0: \(Self.short(found))")
        #expect(found[0].message == "task type \"io.kestra.plugin.core.flow.EachSequential\" was removed in Kestra 2.0")
        #expect(found[0].help?.contains("io.kestra.plugin.core.flow.Loop") == true)
        #expect(found[1].message.hasPrefix("\"maxAttempt\" of "))
        #expect(found[1].help == "Kestra 2.0 reads only maxAttempts")
        // The rename is a safe fix-it; the flow then has only the type to migrate.
        let fixed = FixApplier.apply(found, path: "f.yaml", to: Array(Self.oneOnly.utf8))
        let text = String(decoding: fixed.bytes, as: UTF8.self)
        #expect(text.contains("maxAttempts: 2") && fixed.fixed.count == 1)
        #expect(Self.check(text, .fixed(.v2, source: "--kestra 2")).map(\.code.rawValue) == ["removed-in-kestra-2"])
    }

    @Test func underOneTheNewConstructsAreErrorsNamingTheChoice() {
        let found = Self.check(Self.twoOnly, .fixed(.v1, source: "kestra: 1 in /p/.berth.yaml"))
        #expect(Self.short(found) == """
            f.yaml:3:1: error: "policyRefs" of the flow exists in Kestra 2.0 only; Kestra 1.x rejects it [requires-kestra-2]
            f.yaml:10:5: error: "when" of trigger "daily" exists in Kestra 2.0 only; Kestra 1.x rejects it [requires-kestra-2]

            """)
        #expect(found[0].help?.contains("(kestra: 1 in /p/.berth.yaml)") == true)
    }

    @Test func aMixedFlowIsOneErrorAtTheFirstNewConstructWithTheOldOneNoted() {
        let mixed = Self.twoOnly.replacingOccurrences(of: "tasks:\n" + Self.log, with: "pluginDefaults: [{type: io.kestra.plugin.core.log.Log, values: {level: WARN}}]\ntasks:\n" + Self.log)
        let found = Self.check(mixed)
        #expect(found.map(\.code.rawValue) == ["mixed-dialect", "requires-kestra-2"], "\(Self.short(found))")
        #expect(found[0].range.start.line == 3 && found[0].notes.first?.range?.start.line == 4)
        #expect(found[1].range.start.line == 11, "the other 2.0 construct, judged as 1.x")
    }

    @Test func theProjectFileNamesTheDialectAndTheFlagBeatsIt() {
        let (two, problems) = ProjectConfig.parse(SourceFile(path: "/p/.berth.yaml", text: "kestra: 2.0\n"))
        #expect(problems.isEmpty && two.kestra == .v2)
        #expect(two.checkOptions().kestra == .fixed(.v2, source: "kestra: 2 in /p/.berth.yaml"))
        #expect(two.checkOptions(kestra: .v1).kestra == .fixed(.v1, source: "--kestra 1"))
        #expect(ProjectConfig.parse(SourceFile(path: "c", text: "kestra: auto\n")).0.checkOptions().kestra == .detect)
        let (_, bad) = ProjectConfig.parse(SourceFile(path: "c", text: "kestra: 3\n"))
        #expect(Self.short(bad) == "c:1:9: error: \"kestra\" must be 1 or 2 (1.x, 2.0), or auto [invalid-enum]\n")
    }

    @Test func theGrammarRefusesMarkersThatCannotHold() {
        var loader = GrammarLoader()
        _ = loader.load([(name: "g.yaml", text: """
            objects:
              Flow:
                summary: s
                properties:
                  a: {type: string, until: "2.0", description: "no removed text"}
                  b: {type: string, since: "3", description: "no such version"}
                  c: {type: string, since: "2.0", until: "2.0", removed: "x", description: "in no dialect"}

            """)])
        #expect(loader.problems == [
            "g.yaml: Flow.a has until but no removed text saying what replaced it",
            "g.yaml: Flow.b has since: 3, not a Kestra version (1, 1.x, 2, 2.0)",
            "g.yaml: Flow.c is in no dialect (since 2, until 2)",
        ])
    }

    @Test func aLoopReadsItemAndRefusesTheOneXLoopVariables() throws {
        let flow = Self.head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: [a, b]
                outputs:
                  - {id: got, type: STRING, value: "{{ outputs.say.value ?? item.value }}"}
                tasks:
                  - {id: say, type: io.kestra.plugin.core.debug.Return, format: "{{ taskrun.value }} {{ item.index }}"}
              - {id: after, type: io.kestra.plugin.core.log.Log, message: "{{ item.value }} {{ outputs.each.iterationCount }}"}

            """
        let found = Self.check(flow, .fixed(.v2, source: "--kestra 2"))
        #expect(Self.short(found) == """
            f.yaml:10:73: error: inside a Loop, "taskrun.value" is not the iteration's: Kestra 2.0 names it item.value [loop-variable-outside-loop]
            f.yaml:11:67: error: "item" exists only inside a Loop [loop-variable-outside-loop]

            """, "the Loop's own outputs read the iteration without an ordering warning")
        let fixed = String(decoding: FixApplier.apply(found, path: "f.yaml", to: Array(flow.utf8)).bytes, as: UTF8.self)
        #expect(fixed.contains("format: \"{{ item.value }} {{ item.index }}\""))
        #expect(Self.short(Self.check(flow, .fixed(.v1, source: "--kestra 1"))).contains("error: task type \"io.kestra.plugin.core.flow.Loop\" exists in Kestra 2.0 only"))
    }

}
