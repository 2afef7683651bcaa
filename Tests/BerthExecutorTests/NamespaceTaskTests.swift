import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// namespace.UploadFiles/DownloadFiles/DeleteFiles, execution.Labels and the server-only types.
@Suite struct NamespaceTaskTests {
    func flow(_ tasks: String) -> String { "id: ns\nnamespace: company.team\nlabels: {team: data}\ntasks:\n" + tasks }

    @Test func uploadDownloadAndDeleteNamespaceFiles() async throws {
        let files = TestRun.newState()
        let run = try await TestRun.run(flow("""
              - id: wd
                type: io.kestra.plugin.core.flow.WorkingDirectory
                inputFiles: {data/a.csv: "1,2", notes.txt: hello}
                tasks:
                  - {id: up, type: io.kestra.plugin.core.namespace.UploadFiles, files: ["**.csv"], destination: /in}
              - {id: down, type: io.kestra.plugin.core.namespace.DownloadFiles, namespace: company.team, files: "**.csv"}
              - id: again
                type: io.kestra.plugin.core.namespace.UploadFiles
                filesMap: {copy.csv: "{{ outputs.down.files['/in/data/a.csv'] }}"}
              - {id: show, type: io.kestra.plugin.core.log.Log, message: "{{ read('copy.csv') }}"}
              - {id: clash, type: io.kestra.plugin.core.namespace.UploadFiles, filesMap: {copy.csv: "{{ outputs.down.files['/in/data/a.csv'] }}"}, conflict: ERROR, allowFailure: true}
              - {id: rm, type: io.kestra.plugin.core.namespace.DeleteFiles, namespace: company.team, files: ["/in/**"]}

            """), namespaceFiles: files)
        #expect(run.result.state == .warning, "\(run.lines.all)")
        #expect(run.task("down")?.outputs?["files"]?["/in/data/a.csv"]?.stringValue?.hasPrefix("kestra://") == true)
        #expect(run.lines.all.contains("INFO [show] 1,2"))
        #expect(run.task("clash")?.message == "File '/copy.csv' already exists in namespace 'company.team' and conflict is set to ERROR")
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: files.appendingPathComponent("company.team/in/data/a.csv").path), "deleted")
        #expect(fm.fileExists(atPath: files.appendingPathComponent("company.team/copy.csv").path))
        #expect(!fm.fileExists(atPath: files.appendingPathComponent("company.team/in/notes.txt").path), "only the matched files are uploaded")
    }

    @Test func labelsMergeIntoTheExecutionAndRefuseSystemKeys() async throws {
        let run = try await TestRun.run(flow("""
              - {id: l, type: io.kestra.plugin.core.execution.Labels, labels: {team: ml, stage: "{{ 1 + 1 }}"}}
              - {id: l2, type: io.kestra.plugin.core.execution.Labels, labels: [{key: extra, value: v1}]}
              - {id: show, type: io.kestra.plugin.core.log.Log, message: "{{ labels.team }} {{ labels.stage }} {{ labels.extra }}"}
              - {id: sys, type: io.kestra.plugin.core.execution.Labels, labels: {system.correlationId: x}}

            """))
        #expect(run.lines.all.contains("INFO [show] ml 2 v1"), "\(run.lines.all)")
        #expect(run.task("sys")?.message == "System labels can only be set by Kestra itself, offending label: system.correlationId=x")
        let journal = try String(contentsOf: run.state.appendingPathComponent("executions/\(run.result.executionId)/journal.jsonl"), encoding: .utf8)
        #expect(journal.contains("\"labelsChanged\""), "a resume keeps the labels")
    }

    @Test func serverOnlyTypesFailSayingWhy() async throws {
        let run = try await TestRun.run(flow("  - {id: t, type: io.kestra.plugin.core.trigger.Toggle, trigger: daily}\n"))
        #expect(run.result.state == .failed)
        #expect(run.task("t")?.message?.hasPrefix("io.kestra.plugin.core.trigger.Toggle needs a Kestra server: it switches a trigger") == true)
    }
}
