import ArgumentParser
import BerthCompiler
import BerthGraph
import BerthPlan
import Foundation

/// `berth graph FLOW [--format mermaid|dot|svg|html] [-o FILE]`: the flow's topology.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a flow's topology: Mermaid, Graphviz DOT, SVG or a self-contained HTML page.",
        discussion: """
            Clusters for Parallel, Sequential, ForEach, If (then/else), Switch (a lane per case), \
            Dag (its edges), WorkingDirectory and AllowFailure; errors and finally as dashed lanes; \
            triggers as entry nodes. Each node shows the task id, its short type and its container \
            image. FLOW may also be a plan written by berth compile (no triggers then). svg runs \
            Graphviz's dot, which must be on PATH (Debian: apt install graphviz). Exit codes: 0 \
            drawn, 1 the flow has lint errors, 2 usage, 3 IO error or dot missing or failing.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot, svg, html }

    @Argument(help: "The flow file (one flow), or a plan file (.json).")
    var flow: String

    @Option(help: "mermaid (default), dot, svg or html.")
    var format: Format = .mermaid

    @Option(name: .shortAndLong, help: "Write to this file (replaced atomically) instead of stdout.")
    var output: String?

    @OptionGroup var dialect: DialectOption

    func run() throws {
        let context = CLIContext.current
        let graph = try loadGraph(context)
        let text: String
        switch format {
        case .mermaid: text = MermaidRenderer.render(graph)
        case .dot: text = DotRenderer.render(graph)
        case .html: text = HTMLTopology.page(graph)
        case .svg: text = try Graphviz.svg(DotRenderer.render(graph), environment: context.environment)
        }
        guard let output else { return context.writeOut(text) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: context.absolutePath(output)), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \"\(output)\": \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
    }

    private func loadGraph(_ context: CLIContext) throws -> TopologyGraph {
        if flow.hasSuffix(".json") { return TopologyBuilder.graph(try CLIContext.loadPlan(flow, context)) }
        let (files, problems) = InputCollector(context: context, stdinFilename: nil).collect([flow])
        if let problem = problems.first { throw CommandFailure(problem, exitCode: BerthExit.internalError) }
        guard let file = files.first else { throw CommandFailure("no flow file found", exitCode: BerthExit.usage) }
        let result = FlowCompile.compile(file, options: ProjectConfigLocator.checkOptions(forFlowAt: file.path, context, kestra: dialect.kestra))
        if result.plans.isEmpty {
            context.writeErr(DiagnosticFormat.human.render(result.check.diagnostics, files: [file.path: result.check.file], colour: false))
            throw ExitCode(BerthExit.failure)
        }
        guard result.plans.count == 1 else {
            throw CommandFailure("\(file.path) holds \(result.plans.count) flows; graph takes a file with one flow", exitCode: BerthExit.usage)
        }
        let triggers = FlowTrigger.all(in: result.check).first ?? []
        return TopologyBuilder.graph(result.plans[0], triggers: triggers.map { TopologyGraph.Trigger(id: $0.id, type: $0.type, disabled: $0.disabled) })
    }
}
