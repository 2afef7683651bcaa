import Foundation
import Testing
@testable import BerthDiagnostics

/// A fixed diagnostic set used by every renderer snapshot.
enum Sample {
    static let file = SourceFile(path: "flow.yaml", text: "id: hello\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.scripts.shell.Commands\n    comands: [\"echo\"]\n  - id: t\n")
    static var diagnostics: [Diagnostic] {
        [
            Diagnostic(.error, "duplicate-task-id", "duplicate task id \"t\"", path: "flow.yaml",
                       range: file.range(122..<123), notes: [Note("first defined here", range: file.range(40..<41))]),
            Diagnostic(.warning, "unknown-property", "unknown property \"comands\"", path: "flow.yaml",
                       range: file.range(96..<103), help: "did you mean \"commands\"?",
                       fixIts: [FixIt("rename to \"commands\"", edits: [TextEdit(range: file.range(96..<103), replacement: "commands")])]),
        ]
    }
}

@Suite struct RendererTests {
    @Test func shortIsOneLinePerDiagnosticInOrder() {
        #expect(ShortRenderer().render(Sample.diagnostics) == """
            flow.yaml:6:5: warning: unknown property "comands" [unknown-property]
            flow.yaml:7:9: error: duplicate task id "t" [duplicate-task-id]

            """)
    }

    @Test func humanAnnotatesSourceWithUnderlineNotesAndHelp() {
        let text = HumanRenderer(files: ["flow.yaml": Sample.file]).render(Sample.diagnostics)
        #expect(text == """
            warning[unknown-property]: unknown property "comands"
             --> flow.yaml:6:5
              |
            6 |     comands: ["echo"]
              |     ^^^^^^^
             = help: did you mean "commands"?
             = fix: rename to "commands" (replace 6:5 with "commands")

            error[duplicate-task-id]: duplicate task id "t"
             --> flow.yaml:7:9
              |
            7 |   - id: t
              |         ^
             = note: first defined here
             --> flow.yaml:4:9
              |
            4 |   - id: t
              |         -

            1 error, 1 warning

            """)
    }

    @Test func humanUsesColourOnlyWhenAsked() {
        let plain = HumanRenderer(files: ["flow.yaml": Sample.file]).render(Sample.diagnostics)
        let coloured = HumanRenderer(files: ["flow.yaml": Sample.file], colour: true).render(Sample.diagnostics)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;31m"))
    }

    @Test func humanUnderlinesMultiLineRanges() {
        let file = SourceFile(path: "m.yaml", text: "a: |\n  one\n  two\nb: 1\n")
        let d = Diagnostic(.error, "x", "block", path: "m.yaml", range: file.range(3..<17))
        let text = HumanRenderer(files: ["m.yaml": file]).render(d)
        #expect(text.contains("1 | a: |\n  |    ^\n"))
        #expect(text.contains("3 |   two\n  | ^^^^^\n"))
    }

    @Test func humanShowsAWindowOfAVeryLongLine() {
        // A minified flow: one line of 100,000 "é, " items with the problem near the end.
        let items = String(repeating: "é, ", count: 100_000)
        let file = SourceFile(path: "l.yaml", text: "v: [\(items)bad]\n")
        let offset = Array(file.bytes).count - 5
        let d = Diagnostic(.error, "x", "bad", path: "l.yaml", range: file.range(offset..<(offset + 3)))
        let text = HumanRenderer(files: ["l.yaml": file]).render(d)
        #expect(text.count < 1_000, "the snippet is a window, not the whole line")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = try! #require(lines.first { $0.hasPrefix("1 | ") })
        let underline = try! #require(lines.first { $0.hasSuffix("^^^") })
        #expect(source.hasPrefix("1 | …é, é"))
        #expect(source.hasSuffix("é, bad]"))
        // The carets sit exactly under "bad", counted in characters.
        let caret = underline.unicodeScalars.firstIndex(of: "^").map { underline.unicodeScalars.distance(from: underline.unicodeScalars.startIndex, to: $0) }
        let bad = source.unicodeScalars.count - 4
        #expect(caret == bad)
    }

    @Test func jsonIsStableAndComplete() throws {
        let text = JSONRenderer().render(Sample.diagnostics)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let list = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(list.map { $0["code"] as? String } == ["unknown-property", "duplicate-task-id"])
        let range = try #require(list[0]["range"] as? [String: Any])
        let start = try #require(range["start"] as? [String: Int])
        #expect(start == ["offset": 96, "line": 6, "column": 5])
        #expect((list[0]["fixes"] as? [[String: Any]])?.count == 1)
        #expect((list[0]["fixes"] as? [[String: Any]])?.first?["applicability"] as? String == "machine-applicable")
        #expect((list[1]["notes"] as? [[String: Any]])?.first?["message"] as? String == "first defined here")
        #expect(object["summary"] as? [String: Int] == ["errors": 1, "warnings": 1, "infos": 0])
        // Same input, same bytes.
        #expect(text == JSONRenderer().render(Sample.diagnostics.reversed()))
    }

    @Test func sarifHasTheFieldsCodeScanningRequires() throws {
        let text = SARIFRenderer(toolVersion: "9.9.9", ruleDescriptions: ["duplicate-task-id": "Task ids must be unique"]).render(Sample.diagnostics)
        let log = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "berth")
        #expect(driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["duplicate-task-id", "unknown-property"])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for result in results {
            #expect(result["ruleId"] is String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
            #expect((result["message"] as? [String: Any])?["text"] is String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "flow.yaml")
            let region = try #require(physical["region"] as? [String: Any])
            for key in ["startLine", "startColumn", "endLine", "endColumn"] { #expect(region[key] is Int) }
        }
        let error = results[1]
        #expect(error["ruleIndex"] as? Int == 0)
        #expect(error["level"] as? String == "error")
        #expect((error["relatedLocations"] as? [Any])?.count == 1)
        #expect(text.hasSuffix("}\n"))
    }
}
