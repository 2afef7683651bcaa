import BerthExecutor
import BerthPlan
import Foundation
import Testing

/// `http.Request` and `http.Download` against a loopback server, as Kestra runs them.
@Suite(.serialized) struct HTTPTaskTests {
    let server: LoopbackHTTPServer

    init() throws { server = try LoopbackHTTPServer() }

    func flow(_ tasks: String) -> String { "id: http\nnamespace: company.team\ntasks:\n" + tasks }

    @Test func requestKeepsTheBodyAsTextWithCodeAndGroupedHeaders() async throws {
        let run = try await TestRun.run(flow("""
              - id: get
                type: io.kestra.plugin.core.http.Request
                uri: \(server.base)/json
              - id: use
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.get.code }} {{ json(outputs.get.body).a }} {{ outputs.get.headers['x-twice'] | join(',') }}"

            """))
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.task("get")?.outputs?["body"]?.stringValue == "{\"a\": 1}")
        #expect(run.lines.all.contains("INFO [use] 200 1 1,2"))
    }

    @Test func bodyHeadersAuthAndParamsAreSentAsKestraSendsThem() async throws {
        let run = try await TestRun.run(flow("""
              - id: post
                type: io.kestra.plugin.core.http.Request
                uri: \(server.base)/echo?x=1
                method: POST
                body: '{"k": "v"}'
                params: {page: [1, 2]}
                headers: {X-Trace: abc, Authorization: replaced}
                options:
                  auth: {type: BEARER, token: t0k}
              - id: form
                type: io.kestra.plugin.core.http.Request
                uri: \(server.base)/echo
                method: POST
                formData: {name: a b, n: 3}
              - id: bare
                type: io.kestra.plugin.core.http.Request
                uri: \(server.base)/echo

            """))
        #expect(run.result.state == .success, "\(run.lines.all)")
        let echo = try #require(run.task("post")?.outputs?["body"]?.stringValue.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(echo["method"] as? String == "POST")
        #expect(echo["path"] as? String == "/echo?x=1&page=1&page=2")
        #expect(echo["body"] as? String == "{\"k\": \"v\"}")
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["content-type"] == "application/json; charset=UTF-8")
        #expect(headers["authorization"] == "Bearer t0k")
        #expect(headers["x-trace"] == "abc")
        #expect(headers["user-agent"] == "Kestra")
        let form = try #require(run.task("form")?.outputs?["body"]?.stringValue.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(form["body"] as? String == "n=3&name=a+b")
        let bare = try #require(run.task("bare")?.outputs?["body"]?.stringValue.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect((bare["headers"] as? [String: String])?["content-type"] == "application/json", "Kestra sends the content type even without a body")
    }

    @Test func failingCodesAndWhatAcceptsThem() async throws {
        let failed = try await TestRun.run(flow("  - id: f\n    type: io.kestra.plugin.core.http.Request\n    uri: \(server.base)/fail\n"))
        #expect(failed.result.state == .failed)
        #expect(failed.task("f")?.message == "Failed http request with response code '500' and body:\nboom")
        let allowed = try await TestRun.run(flow("  - id: f\n    type: io.kestra.plugin.core.http.Request\n    uri: \(server.base)/fail\n    options: {allowFailed: true}\n"))
        #expect(allowed.result.state == .success)
        let listed = try await TestRun.run(flow("  - id: f\n    type: io.kestra.plugin.core.http.Request\n    uri: \(server.base)/json\n    options: {allowedResponseCodes: [201]}\n"))
        #expect(listed.task("f")?.message == "Failed http request with response code '200' and body:\n{\"a\": 1}", "a listed code replaces the < 400 rule")
        let noRedirect = try await TestRun.run(flow("  - id: r\n    type: io.kestra.plugin.core.http.Request\n    uri: \(server.base)/redirect\n    options: {followRedirects: false}\n"))
        #expect(noRedirect.task("r")?.outputs?["code"] == .int(301))
        let followed = try await TestRun.run(flow("  - id: r\n    type: io.kestra.plugin.core.http.Request\n    uri: \(server.base)/redirect\n"))
        #expect(followed.task("r")?.outputs?["code"] == .int(200))
        let refused = try await TestRun.run(flow("  - id: c\n    type: io.kestra.plugin.core.http.Request\n    uri: http://127.0.0.1:1/x\n"))
        #expect(refused.result.state == .failed)
        #expect(refused.task("c")?.message?.hasPrefix("GET http://127.0.0.1:1/x: ") == true, "\(refused.task("c")?.message ?? "")")
    }

    @Test func downloadStoresTheFileUnderItsName() async throws {
        let run = try await TestRun.run(flow("""
              - id: file
                type: io.kestra.plugin.core.http.Download
                uri: \(server.base)/file
              - id: plain
                type: io.kestra.plugin.core.http.Download
                uri: \(server.base)/data.txt
              - id: show
                type: io.kestra.plugin.core.log.Log
                message: "{{ outputs.file.length }} {{ read(outputs.file.uri) | trim }}"

            """))
        #expect(run.result.state == .success, "\(run.lines.all)")
        #expect(run.task("file")?.outputs?["uri"]?.stringValue?.hasSuffix("/report.csv") == true)
        #expect(run.task("plain")?.outputs?["uri"]?.stringValue?.hasSuffix(".txt") == true)
        #expect(run.lines.all.contains("INFO [show] 8 a,b\n1,2"))
    }

    @Test func anEmptyDownloadFailsUnlessAllowed() async throws {
        let failed = try await TestRun.run(flow("  - id: d\n    type: io.kestra.plugin.core.http.Download\n    uri: \(server.base)/empty\n"))
        #expect(failed.task("d")?.message == "No response from server")
        let allowed = try await TestRun.run(flow("  - id: d\n    type: io.kestra.plugin.core.http.Download\n    uri: \(server.base)/empty\n    failOnEmptyResponse: false\n"))
        #expect(allowed.result.state == .success)
        #expect(allowed.task("d")?.outputs?["length"] == .int(0))
    }
}
