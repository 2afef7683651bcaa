/// The packages a shell command line installs with pip, uv, npm, yarn, pnpm or bun, with their
/// UTF-8 byte ranges in the line, and whether each is pinned to one exact release.
struct PackageInstall {
    struct Package {
        let name: String
        /// UTF-8 byte range of the argument in the command text.
        let range: Range<Int>
        let manager: Manager
    }

    enum Manager {
        case pip, npm

        /// An exact requirement: `name==1.2.3` for pip, `name@1.2.3` for npm; URLs, paths and
        /// archive files are exact too.
        func isPinned(_ argument: String) -> Bool {
            let local = argument.hasPrefix(".") || argument.hasPrefix("/") || argument.hasPrefix("~") || argument.hasPrefix("file:")
            let remote = argument.contains("://") || argument.hasPrefix("git+") || argument.hasPrefix("github:")
            if local || remote || argument.hasSuffix(".whl") || argument.hasSuffix(".tar.gz") || argument.hasSuffix(".tgz") { return true }
            switch self {
            case .pip:
                // `name @ url` and `name@url`: a direct reference.
                if argument.contains("@") { return true }
                guard let range = argument.range(of: "==") else { return false }
                let version = argument[range.upperBound...].trimmingPrefix("=")
                return !version.isEmpty && !version.contains("*") && !version.contains(",")
            case .npm:
                let body = argument.hasPrefix("@") ? String(argument.dropFirst()) : argument
                guard let at = body.lastIndex(of: "@") else { return false }
                let version = body[body.index(after: at)...]
                let parts = version.split(separator: ".", omittingEmptySubsequences: false)
                return parts.count == 3 && parts.allSatisfy { part in
                    !part.isEmpty && part.first!.isNumber && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "+" }
                }
            }
        }
    }

    /// The package a requirement names: the text before a version specifier, extra or marker.
    static func requirementName(_ requirement: String) -> String {
        String(requirement.prefix { !"<>=!~[; ".contains($0) })
    }

    /// pip options whose next argument is not a package.
    private static let pipValueOptions: Set<String> = ["-i", "--index-url", "--extra-index-url", "-t", "--target", "--prefix", "--root",
                                                        "-f", "--find-links", "--trusted-host", "--platform", "--python-version",
                                                        "--implementation", "--abi", "--cache-dir", "--src", "--log", "--python", "-p"]
    /// Options after which berth cannot see the versions (a requirements or constraints file).
    private static let pipFileOptions: Set<String> = ["-r", "--requirement", "-c", "--constraint", "-e", "--editable"]

    /// The unpinned packages the command text installs.
    static func unpinned(in text: String) -> [Package] {
        var found: [Package] = []
        for command in commands(in: text) {
            guard let (manager, arguments) = installer(command) else { continue }
            if manager == .pip, arguments.contains(where: { pipFileOptions.contains($0.text) || $0.text.hasPrefix("--requirement=") || $0.text.hasPrefix("--constraint=") }) { continue }
            var skipNext = false
            var inTemplate = false
            for argument in arguments {
                // A `{{ … }}` is split into words; none of them is a package name.
                if argument.text.contains("{{") { inTemplate = !argument.text.contains("}}") }
                if inTemplate || argument.text.contains("}}") {
                    if argument.text.contains("}}") { inTemplate = false }
                    continue
                }
                if skipNext { skipNext = false; continue }
                if argument.text.hasPrefix("-") {
                    skipNext = manager == .pip && pipValueOptions.contains(argument.text)
                    continue
                }
                if argument.text.contains("$") { continue }
                if !manager.isPinned(argument.text) {
                    found.append(Package(name: requirementName(argument.text), range: argument.range, manager: manager))
                }
            }
        }
        return found
    }

    /// The installer and the arguments after its install verb, or nil for other commands.
    private static func installer(_ command: [Word]) -> (Manager, ArraySlice<Word>)? {
        // `sudo` and `NAME=value` assignments come before the tool.
        let words = Array(command.drop { $0.text == "sudo" || ($0.text.contains("=") && !$0.text.hasPrefix("-")) })
        let texts = words.map(\.text)
        func after(_ count: Int) -> ArraySlice<Word> { words.dropFirst(count) }
        let tool = texts.first.map { String($0.split(separator: "/").last ?? "") } ?? ""
        switch tool {
        case let pip where pip.hasPrefix("pip") && texts.dropFirst().first == "install": return (.pip, after(2))
        case let python where python.hasPrefix("python") && texts.count > 3 && texts[1] == "-m" && texts[2].hasPrefix("pip") && texts[3] == "install":
            return (.pip, after(4))
        case "uv" where texts.count > 2 && texts[1] == "pip" && texts[2] == "install": return (.pip, after(3))
        case "uv" where texts.count > 1 && texts[1] == "add": return (.pip, after(2))
        case "npm" where texts.count > 1 && ["install", "i", "add"].contains(texts[1]): return (.npm, after(2))
        case "yarn", "pnpm", "bun" where texts.count > 1 && ["add", "install", "i"].contains(texts[1]): return (.npm, after(2))
        default: return nil
        }
    }

    struct Word {
        let text: String
        let range: Range<Int>
    }

    /// Simple commands of a shell line split on `&&`, `||`, `;`, `|` and newlines, as words
    /// with their byte ranges (quotes removed; enough to find package names).
    static func commands(in text: String) -> [[Word]] {
        let bytes = Array(text.utf8)
        var commands: [[Word]] = [[]]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#"), index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A {
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                continue
            }
            if [UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"), 0x0A].contains(byte) {
                if !(commands.last?.isEmpty ?? true) { commands.append([]) }
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "\\") { index += 1; continue }
            let start = index
            var word: [UInt8] = []
            var quote: UInt8?
            while index < bytes.count {
                let c = bytes[index]
                if let q = quote {
                    if c == q { quote = nil } else { word.append(c) }
                } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    quote = c
                } else if c == 0x20 || c == 0x09 || c == 0x0A || c == UInt8(ascii: ";") || c == UInt8(ascii: "|") || c == UInt8(ascii: "&") {
                    break
                } else {
                    word.append(c)
                }
                index += 1
            }
            commands[commands.count - 1].append(Word(text: String(decoding: word, as: UTF8.self), range: start..<index))
        }
        return commands.filter { !$0.isEmpty }
    }
}
