import BerthCompiler
import BerthDiagnostics
import BerthPlan
import BerthSchema
import Foundation
import Testing

/// Kestra 1.x → 2.0 migration: golden before/after pairs (`Fixtures/migrate/NAME.yaml` →
/// `NAME.migrated.yaml`, what remains in `NAME.out`; `confirm-*` with the rewrites that need
/// confirming), the samples migrated clean with the same container bodies, and the fixer's
/// guard against a fix that adds an error.
@Suite struct MigrationTests {
    static let directory = Repo.fixtures.appendingPathComponent("migrate")
    static let flows = Repo.files(in: directory, ext: "yaml").filter { !$0.lastPathComponent.hasSuffix(".migrated.yaml") }
    static let samples = Repo.files(in: Repo.root.appendingPathComponent("samples"), ext: "yaml")

    static func options(_ dialect: KestraDialect) -> CheckOptions {
        var options = CheckOptions(audits: .off)
        options.kestra = .fixed(dialect, source: "--kestra \(dialect.flag)")
        return options
    }

    /// What `berth migrate` does to a file: the removed-in-kestra-2 fix-its, in rounds.
    static func migrate(_ file: SourceFile, unsafe: Bool = false) -> FlowFixer.Outcome {
        FlowFixer(options: options(.v2), suggestions: unsafe, codes: ["removed-in-kestra-2"]).fix(file)
    }

    @Test func fixturesExist() {
        #expect(Self.flows.count >= 5)
    }

    @Test(arguments: flows)
    func migrationMatchesGolden(_ url: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: url))
        let name = url.deletingPathExtension().lastPathComponent
        let outcome = Self.migrate(SourceFile(path: url.lastPathComponent, bytes: bytes), unsafe: name.hasPrefix("confirm-"))
        let migrated = String(decoding: outcome.bytes ?? bytes, as: UTF8.self)
        #expect(outcome.rejected.isEmpty, "\(outcome.rejected.map(\.message))")
        if let failure = Golden.compare(migrated, with: Self.directory.appendingPathComponent(name + ".migrated.yaml")) {
            Issue.record(Comment(rawValue: failure))
        }
        let remaining = ShortRenderer().render(outcome.result.diagnostics)
        if let failure = Golden.compare(remaining, with: Self.directory.appendingPathComponent(name + ".out")) {
            Issue.record(Comment(rawValue: failure))
        }
        // Lines the migration did not touch stay byte for byte: an original line missing from
        // the result is one that a Kestra 2.0 fix-it edits.
        let file = SourceFile(path: url.lastPathComponent, bytes: bytes)
        let edited = Set(FlowCheck.check(file, options: Self.options(.v2)).diagnostics
            .filter { $0.code == "removed-in-kestra-2" }.flatMap { $0.fixIts.first?.edits ?? [] }
            .flatMap { $0.range.start.line...$0.range.end.line })
        let after = Set(migrated.split(separator: "\n", omittingEmptySubsequences: false))
        let changed = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().filter { !after.contains($0.element) }.map { $0.offset + 1 }
        #expect(changed.allSatisfy(edited.contains), "lines changed without a fix-it: \(changed.filter { !edited.contains($0) })")
    }

    /// Every sample lints clean as Kestra 2.0 once migrated, and runs the same containers: the
    /// create bodies are the 1.x plan's, with the iteration read under its 2.0 name.
    @Test(arguments: samples)
    func sampleMigratesCleanWithTheSameContainerBodies(_ url: URL) throws {
        let file = SourceFile(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)))
        let outcome = Self.migrate(file)
        let errors = outcome.result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(ShortRenderer().render(errors))")
        let migrated = SourceFile(path: file.path, bytes: outcome.bytes ?? file.bytes)
        let old = try #require(FlowCompile.compile(file, options: Self.options(.v1)).plans.first)
        let new = try #require(FlowCompile.compile(migrated, options: Self.options(.v2)).plans.first)
        // The same tasks in the same tree, and the same container bodies.
        #expect(Self.taskIds(old.tasks) == Self.taskIds(new.tasks))
        let oldBodies = Self.containerBodies(old.tasks).mapValues { Self.renamed($0) }
        #expect(oldBodies == Self.containerBodies(new.tasks))
    }

    /// Every sample with a container task keeps it: the body comparison compares something.
    @Test func theSamplesHaveContainerBodiesToCompare() throws {
        let bodies = try Self.samples.map { url in
            try #require(FlowCompile.compile(SourceFile(path: url.lastPathComponent, bytes: try [UInt8](Data(contentsOf: url)))).plans.first)
        }.flatMap { Self.containerBodies($0.tasks).keys }
        #expect(bodies.count >= 6, "\(bodies)")
        #expect(bodies.contains("ping"), "the ForEach sample's container task")
    }

    static func taskIds(_ nodes: [PlanNode]) -> [String] {
        nodes.flatMap { node in [node.id] + taskIds(node.children.keys.sorted().flatMap { node.children[$0]! } + node.errors + node.finally) }
    }

    static func containerBodies(_ nodes: [PlanNode]) -> [String: String] {
        var bodies: [String: String] = [:]
        for node in nodes {
            if let create = node.container?.create {
                bodies[node.id] = String(decoding: try! JSONEncoder.sorted.encode(create), as: UTF8.self)
            }
            for child in node.children.values.joined() + node.errors + node.finally {
                bodies.merge(containerBodies([child])) { first, _ in first }
            }
        }
        return bodies
    }

    /// The 1.x body with the loop variables as Kestra 2.0 names them.
    static func renamed(_ body: String) -> String {
        body.replacingOccurrences(of: "taskrun.value", with: "item.value").replacingOccurrences(of: "taskrun.iteration", with: "item.index")
    }

    /// A did-you-mean type fix that would reveal an error (the right type has no such property)
    /// is left out; the other guess is applied, and the flow is never worse than before.
    @Test func aFixThatAddsAnErrorIsNotApplied() throws {
        let text = """
            id: guard
            namespace: company.team
            tasks:
              - id: a
                type: io.kestra.plugin.core.log.Lgo
                message: hi
              - id: b
                type: io.kestra.plugin.core.flow.Paralel
                message: hi
                tasks:
                  - id: c
                    type: io.kestra.plugin.core.log.Log
                    message: hi

            """
        let fixer = FlowFixer(options: CheckOptions(audits: .off), suggestions: true)
        let outcome = fixer.fix(SourceFile(path: "guard.yaml", text: text))
        let fixed = String(decoding: try #require(outcome.bytes), as: UTF8.self)
        #expect(fixed.contains("type: io.kestra.plugin.core.log.Log\n    message: hi\n  - id: b"))
        #expect(fixed.contains("io.kestra.plugin.core.flow.Paralel"), "Parallel has no message: the guess would add an error")
        #expect(outcome.rejected.map(\.code) == ["unknown-type"])
        #expect(outcome.fixed == 1)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
