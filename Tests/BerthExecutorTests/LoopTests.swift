import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// Kestra 2.0's Loop, run without Docker: each iteration with its own `item` and outputs,
/// declared outputs read after the loop, failures as `transmitFailed` says.
@Suite struct LoopTests {
    static let head = "id: t\nnamespace: company.team\n"

    @Test func eachIterationHasItsItemAndItsOwnOutputsAndTheLoopCollectsThem() async throws {
        let run = try await TestRun.run(Self.head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: [a, a, 7]
                concurrencyLimit: 1
                outputs:
                  - {id: shout, type: STRING, value: "{{ outputs.up.values.big }}"}
                tasks:
                  - id: up
                    type: io.kestra.plugin.core.output.OutputValues
                    values: {big: "{{ item.value | upper }}-{{ item.index }}"}
                  - {id: say, type: io.kestra.plugin.core.log.Log, message: "{{ item.value }} {{ item.index }} {{ outputs.up.values.big }}"}
              - {id: after, type: io.kestra.plugin.core.log.Log, message: "{{ outputs.each.iterationCount }} {{ loopOutputs(outputs.each.outputs, 'shout') | join(',') }} {{ outputs.each.outputs[2].item.value }}"}

            """)
        #expect(run.result.state == .success, "\(run.text)")
        // Unlike ForEach, a repeated value is an iteration of its own.
        #expect(run.output("say") == ["a 0 A-0", "a 1 A-1", "7 2 7-2"])
        #expect(run.output("after") == ["3 A-0,A-1,7-2 7"])
        #expect(run.runs("up").map(\.loopValues) == [["0"], ["1"], ["2"]])
    }

    @Test func mapValuesGiveTheKeyAndNestedLoopsSeeTheirParents() async throws {
        let run = try await TestRun.run(Self.head + """
            tasks:
              - id: outer
                type: io.kestra.plugin.core.flow.Loop
                values: {east: "1", west: "2"}
                concurrencyLimit: 1
                tasks:
                  - id: inner
                    type: io.kestra.plugin.core.flow.Loop
                    values: '["x", {"n": 1}]'
                    concurrencyLimit: 1
                    tasks:
                      - {id: say, type: io.kestra.plugin.core.log.Log, message: "{{ item.parent.key }}={{ item.parent.value }} {{ item.value }} {{ item.parents[0].index }}"}

            """)
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("say") == ["east=1 x 0", "east=1 {\"n\":1} 0", "west=2 x 1", "west=2 {\"n\":1} 1"])
    }

    @Test func aFailedIterationLetsTheOthersRunAndFailsTheLoopUnlessTransmitFailedIsFalse() async throws {
        func flow(_ transmit: String) -> String {
            Self.head + """
                tasks:
                  - id: each
                    type: io.kestra.plugin.core.flow.Loop
                    values: [a, b, c]
                    concurrencyLimit: 1
                    transmitFailed: \(transmit)
                    tasks:
                      - {id: f, type: io.kestra.plugin.core.execution.Fail, condition: "{{ item.value == 'b' }}"}
                      - {id: say, type: io.kestra.plugin.core.log.Log, message: "{{ item.value }}"}

                """
        }
        let failing = try await TestRun.run(flow("true"))
        #expect(failing.result.state == .failed)
        #expect(failing.output("say") == ["a", "c"], "the iteration stops at its failure; the others run")
        let tolerant = try await TestRun.run(flow("false"))
        #expect(tolerant.result.state == .warning, "\(tolerant.text)")
        #expect(tolerant.task("each")?.state == .warning)
        #expect(tolerant.output("say") == ["a", "c"])
    }

    @Test func valuesThatAreNeitherAListNorAMapFailTheTask() async throws {
        let run = try await TestRun.run(Self.head + """
            tasks:
              - id: each
                type: io.kestra.plugin.core.flow.Loop
                values: "{{ 'plain' }}"
                tasks:
                  - {id: say, type: io.kestra.plugin.core.log.Log, message: "{{ item.value }}"}

            """)
        #expect(run.result.state == .failed)
        #expect(run.task("each")?.message?.hasPrefix("Loop values must be a list, a map, a JSON list or map, or a kestra:// file; \"plain\" is none") == true,
                "\(run.task("each")?.message ?? "")")
        #expect(run.task("say") == nil)
    }
}
