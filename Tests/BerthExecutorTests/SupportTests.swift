import BerthEngine
import BerthExpressions
import BerthPlan
import BerthTestSupport
import Foundation
import Testing
@testable import BerthExecutor

@Suite struct SecretMaskerTests {
    @Test func maskingCoversBase64AtEveryAlignmentAndURLEncoding() throws {
        let masker = SecretMasker()
        let secret = "hunter2-very-secret/+="
        masker.register(secret)
        for prefix in ["", "a", "ab", "token is "] {
            // The secret inside a longer encoded text, at each of the three byte alignments.
            let encoded = Data((prefix + secret + " and more").utf8).base64EncodedString()
            #expect(masker.mask(encoded).contains(SecretMasker.replacement), "prefix \"\(prefix)\": \(encoded)")
            let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            #expect(masker.mask(urlSafe).contains(SecretMasker.replacement))
        }
        #expect(masker.mask("x=" + secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) == "x=******")
        #expect(masker.mask("plain " + secret) == "plain ******")
        #expect(masker.mask("nothing to hide") == "nothing to hide")
    }

    @Test func shortValuesAreNotMaskedAndLongerOnesWinOverTheirParts() {
        let masker = SecretMasker()
        masker.register(["ab", "secret", "secret-and-more"])
        #expect(masker.mask("ab secret-and-more secret") == "ab ****** ******")
    }

    @Test func aSecretWithLineBreaksIsMaskedWithoutTrapping() {
        // Fuzzer finding: Foundation's replacingOccurrences trapped on this secret (a \r\n
        // cluster against a form starting at its \n); masking now works on bytes.
        let secret = String(decoding: [UInt8]([13, 110, 117, 108, 108, 10, 98, 105, 111, 46, 107, 101, 115, 116, 114, 97, 46, 99, 111, 114, 101, 46, 116, 97, 115, 107, 115, 46, 101, 120, 101, 45, 67, 83, 99, 117, 116, 105, 111, 110, 115, 46, 70, 97, 105, 108, 57, 10, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 70, 97, 105, 108, 25, 10, 0, 0, 48, 46, 123, 99, 115, 118, 44, 111, 10, 99, 115, 111, 110, 125]), as: UTF8.self)
        let masker = SecretMasker()
        masker.register(secret)
        #expect(!masker.mask(secret + " " + secret).contains("kestra.core.tasks"))
        masker.register("line\r\nbreak-secret")
        #expect(masker.mask("a line\r\nbreak-secret b") == "a ****** b")
    }

    @Test func valuesInsideJSONAreMasked() {
        let masker = SecretMasker()
        masker.register("hunter2-json")
        #expect(masker.mask(JSONValue.object(["k": .array([.string("is hunter2-json")])])) == .object(["k": .array([.string("is ******")])]))
    }
}

@Suite struct OutputProtocolTests {
    @Test func framesAreReadAsKestraReadsThem() {
        var state = OutputProtocol()
        #expect(state.handle("::{\"outputs\":{\"x\":1}}::") == .consumed(logs: [], messages: []))
        #expect(state.handle(" ::{\"outputs\":{}}::") == .log(" ::{\"outputs\":{}}::"), "the frame must be the whole line")
        if case .malformed(let warning) = state.handle("::{not json}::") { #expect(warning.hasPrefix("Invalid outputs '")) } else { Issue.record("not malformed") }
        // Jackson reads the first value of two frames on a line and ignores the rest.
        #expect(state.handle("::{\"outputs\":{\"y\":2}}:: ::{\"outputs\":{\"y\":3}}::") == .consumed(logs: [], messages: []))
        #expect(state.outputs["x"] == .int(1) && state.outputs["y"] == .int(2))
    }

    @Test func anInvalidPartMakesTheWholeFrameInvalid() {
        var state = OutputProtocol()
        for frame in ["::{\"outputs\":{\"a\":1},\"logs\":[{\"level\":\"info\",\"message\":\"hi\"}]}::",
                      "::{\"outputs\":5}::",
                      "::{\"outputs\":{\"a\":1},\"metrics\":[{\"name\":\"m\",\"value\":1}]}::"] {
            guard case .malformed = state.handle(frame) else { Issue.record("accepted \(frame)"); continue }
        }
        #expect(state.outputs["a"] == nil)
        #expect(state.handle("::{\"logs\":[{\"level\":\"WARN\",\"message\":\"careful\"}],\"metrics\":[{\"name\":\"t\",\"type\":\"timer\",\"value\":\"PT1.5S\"}]}::")
            == .consumed(logs: [.warn], messages: ["careful"]))
        #expect(state.metrics == [MetricEntry(type: "timer", name: "t", value: 1.5, tags: [:])])
    }

    @Test func surrogatesThatDoNotPairAreNoCrash() {
        var state = OutputProtocol()
        #expect(state.handle("::{\"outputs\":{\"s\":\"\\uD800\\u0041\"}}::") == .consumed(logs: [], messages: []))
    }
}

@Suite struct PathGlobTests {
    @Test func javaGlobSyntax() throws {
        func matches(_ pattern: String, _ path: String) -> Bool { PathGlob(pattern)?.matches(path) ?? false }
        #expect(matches("*.txt", "a.txt") && !matches("*.txt", "d/a.txt"))
        #expect(matches("**.txt", "d/e/a.txt") && matches("**/*.txt", "d/a.txt") && !matches("**/*.txt", "a.txt"))
        #expect(matches("*.{csv,json}", "x.json") && !matches("*.{csv,json}", "x.xml"))
        #expect(matches("[ab]?.log", "b1.log") && !matches("[!ab]?.log", "a1.log"))
        #expect(matches("regex:.*\\.md", "docs/x.md"))
        #expect(PathGlob("{a,{b}}") == nil && PathGlob("[abc") == nil)
    }

    @Test func namespaceFilePatternsAsKestraAnchorsThem() {
        func included(_ pattern: String, _ path: String) -> Bool { NamespaceFiles.matcher(pattern)?.matches("/" + path) ?? false }
        #expect(included("scripts/a.py", "scripts/a.py") && included("scripts/a.py", "x/scripts/a.py"))
        #expect(!included("*.py", "a.py"), "Kestra tests \"/a.py\": *.py matches nothing")
        #expect(included("**.py", "a.py") && included("/scripts/**", "scripts/deep/b.py"))
    }
}

@Suite struct KestraConventionsTests {
    @Test func labelValuesAreNormalisedAsKestraDoes() {
        #expect(Labels.normalize(String(repeating: "a", count: 70)) == String(repeating: "a", count: 63))
        #expect(Labels.normalize("a-_") == "a-", "each end character is stripped once, in the order - . _")
        #expect(Labels.normalize("company.team.") == "company.team")
    }

    @Test func truthiness() {
        #expect(!KestraTruth.isTrue("false") && !KestraTruth.isTrue("0") && !KestraTruth.isTrue("-0") && !KestraTruth.isTrue(""))
        #expect(KestraTruth.isTrue("False") && KestraTruth.isTrue("null") && KestraTruth.isTrue("0.0") && KestraTruth.isTrue(" false"))
    }

    @Test func storageSlugsAndURIs() {
        #expect(Storage.slug("my_Flow") == "my-flow")
        #expect(Storage.slug(" a  b_") == "a-b")
        #expect(Storage.taskPath(namespace: "company.team", flow: "F", execution: "E", task: "t_1", taskrun: "R") == "/company/team/f/executions/E/tasks/t-1/R")
        let storage = Storage(stateDirectory: URL(fileURLWithPath: "/state"))
        #expect(storage.file(for: "kestra:///a/b/c.txt")?.path == "/state/storage/a/b/c.txt")
        #expect(storage.file(for: "kestra:///a/../../etc/passwd") == nil)
        #expect(Ids.stable("/x/y").count == 22 && Ids.stable("/x/y") == Ids.stable("/x/y"))
    }

    @Test func retryDelays() {
        let exponential = RetryPolicy(retry: PlanRetry(type: "exponential", maxAttempts: 10, maxDurationSeconds: nil, intervalSeconds: 1,
                                                       minIntervalSeconds: nil, maxIntervalSeconds: 5, delayFactor: 2, warningOnRetry: false))
        #expect((1...5).map { exponential.delay(after: $0) } == [1, 2, 4, 5, 5])
        let huge = RetryPolicy(retry: PlanRetry(type: "exponential", maxAttempts: nil, maxDurationSeconds: nil, intervalSeconds: 1,
                                                minIntervalSeconds: nil, maxIntervalSeconds: nil, delayFactor: 1e300, warningOnRetry: false))
        #expect(huge.delay(after: 5).isFinite, "no overflow to infinity")
        #expect(huge.maxAttempts == Int.max, "without maxAttempts Kestra retries until maxDuration")
    }
}

/// The tests' child-process helper: what keeps a hung child from hanging the whole run.
@Suite struct ChildProcessTests {
    @Test func aGrandchildHoldingTheOutputDoesNotKeepTheCallerWaiting() throws {
        let started = Date()
        let outcome = try Child.run("/bin/sh", ["-c", "sleep 37.25 & echo done"], timeout: 20)
        #expect(outcome.output == "done\n" && outcome.status == 0 && !outcome.timedOut)
        #expect(Date().timeIntervalSince(started) < 10, "the background sleep held the caller")
        #expect(shellOut("pgrep -f '^sleep 37.25$' || true").isEmpty, "the group ends with the child")
    }

    @Test func theDeadlineKillsTheGroupAndSaysSo() throws {
        let outcome = try Child.run("/bin/sh", ["-c", "echo before; sleep 30"], timeout: 1)
        #expect(outcome.timedOut && outcome.status == 128 + SIGKILL)
        #expect(outcome.output == "before\n")
    }

    @Test func onlyTheThreeStandardDescriptorsAreInheritedAndStreamsStayApart() throws {
        let leaked = Pipe()
        defer { try? leaked.fileHandleForWriting.close() }
        let outcome = try Child.run("/bin/sh", ["-c", "ls /proc/$$/fd; echo oops >&2"], errors: .apart, timeout: 20)
        #expect(outcome.output.split(separator: "\n").sorted() == ["0", "1", "2"], "\(outcome.output)")
        #expect(outcome.errors == "oops\n")
    }
}
