import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Values Kestra 1.x accepts and 2.0 rejects, recorded as constructs of 1.x only (so
/// `DialectCheck` reports them under 2.0 with their migration): a flow id 2.0 reserves for its
/// API, a flow output typed BOOLEAN or ENUM, and an input both optional and defaulted.
enum Kestra2ValueRules {
    /// Flow ids Kestra 2.0's API routes take (kestra-migrate appends `-flow`).
    static let reservedIds: Set<String> = ["pause", "resume", "force-run", "change-status", "kill", "executions", "search",
                                           "source", "disable", "enable"]
    static let outputTypes = ["BOOLEAN": "BOOL", "ENUM": "SELECT"]
    static let onlyV1 = Availability(until: .v2)

    static func check(_ root: YAMLNode, _ context: CheckContext) {
        if let entry = root.entry("id"), let id = entry.value.scalar, reservedIds.contains(id) {
            let idNode = entry.value
            context.recordDialectUse(onlyV1, what: "the flow id \"\(id)\"", range: idNode.range,
                                     removed: "Kestra 2.0 reserves it for its API routes") {
                guard entry.isWrittenInPlace else { return Migration.sharedThroughAnchor }
                return Migration(fixIts: [ScalarEdit.fixIt(replacing: idNode, with: id + "-flow",
                                                    title: "rename the flow to \"\(id)-flow\" (subflow callers and Flow triggers naming it must change too)",
                                                    context.file, applicability: .maybeIncorrect)])
            }
        }
        for output in root["outputs"]?.sequence ?? [] {
            guard let entry = output.entry("type"), let type = entry.value.scalar, let renamed = outputTypes[type] else { continue }
            let typeNode = entry.value
            context.recordDialectUse(onlyV1, what: "the output type \(type)", range: typeNode.range, removed: "Kestra 2.0 names it \(renamed)") {
                guard entry.isWrittenInPlace else { return Migration.sharedThroughAnchor }
                return Migration(fixIts: [ScalarEdit.fixIt(replacing: typeNode, with: renamed, title: "use \(renamed)", context.file)])
            }
        }
        for input in root["inputs"]?.sequence ?? [] {
            guard input["defaults"] != nil, let entry = input.entry("required"), entry.value.scalar == "false" else { continue }
            context.recordDialectUse(onlyV1, what: "\"required: false\" on an input with defaults", range: entry.key.range,
                                     removed: "Kestra 2.0 rejects it (\"Inputs with a default value must be required\"); an input with defaults always has a value") {
                guard entry.isWrittenInPlace, let deletion = EntrySpan.deletion(of: entry, in: input, context.file) else { return .manual("remove required: false by hand") }
                return Migration(fixIts: [FixIt("remove required: false", edits: [deletion])])
            }
        }
    }
}
