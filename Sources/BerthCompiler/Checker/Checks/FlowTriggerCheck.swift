import BerthDiagnostics
import BerthYAML

/// `flow-trigger-dependencies`: a Kestra 2.0 Flow trigger whose `window` combines groups
/// (`deadline`; `from` + `to`; `every` + `offset`; `lookback`: exactly one), names `from`
/// without `to`, or whose `mode` and `minSatisfied` disagree with its `dependsOn`.
enum FlowTriggerCheck {
    static let groups: [(name: String, keys: [String])] = [("deadline", ["deadline"]), ("from/to", ["from", "to"]),
                                                            ("every/offset", ["every", "offset"]), ("lookback", ["lookback"])]

    static func check(_ root: YAMLNode, _ context: CheckContext) {
        for trigger in root["triggers"]?.sequence ?? [] {
            guard let type = trigger["type"]?.scalar, context.grammar.type(type, in: "trigger")?.schema.name == "io.kestra.plugin.core.trigger.Flow" else { continue }
            if let window = trigger["window"], window.mapping != nil { checkWindow(window, context) }
            checkMode(trigger, context)
        }
    }

    private static func checkWindow(_ window: YAMLNode, _ context: CheckContext) {
        // Each group used, at its first key in the file, in file order: the second is the mistake.
        let used = groups.compactMap { group -> (name: String, key: YAMLNode)? in
            group.keys.compactMap { window.entry($0)?.key }.min { $0.range.start.offset < $1.range.start.offset }.map { (group.name, $0) }
        }.sorted { $0.key.range.start.offset < $1.key.range.start.offset }
        if used.count > 1 {
            context.report(.error, "flow-trigger-dependencies", "the window combines \(used.map(\.name).joined(separator: " and ")): Kestra 2.0 takes exactly one",
                           at: used[1].key.range, help: "keep one group: deadline; from and to; every (and offset); or lookback")
        }
        for (present, missing) in [("from", "to"), ("to", "from")] {
            if let key = window.entry(present)?.key, window[missing] == nil {
                context.report(.error, "flow-trigger-dependencies", "the window has \(present) without \(missing)", at: key.range,
                               help: "a daily window needs both from and to")
            }
        }
    }

    private static func checkMode(_ trigger: YAMLNode, _ context: CheckContext) {
        let mode = trigger["mode"]?.scalar
        let entries = trigger["dependsOn"]?.sequence?.count
        if mode == "AT_LEAST", trigger["minSatisfied"] == nil, let key = trigger.entry("mode")?.key {
            context.report(.error, "flow-trigger-dependencies", "mode AT_LEAST needs minSatisfied", at: key.range,
                           help: "say how many of the dependsOn entries must be met")
        }
        if let node = trigger["minSatisfied"], let text = node.scalar, let count = Int(text) {
            if mode != "AT_LEAST" {
                context.report(.error, "flow-trigger-dependencies", "minSatisfied goes with mode AT_LEAST", at: node.range,
                               help: "write mode: AT_LEAST, or drop minSatisfied")
            } else if let entries, count > entries {
                context.report(.error, "flow-trigger-dependencies", "minSatisfied is \(count), but dependsOn has \(entries) entr\(entries == 1 ? "y" : "ies")",
                               at: node.range, help: "at most every entry can be met")
            }
        }
    }
}
