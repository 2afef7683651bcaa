import Foundation

/// The default behaviour of ``InMemoryEngine`` containers: runs the `sh -c` script of the
/// container's command with a small subset of the POSIX shell — enough for the lines tests
/// write (`echo`, `printf`, `cat`, `cp`, `mkdir`, `rm`, `sleep`, `exit`, `true`, `false`,
/// `set -e`, `export`, assignments, `$VAR`, quotes, `>`, `>>`, `>&2`, `&&`, `||`, `;`).
/// `berth-oom` ends the container as an out-of-memory kill (exit 137). Anything else is
/// "not found" (127), as in a shell without that program.
public enum MiniShell {
    public static func run(_ container: SimulatedContainer) async -> Int {
        let command = container.request.cmd ?? []
        let script: String
        if command.count >= 3, ["/bin/sh", "sh", "/bin/bash", "bash"].contains(command[0]), command[1] == "-c" {
            script = command[2]
        } else {
            script = command.joined(separator: " ")
        }
        var shell = State(container: container)
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            if let code = await shell.run(line: String(line)) { return code }
        }
        return shell.status
    }

    struct State {
        let container: SimulatedContainer
        var variables: [String: String]
        var status = 0
        var errexit = false

        init(container: SimulatedContainer) {
            self.container = container
            variables = container.environment
        }

        /// Runs one line; returns an exit code when the script ends here.
        mutating func run(line: String) async -> Int? {
            let trimmed = line.trimmingCharacters(in: [" ", "\t", "\r"])
            if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
            let parts = Self.split(trimmed)
            for (index, (connector, text)) in parts.enumerated() {
                // In `a && b` / `a || c` the right side runs or not by a's status; set -e looks
                // only at the end of such a list.
                let skip = (connector == "&&" && status != 0) || (connector == "||" && status == 0)
                if !skip {
                    if Task.isCancelled { return 1 }
                    let words = Self.words(text, variables: variables, lastStatus: status)
                    if let code = await execute(words) { return code }
                }
                let endOfList = index + 1 == parts.count || parts[index + 1].0 == ";"
                if errexit && endOfList && status != 0 { return status }
            }
            if errexit && status != 0 { return status }
            return nil
        }

        /// `(connector before, command text)` pairs for `;`, `&&` and `||` outside quotes.
        static func split(_ line: String) -> [(String, String)] {
            var parts: [(String, String)] = []
            var current = ""
            var connector = ";"
            var quote: Character?
            var chars = Array(line)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if let q = quote {
                    current.append(c)
                    if c == q { quote = nil }
                    continue
                }
                if c == "'" || c == "\"" { quote = c; current.append(c); continue }
                if (c == "&" || c == "|") && chars.first == c {
                    chars = chars.dropFirst()
                    parts.append((connector, current))
                    connector = String([c, c])
                    current = ""
                    continue
                }
                if c == ";" {
                    parts.append((connector, current))
                    connector = ";"
                    current = ""
                    continue
                }
                current.append(c)
            }
            parts.append((connector, current))
            return parts.filter { !$0.1.trimmingCharacters(in: [" ", "\t"]).isEmpty }
        }

        /// Words after quote removal and `$NAME` / `${NAME}` / `$?` expansion.
        static func words(_ text: String, variables: [String: String], lastStatus: Int) -> [String] {
            var words: [String] = []
            var current = ""
            var inWord = false
            var quote: Character?
            let chars = Array(text)
            var i = 0
            func expand() {
                i += 1
                if i < chars.count, chars[i] == "?" { current += String(lastStatus); i += 1; return }
                var name = ""
                if i < chars.count, chars[i] == "{" {
                    i += 1
                    while i < chars.count, chars[i] != "}" { name.append(chars[i]); i += 1 }
                    i += 1
                } else {
                    while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { name.append(chars[i]); i += 1 }
                }
                if name.isEmpty { current += "$" } else { current += variables[name] ?? "" }
            }
            while i < chars.count {
                let c = chars[i]
                switch quote {
                case "'":
                    if c == "'" { quote = nil } else { current.append(c) }
                    i += 1
                case "\"":
                    if c == "\"" { quote = nil; i += 1 } else if c == "\\", i + 1 < chars.count, "\"\\$".contains(chars[i + 1]) {
                        current.append(chars[i + 1]); i += 2
                    } else if c == "$" { expand() } else { current.append(c); i += 1 }
                default:
                    if c == " " || c == "\t" {
                        if inWord { words.append(current); current = ""; inWord = false }
                        i += 1
                        continue
                    }
                    inWord = true
                    if c == "'" || c == "\"" { quote = c; i += 1 } else if c == "$" { expand() } else if c == "\\", i + 1 < chars.count {
                        current.append(chars[i + 1]); i += 2
                    } else { current.append(c); i += 1 }
                }
            }
            if inWord || quote != nil { words.append(current) }
            return words
        }

        /// Runs a command with its redirections; returns an exit code when it ends the script.
        mutating func execute(_ all: [String]) async -> Int? {
            var words: [String] = []
            var outFile: (String, Bool)?
            var toStderr = false
            var index = 0
            while index < all.count {
                let word = all[index]
                if word == ">&2" || word == "1>&2" { toStderr = true } else if word.hasPrefix("2>") {
                    if word == "2>", index + 1 < all.count { index += 1 }
                } else if word == ">" || word == ">>", index + 1 < all.count {
                    outFile = (all[index + 1], word == ">>"); index += 1
                } else if word.hasPrefix(">>") { outFile = (String(word.dropFirst(2)), true) } else if word.hasPrefix(">") {
                    outFile = (String(word.dropFirst()), false)
                } else { words.append(word) }
                index += 1
            }
            guard let name = words.first else { return nil }
            if name.contains("="), !name.hasPrefix("="), words.count == 1 {
                let eq = name.firstIndex(of: "=")!
                variables[String(name[..<eq])] = String(name[name.index(after: eq)...])
                status = 0
                return nil
            }
            var out = ""
            let arguments = Array(words.dropFirst())
            switch name {
            case "set":
                if arguments.contains("-e") { errexit = true }
                if arguments.contains("+e") { errexit = false }
                status = 0
            case "export":
                for assignment in arguments {
                    guard let eq = assignment.firstIndex(of: "=") else { continue }
                    variables[String(assignment[..<eq])] = String(assignment[assignment.index(after: eq)...])
                }
                status = 0
            case "echo":
                let noNewline = arguments.first == "-n"
                out = arguments.dropFirst(noNewline ? 1 : 0).joined(separator: " ") + (noNewline ? "" : "\n")
                status = 0
            case "printf":
                out = Self.printf(arguments)
                status = 0
            case "cat":
                status = 0
                for file in arguments.flatMap({ container.expand($0) }) {
                    if let bytes = container.read(file) { out += String(decoding: bytes, as: UTF8.self) } else {
                        container.stderr("cat: can't open '\(file)': No such file or directory\n")
                        status = 1
                    }
                }
            case "cp":
                if arguments.count == 2, let bytes = container.read(arguments[0]) { container.write(arguments[1], bytes); status = 0 } else {
                    container.stderr("cp: can't stat '\(arguments.first ?? "")': No such file or directory\n")
                    status = 1
                }
            case "mkdir":
                for directory in arguments where directory != "-p" { container.makeDirectory(directory) }
                status = 0
            case "rm":
                for file in arguments where !file.hasPrefix("-") { container.remove(file) }
                status = 0
            case "sleep":
                do { try await container.sleep(Double(arguments.first ?? "0") ?? 0) } catch { return 143 }
                status = 0
            case "exit":
                return Int(arguments.first ?? "") ?? status
            case "true", ":":
                status = 0
            case "false":
                status = 1
            case "berth-oom":
                container.oomKilled = true
                return 137
            default:
                container.stderr("sh: \(name): not found\n")
                status = 127
            }
            if !out.isEmpty {
                if let (file, append) = outFile { container.write(file, Array(out.utf8), append: append) } else if toStderr {
                    container.stderr(out)
                } else {
                    container.stdout(out)
                }
            } else if let (file, append) = outFile, !append, container.read(file) == nil {
                container.write(file, [])
            }
            return nil
        }

        /// `printf FORMAT ARGS…` with `%s`, `%d`, `%%`, `\n`, `\t`, `\\`.
        static func printf(_ arguments: [String]) -> String {
            guard let format = arguments.first else { return "" }
            var args = Array(arguments.dropFirst())[...]
            var out = ""
            var chars = Array(format)[...]
            while let c = chars.popFirst() {
                if c == "\\", let next = chars.popFirst() {
                    out += next == "n" ? "\n" : next == "t" ? "\t" : String(next)
                } else if c == "%", let next = chars.popFirst() {
                    if next == "%" { out += "%" } else { out += args.popFirst() ?? "" }
                } else {
                    out.append(c)
                }
            }
            return out
        }
    }
}
