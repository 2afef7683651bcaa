import Foundation

/// Graphviz's `dot`, found on PATH, run as a child process.
enum Graphviz {
    /// `dot -Tsvg` of `source`; a missing or failing `dot` is a one-line error (exit 3).
    static func svg(_ source: String, environment: [String: String]) throws -> String {
        guard let dot = executable("dot", environment: environment) else {
            throw CommandFailure("--format svg needs Graphviz's dot on PATH (Debian: apt install graphviz); --format dot prints its input", exitCode: BerthExit.internalError)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw CommandFailure("cannot run \(dot): \(error.localizedDescription)", exitCode: BerthExit.internalError)
        }
        // Write on a thread of its own: a large graph fills both pipes at once.
        let data = Data(source.utf8)
        let writer = Thread { try? input.fileHandleForWriting.write(contentsOf: data); try? input.fileHandleForWriting.close() }
        writer.start()
        // dot's few error lines fit in the pipe while its output is read.
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let failure = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: failure, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
            throw CommandFailure("\(dot) failed (exit \(process.terminationStatus)): \(message)", exitCode: BerthExit.internalError)
        }
        return String(decoding: svg, as: UTF8.self)
    }

    /// The first executable `name` in `PATH`.
    static func executable(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
