import Foundation

/// A small HTTP server on 127.0.0.1 (Python's http.server, which CI has) for the HTTP task
/// tests: /json, /echo (the request as JSON), /fail (500), /redirect (301 to /json), /empty
/// (204), /file (a Content-Disposition name), /data.txt.
final class LoopbackHTTPServer: @unchecked Sendable {
    let process = Process()
    let port: Int

    static let script = #"""
    import json, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, code, body, headers=()):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(code)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            path = self.path.split("?")[0]
            if path == "/json":
                self.reply(200, '{"a": 1}', [("Content-Type", "application/json"), ("X-Twice", "1"), ("X-Twice", "2")])
            elif path == "/echo":
                seen = {k.lower(): v for k, v in self.headers.items()}
                self.reply(200, json.dumps({"method": self.command, "path": self.path, "headers": seen, "body": body}))
            elif path == "/fail":
                self.reply(500, "boom")
            elif path == "/redirect":
                self.reply(301, "", [("Location", "/json")])
            elif path == "/empty":
                self.send_response(204)
                self.end_headers()
            elif path == "/file":
                self.reply(200, "a,b\n1,2\n", [("Content-Disposition", 'attachment; filename="report.csv"')])
            else:
                self.reply(200, "plain")

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    import os, threading, time
    parent = os.getppid()

    def watch():
        # The test process may end without stopping us: leave with it.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()
    """#

    init() throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("berth-http-\(UUID().uuidString)").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, portFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // Not the test process's stderr: swift test waits for every holder of it to exit.
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The server writes its port to a file once it listens.
        var port: Int?
        for _ in 0..<200 where port == nil {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { usleep(50_000) }
        }
        try? FileManager.default.removeItem(atPath: portFile)
        guard let port else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    deinit { process.terminate() }
}
