import BerthDiagnostics
import Foundation

/// Turns command-line paths into source files: files as given, directories searched
/// recursively for `*.yml` / `*.yaml` (hidden directories skipped), `-` for stdin.
struct InputCollector {
    let context: CLIContext
    var stdinFilename: String?

    /// The files read, in argument order (directory contents sorted), and one message per
    /// path that could not be read.
    func collect(_ paths: [String]) -> (files: [SourceFile], problems: [String]) {
        var files: [SourceFile] = []
        var problems: [String] = []
        for path in paths {
            if path == "-" {
                files.append(SourceFile(path: stdinFilename ?? "<stdin>", bytes: context.readStdin()))
                continue
            }
            let absolute = context.absolutePath(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                problems.append("cannot read \"\(path)\": no such file or directory")
                continue
            }
            let members = isDirectory.boolValue ? yamlFiles(in: path) : [path]
            for member in members {
                do {
                    let data = try Data(contentsOf: URL(fileURLWithPath: context.absolutePath(member)))
                    files.append(SourceFile(path: member, bytes: [UInt8](data)))
                } catch {
                    problems.append("cannot read \"\(member)\": \(error.localizedDescription)")
                }
            }
        }
        return (files, problems)
    }

    /// `*.yml` and `*.yaml` under `directory`, as paths joined onto it, sorted.
    func yamlFiles(in directory: String) -> [String] {
        let root = URL(fileURLWithPath: context.absolutePath(directory))
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [String] = []
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            let ext = url.pathExtension.lowercased()
            guard ext == "yml" || ext == "yaml" else { continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(rootPath + "/") { relative.removeFirst(rootPath.count + 1) }
            let joined = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            found.append(joined)
        }
        return found.sorted()
    }
}
