import BerthEngine
import BerthExecutor
import Foundation
import Testing

/// Files between tasks as Kestra moves them: storage URIs, FILE inputs, WorkingDirectory,
/// namespace files, input and output file names — on the in-memory engine.
@Suite struct TaskFilesTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("berth-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aStorageURIInCommandsIsACopyInTheWorkingDirectory() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("produce", ["echo hello > out.txt"], extra: "    outputFiles: [out.txt]\n") +
                                        shell("consume", ["cat {{ outputs.produce.outputFiles['out.txt'] }}"]), engine: InMemoryEngine())
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("consume") == ["hello"])
        let uri = try #require(run.task("produce")?.outputs?["outputFiles"]?["out.txt"]?.stringValue)
        #expect(uri.hasPrefix("kestra:///company/team/t/executions/\(run.result.executionId)/tasks/produce/\(run.task("produce")!.taskrunId)/"))
        #expect(uri.hasSuffix("-out.txt"))
    }

    @Test func aFileInputIsDeliveredAsAFile() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "content of the file\n".write(to: directory.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: file, type: FILE}\ntasks:\n" +
            shell("shell", ["cat data.txt"], extra: "    inputFiles:\n      data.txt: \"{{ inputs.file }}\"\n") + log("uri", "{{ inputs.file }}")
        let run = try await TestRun.run(yaml, inputs: ["file": "@data.csv"], engine: InMemoryEngine(), workingDirectory: directory.path)
        #expect(run.output("shell") == ["content of the file"])
        #expect(run.output("uri").first?.hasPrefix("kestra:///company/team/t/executions/\(run.result.executionId)/inputs/file/data.csv") == true)
        await #expect(throws: ExecutorError.self) {
            _ = try await TestRun.run(yaml, inputs: ["file": "@missing.csv"], engine: InMemoryEngine(), workingDirectory: directory.path)
        }
    }

    @Test func workingDirectoryPassesFilesBetweenContainerTasks() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: wd\n    type: io.kestra.plugin.core.flow.WorkingDirectory\n    tasks:\n" +
            "      - id: write\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n        inputFiles: {seed.txt: hello}\n        commands: [\"cp seed.txt out.txt\"]\n" +
            "      - id: read\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n        commands: [\"cat out.txt\"]\n",
            engine: InMemoryEngine())
        #expect(run.result.state == .success, "\(run.text)")
        #expect(run.output("read") == ["hello"])
    }

    @Test func workingDirectoryHasItsOwnInputOutputAndNamespaceFiles() async throws {
        let namespaces = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: namespaces) }
        try FileManager.default.createDirectory(at: namespaces.appendingPathComponent("company.team/scripts"), withIntermediateDirectories: true)
        try "print('from a namespace file')\n".write(to: namespaces.appendingPathComponent("company.team/scripts/main.py"), atomically: true, encoding: .utf8)
        try "ignored\n".write(to: namespaces.appendingPathComponent("company.team/notes.md"), atomically: true, encoding: .utf8)
        let run = try await TestRun.run(flowHead + "tasks:\n  - id: wd\n    type: io.kestra.plugin.core.flow.WorkingDirectory\n" +
            "    namespaceFiles: {enabled: true, include: [\"scripts/**\"]}\n    inputFiles: {given.txt: \"from {{ flow.id }}\"}\n    outputFiles: [\"*.out\"]\n    tasks:\n" +
            "      - id: use\n        type: io.kestra.plugin.scripts.shell.Commands\n        containerImage: busybox:1.36\n" +
            "        commands: [\"cat scripts/main.py given.txt\", \"echo result > final.out\", \"cat notes.md || true\"]\n" +
            log("after", "{{ outputs.wd.outputFiles['final.out'] is defined }}"),
            engine: InMemoryEngine(), namespaceFiles: namespaces)
        // "from t" has no final line break: it is the stream's last line.
        #expect(run.output("use").first == "print('from a namespace file')")
        #expect(run.output("use").last == "from t")
        #expect(run.output("use").contains("cat: can't open 'notes.md': No such file or directory"), "only included files are copied")
        #expect(run.output("after") == ["true"])
    }

    @Test func scriptTaskNamespaceFilesAndNsfileInputs() async throws {
        let namespaces = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: namespaces) }
        try FileManager.default.createDirectory(at: namespaces.appendingPathComponent("company.team"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: namespaces.appendingPathComponent("shared.lib"), withIntermediateDirectories: true)
        try "one\n".write(to: namespaces.appendingPathComponent("company.team/a.txt"), atomically: true, encoding: .utf8)
        try "two\n".write(to: namespaces.appendingPathComponent("company.team/b.log"), atomically: true, encoding: .utf8)
        try "three\n".write(to: namespaces.appendingPathComponent("shared.lib/c.txt"), atomically: true, encoding: .utf8)
        let run = try await TestRun.run(flowHead + "tasks:\n" +
            shell("ns", ["cat a.txt", "cat b.log"], extra: "    namespaceFiles: {enabled: true, exclude: [\"*.log\"]}\n") +
            shell("other", ["cat copied.txt"], extra: "    inputFiles: {copied.txt: \"nsfile://shared.lib/c.txt\"}\n"),
            engine: InMemoryEngine(), namespaceFiles: namespaces)
        // Kestra matches namespace-file patterns against "/path": "*.log" needs "**.log" to match.
        #expect(run.output("ns") == ["Loaded 2 namespace files from 'company.team'", "one", "two"])
        #expect(run.output("other") == ["three"])
    }

    @Test func inputFileNamesAreRenderedAndNullValuesDropped() async throws {
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: name, type: STRING, defaults: data}\ntasks:\n" +
            shell("t", ["cat data.txt", "cat gone.txt"], extra: "    inputFiles:\n      \"{{ inputs.name }}.txt\": hello\n      gone.txt: null\n")
        let run = try await TestRun.run(yaml, engine: InMemoryEngine())
        #expect(run.output("t").contains("hello"))
        #expect(run.output("t").contains("cat: can't open 'gone.txt': No such file or directory"))
    }

    @Test func outputFileGlobsAsJavaReadsThem() async throws {
        let yaml = "id: t\nnamespace: company.team\ninputs:\n  - {id: name, type: STRING, defaults: report}\ntasks:\n" +
            shell("t", ["echo 1 > a.csv", "echo 2 > b.json", "echo 3 > top.txt", "mkdir -p sub", "echo 4 > sub/deep.txt", "echo 5 > report.out"],
                  extra: "    outputFiles: [\"*.{csv,json}\", \"**/*.txt\", \"{{ inputs.name }}.out\"]\n")
        let run = try await TestRun.run(yaml, engine: InMemoryEngine())
        guard case .object(let files)? = run.task("t")?.outputs?["outputFiles"] else { Issue.record("no outputFiles"); return }
        // `**/*.txt` needs a directory in between (top.txt is not captured), braces alternate.
        #expect(files.keys.sorted() == ["a.csv", "b.json", "report.out", "sub/deep.txt"])
    }

    @Test func theOutputFilesVariableNamesWhereEachFileGoes() async throws {
        let run = try await TestRun.run(flowHead + "tasks:\n" + shell("t", ["echo x > {{ outputFiles['r.csv'] }}"], extra: "    outputFiles: [r.csv, \"*.log\"]\n"),
                                        engine: InMemoryEngine())
        #expect(run.result.state == .success, "\(run.text)")
        guard case .object(let files)? = run.task("t")?.outputs?["outputFiles"] else { Issue.record("no outputFiles"); return }
        #expect(files.keys.sorted() == ["r.csv"])
    }
}
