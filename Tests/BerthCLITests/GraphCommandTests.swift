import BerthCLI
import Foundation
import Testing

/// `berth graph`: golden Mermaid and DOT for every sample and for a flow with every cluster
/// kind; DOT that Graphviz accepts; svg and html; clear failures.
@Suite struct GraphCommandTests {
    static let samples = GoldenFiles.root.appendingPathComponent("samples")
    static let graphs = GoldenFiles.root.appendingPathComponent("Tests/BerthCLITests/graphs")

    /// Every sample, and every fixture flow next to the goldens.
    static var flows: [URL] {
        let names = { (dir: URL) in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0) } }
        return names(samples) + names(graphs)
    }

    @Test(arguments: ["mermaid", "dot"])
    func everyFlowHasItsGoldenGraph(format: String) async throws {
        #expect(Self.flows.count >= 8)
        for flow in Self.flows {
            let run = await CLIRun.run(["graph", flow.path, "--format", format])
            #expect(run.exitCode == 0, "\(flow.lastPathComponent): \(run.stderr)")
            let golden = Self.graphs.appendingPathComponent(flow.deletingPathExtension().lastPathComponent + (format == "dot" ? ".dot" : ".mmd"))
            if let problem = GoldenFiles.compare(run.stdout, with: golden) { Issue.record("\(problem)") }
        }
    }

    @Test func everyClusterKindAndHandlerIsDrawn() async throws {
        let run = await CLIRun.run(["graph", Self.graphs.appendingPathComponent("all-clusters.yaml").path, "--format", "dot"])
        let dot = run.stdout
        for cluster in ["cluster_c_prepare", "cluster_c_kind", "cluster_l_kind_case_0", "cluster_l_kind_case_1", "cluster_l_kind_defaults",
                        "cluster_c_graph", "cluster_c_workdir", "cluster_c_tolerant", "cluster_c_only_if", "cluster_l_only_if_then",
                        "cluster_l_errors", "cluster_l_finally", "cluster_l_afterExecution", "cluster_l_workdir_errors"] {
            #expect(dot.contains("subgraph \(cluster) {"), "missing \(cluster)")
        }
        // Dag edges are its dependencies; an absent else goes straight to the join.
        for edge in ["t_a -> t_b;", "t_a -> t_c;", "t_b -> t_d;", "t_c -> t_d;", "t_d -> j_graph_join;", "d_only_if -> j_only_if_join [label=\"else\"];",
                     "d_kind -> t_good [label=\"case 0\"];", "trigger_nightly -> flow_start [style=dashed];",
                     "t_write -> t_on_write_failure [label=\"on failure\", style=dashed];"] {
            #expect(dot.contains(edge), "missing edge \(edge)")
        }
        #expect(dot.contains("label=\"write\\nshell.Commands\\n{{ inputs.image ?? 'ubuntu:latest' }}\""))
        #expect(dot.contains("label=\"note\\nlog.Log\"]"))
        #expect(dot.contains("trigger_hook [label=\"hook\\ntrigger.Webhook\\ndisabled\", shape=cds"))
        #expect(!dot.contains("a-long-secret-key"), "a trigger's properties are not drawn")
    }

    @Test func labelsAreEscapedForEachFormat() async throws {
        let dir = try TempDir(["q.yaml": """
            id: q
            namespace: company.team
            tasks:
              - id: say
                type: io.kestra.plugin.core.flow.If
                condition: "{{ \\"a|b\\" == '<x> & #y' }}"
                then:
                  - {id: t, type: io.kestra.plugin.core.log.Log, message: hi}

            """])
        let mermaid = await CLIRun.run(["graph", "q.yaml"], cwd: dir.path).stdout
        #expect(mermaid.contains("d_say{\"{{ #quot;a#124;b#quot; == '#lt;x#gt; #amp; #35;y' }}\"}"), "\(mermaid)")
        let dot = await CLIRun.run(["graph", "q.yaml", "--format", "dot"], cwd: dir.path).stdout
        #expect(dot.contains("d_say [label=\"{{ \\\"a|b\\\" == '<x> & #y' }}\", shape=diamond"), "\(dot)")
        let html = await CLIRun.run(["graph", "q.yaml", "--format", "html"], cwd: dir.path).stdout
        #expect(html.contains("{{ &quot;a|b&quot; == &#39;&lt;x&gt; &amp; #y&#39; }}"))
        #expect(!html.contains("<script"), "the graph page needs no script")
    }

    @Test func graphvizAcceptsEveryDotGraphAndSvgIsDrawn() async throws {
        guard GoldenFiles.require("dot") != nil else { return }
        for flow in Self.flows {
            let run = await CLIRun.run(["graph", flow.path, "--format", "svg"], environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
            #expect(run.exitCode == 0, "\(flow.lastPathComponent): \(run.stderr)")
            #expect(run.stdout.contains("<svg") && run.stdout.contains("</svg>"))
            #expect(!run.stderr.contains("Warning"), "\(flow.lastPathComponent): \(run.stderr)")
        }
    }

    @Test func withoutGraphvizSvgSaysWhatToInstall() async throws {
        let run = await CLIRun.run(["graph", Self.samples.appendingPathComponent("hello-docker.yaml").path, "--format", "svg"], environment: ["PATH": "/nonexistent"])
        #expect(run.exitCode == 3)
        #expect(run.stderr == "berth: error: --format svg needs Graphviz's dot on PATH (Debian: apt install graphviz); --format dot prints its input\n")
    }

    @Test func aFlowWithErrorsIsRefusedAndAPlanIsDrawnToo() async throws {
        let dir = try TempDir(["bad.yaml": "id: bad\nnamespace: company.team\ntasks:\n  - id: x\n    type: io.kestra.plugin.core.log.Nope\n",
                               "good.yaml": "id: good\nnamespace: company.team\ntasks:\n  - {id: x, type: io.kestra.plugin.core.log.Log, message: hi}\n"])
        let bad = await CLIRun.run(["graph", "bad.yaml"], cwd: dir.path)
        #expect(bad.exitCode == 1)
        #expect(bad.stderr.contains("bad.yaml:5:11"), "\(bad.stderr)")
        #expect(await CLIRun.run(["compile", "good.yaml", "-o", "plan.json"], cwd: dir.path).exitCode == 0)
        let fromPlan = await CLIRun.run(["graph", "plan.json", "-o", "out.mmd"], cwd: dir.path)
        #expect(fromPlan.exitCode == 0, "\(fromPlan.stderr)")
        let written = try String(contentsOfFile: dir.path + "/out.mmd", encoding: .utf8)
        #expect(written.hasPrefix("flowchart TD\n") && written.contains("t_x(\"x<br/>log.Log\")"))
    }
}
