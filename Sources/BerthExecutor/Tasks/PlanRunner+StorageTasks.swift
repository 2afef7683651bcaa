import BerthExpressions
import BerthFormats
import BerthPlan
import Foundation

extension PlanRunner {
    /// io.kestra.plugin.core.storage.*: Concat, Delete, Size, Reverse, Split and
    /// PurgeCurrentExecutionFiles over the execution's stored files.
    func runStorage(_ node: PlanNode, action: String, evaluator: Evaluator, scope: Scope, run: TaskRunContext) async throws(ExecutorError) -> AttemptResult {
        let property = RenderedProperties(node: node, evaluator: evaluator).value
        let files = TaskStorage(storage: storage, path: Storage.taskPath(namespace: plan.flow.namespace, flow: plan.flow.id,
                                                                           execution: executionId, task: node.id, taskrun: run.id))
        let outputs: [(String, Value)]
        switch action {
        case "Concat":
            var uris: [String] = []
            switch try property("files") {
            case .array(let items)?: uris = items.map(\.plainText)
            case .string(let text)?:
                guard case .array(let items)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                    throw ExecutorError.task("files: \"\(text)\" is not a JSON list of URIs")
                }
                uris = items.map(\.plainText)
            default: throw ExecutorError.task("files must be a list of kestra:// URIs")
            }
            let separator = Data((node.properties["separator"]?.plainText ?? "").utf8)
            var data = Data()
            for uri in uris {
                data.append(try files.read(uri))
                data.append(separator)
            }
            outputs = [("uri", .string(try files.write(data, extension: node.properties["extension"]?.plainText ?? ".tmp")))]
        case "Delete":
            let uri = try property("uri")?.plainText ?? ""
            let local = try files.local(uri)
            let deleted = (try? FileManager.default.removeItem(at: local)) != nil
            if !deleted, node.properties["errorOnMissing"] == .bool(true) { throw ExecutorError.task("Unable to find file '\(uri)'") }
            outputs = [("uri", .string(uri)), ("deleted", .bool(deleted))]
        case "Size":
            outputs = [("size", .int(Int64(try files.read(try property("uri")?.plainText ?? "").count)))]
        case "Reverse":
            let from = try property("from")?.plainText ?? ""
            let separator = try property("separator")?.plainText ?? "\n"
            let lines = Self.lines(of: try files.read(from))
            let text = lines.reversed().map { $0 + separator }.joined()
            outputs = [("uri", .string(try files.write(Data(text.utf8), extension: TaskStorage.extensionOf(from) ?? "")))]
        case "Split":
            let from = try property("from")?.plainText ?? ""
            let chunks = try split(Self.lines(of: try files.read(from)), bytes: try property("bytes"), partitions: try property("partitions"),
                                   rows: try property("rows"), separator: try property("separator")?.plainText ?? "\n")
            let ext = TaskStorage.extensionOf(from) ?? ".tmp"
            var uris: [Value] = []
            for chunk in chunks { uris.append(.string(try files.write(Data(chunk.utf8), extension: ext))) }
            outputs = [("uris", .list(uris))]
        default:
            let prefix = storage.file(forPath: Storage.executionPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId))
            let deleted = WorkingFiles(directory: prefix).allFiles().map { Storage.scheme + Storage.executionPath(namespace: plan.flow.namespace, flow: plan.flow.id, execution: executionId) + "/" + $0 }
            try? FileManager.default.removeItem(at: prefix)
            outputs = [("uris", .list(deleted.map(Value.string)))]
        }
        await state.setOutputs(node.id, .object(outputs), loopValues: scope.loopValues)
        return AttemptResult(state: .success)
    }

    /// Lines as Java's readLine splits them: on \n, \r\n or \r, no empty last line.
    static func lines(of data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Split's chunks: by bytes, else partitions (round robin, empty dropped), else rows.
    func split(_ lines: [String], bytes: JSONValue?, partitions: JSONValue?, rows: JSONValue?, separator: String) throws(ExecutorError) -> [String] {
        if let bytes {
            guard let limit = ByteSize.bytes(bytes.plainText), limit > 0 else { throw ExecutorError.task("Invalid size with value '\(bytes.plainText)'") }
            return chunks(lines, separator: separator) { _, size in size >= limit }
        }
        if let partitions {
            guard let count = partitions.numberValue.map(Int.init), count > 0 else { throw ExecutorError.task("partitions must be a positive integer") }
            var parts = Array(repeating: "", count: count)
            for (i, line) in lines.enumerated() { parts[i % count] += line + separator }
            return parts.filter { !$0.isEmpty }
        }
        if let rows {
            guard let count = rows.numberValue.map(Int.init), count > 0 else { throw ExecutorError.task("rows must be a positive integer") }
            return chunks(lines, separator: separator) { rowCount, _ in rowCount >= count }
        }
        throw ExecutorError.task("Invalid configuration with no size, count, nor rows")
    }

    /// A new chunk starts before a row once `full(rows, bytes)` holds for the current one.
    private func chunks(_ lines: [String], separator: String, full: (Int, Int64) -> Bool) -> [String] {
        var out: [String] = [], current = "", rowCount = 0, size: Int64 = 0
        for line in lines {
            if rowCount > 0 && full(rowCount, size) {
                out.append(current)
                current = ""; rowCount = 0; size = 0
            }
            let row = line + separator
            current += row
            rowCount += 1
            size += Int64(row.utf8.count)
        }
        if rowCount > 0 { out.append(current) }
        return out
    }
}
