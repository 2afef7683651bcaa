import Foundation
import Testing
@testable import BerthSchema

@Suite struct EmbeddedGrammarTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What EmbeddedGrammar.swift must contain for the current grammar/schema files.
    static func generated() throws -> String {
        let dir = repo.appendingPathComponent("grammar/schema")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var out = [
            "// Generated from grammar/schema by `UPDATE_GOLDEN=1 swift test --filter EmbeddedGrammarTests`.",
            "// Do not edit: a test fails when this copy differs from grammar/schema.", "",
            "/// The grammar/schema files, embedded at build time so the binary never reads grammar/ at run time.",
            "public enum EmbeddedGrammar {",
            "    /// File name and text of each grammar/schema/*.yaml file, sorted by name.",
            "    public static let files: [(name: String, text: String)] = [",
        ]
        for name in names {
            var text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            while text.hasSuffix("\n") { text.removeLast() }
            out.append("        (name: \"\(name)\", text: ##\"\"\"")
            out.append(text)
            out.append("\"\"\"##),")
        }
        out += ["    ]", "}", ""]
        return out.joined(separator: "\n")
    }

    @Test func embeddedCopyMatchesGrammarFiles() throws {
        let expected = try Self.generated()
        let url = Self.repo.appendingPathComponent("Sources/BerthSchema/EmbeddedGrammar.swift")
        let actual = try String(contentsOf: url, encoding: .utf8)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            if actual != expected { try expected.write(to: url, atomically: true, encoding: .utf8) }
            Issue.record("UPDATE_GOLDEN=1: EmbeddedGrammar.swift regenerated; rebuild and run again without it")
            return
        }
        #expect(actual == expected, "Sources/BerthSchema/EmbeddedGrammar.swift is stale; run UPDATE_GOLDEN=1 swift test --filter EmbeddedGrammarTests")
    }

    @Test func grammarLoadsWithoutProblems() {
        var loader = GrammarLoader()
        let grammar = loader.load(EmbeddedGrammar.files.map { (name: $0.name, text: $0.text) })
        #expect(loader.problems == [])
        #expect(grammar.objects["Flow"] != nil)
        #expect(grammar.categories["task"]?.contains("io.kestra.plugin.scripts.shell.Commands") == true)
    }

    @Test func everyModeledTypeIsPresent() {
        let g = Grammar.standard
        let tasks = ["log.Log", "debug.Return", "debug.Echo", "output.OutputValues", "execution.Fail", "flow.Sleep",
                     "flow.Pause", "flow.Parallel", "flow.Sequential", "flow.If", "flow.Switch", "flow.ForEach",
                     "flow.EachSequential", "flow.EachParallel", "flow.ForEachItem", "flow.Dag", "flow.AllowFailure",
                     "flow.WorkingDirectory", "flow.Subflow"].map { "io.kestra.plugin.core." + $0 }
            + ["shell.Commands", "shell.Script", "python.Commands", "python.Script", "node.Commands", "node.Script"]
                .map { "io.kestra.plugin.scripts." + $0 }
            + ["io.kestra.plugin.docker.Run"]
        for name in tasks { #expect(g.type(name, in: "task") != nil, "missing task type \(name)") }
        let runner = g.type("io.kestra.plugin.scripts.runner.docker.Docker", in: "runner")?.schema
        let runnerProperties = Set(runner?.properties.map(\.name) ?? [])
        for name in ["host", "config", "credentials", "user", "entryPoint", "extraHosts", "networkMode", "portBindings",
                     "volumes", "pullPolicy", "deviceRequests", "cpu", "memory", "shmSize", "privileged",
                     "fileHandlingStrategy", "delete", "wait", "killGracePeriod", "resume"] {
            #expect(runnerProperties.contains(name), "Docker runner lacks \(name)")
        }
        #expect(g.type("io.kestra.plugin.scripts.runner.docker.DockerTaskRunner", in: "runner")?.isAlias == true)
        #expect(g.type("io.kestra.core.tasks.log.Log", in: "task")?.isAlias == true)
        #expect(Set(g.categories["retry"] ?? []) == ["constant", "exponential", "random"])
    }

    @Test func typeExpressionsParse() {
        #expect(ValueType.parse("list<@task>") == .list(.category("task")))
        #expect(ValueType.parse("map<string> | list<Label>") == .union([.map(.string), .list(.object("Label"))]))
        #expect(ValueType.parse("list<list<string>>") == .list(.list(.string)))
        #expect(ValueType.parse("list<") == nil)
    }
}
