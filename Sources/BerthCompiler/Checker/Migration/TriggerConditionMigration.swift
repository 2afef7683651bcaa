import BerthDiagnostics
import BerthExpressions
import BerthSchema
import BerthYAML

/// A trigger's 1.x `conditions` (or `scheduleConditions`) → Kestra 2.0's one `when` expression,
/// for the conditions whose meaning an expression keeps: Expression (its expression), DayWeek,
/// Weekend and TimeBetween on whole hours, all over `trigger.date`; several are joined with
/// `and`, as 1.x required them all. The entry is replaced whole (its comments go with it).
struct TriggerConditionMigration {
    let entry: YAMLMappingEntry
    let trigger: YAMLNode
    let schema: ObjectSchema
    let context: CheckContext

    static let flowTrigger = "io.kestra.plugin.core.trigger.Flow"

    func migrate() -> Migration {
        if schema.name == Self.flowTrigger {
            return FlowTriggerConditionMigration(entry: entry, trigger: trigger, context: context).migrate()
        }
        if trigger["when"] != nil || (trigger["conditions"] != nil && trigger["scheduleConditions"] != nil) {
            return .manual("the trigger already has when (or both conditions and scheduleConditions): fold the conditions into one when by hand")
        }
        guard let items = entry.value.sequence, !items.isEmpty, let end = EntrySpan.end(of: entry, context.file) else {
            return .manual("write the conditions as one when expression by hand")
        }
        var bodies: [String] = []
        for item in items {
            switch body(of: item) {
            case .success(let body): bodies.append(body)
            case .failure(let obstacle): return obstacle.migration
            }
        }
        let expression = bodies.count == 1 ? bodies[0] : bodies.map { "(\($0))" }.joined(separator: " and ")
        // A double-quoted scalar: the expression's own quotes and backslashes escaped.
        let escaped = "{{ \(expression) }}".replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let quoted = "when: \"\(escaped)\""
        let range = context.file.range(entry.key.range.start.offset..<end)
        return Migration(fixIts: [FixIt("write the conditions as when: \"{{ \(expression) }}\"", edits: [TextEdit(range: range, replacement: quoted)])])
    }

    private func body(of condition: YAMLNode) -> Result<String, Migration.Obstacle> {
        let typeName = condition["type"]?.scalar ?? ""
        let name = context.grammar.type(typeName, in: "condition")?.schema.name ?? typeName
        func manual(_ why: String) -> Result<String, Migration.Obstacle> {
            .failure(.init(help: "\(why): write the trigger's when by hand (Kestra 2.0 has no conditions)", notes: [Note("this condition", range: condition.range)]))
        }
        if let date = condition["date"]?.scalar, date.filter({ !$0.isWhitespace }) != "{{trigger.date}}" {
            return manual("the condition tests \"\(date)\", not the trigger's date")
        }
        switch name {
        case "io.kestra.plugin.core.condition.Expression":
            guard let text = condition["expression"]?.scalar, case .success(let template) = TemplateParser().parse(text),
                  let lone = template.loneExpression else { return manual("its expression is not one {{ }}") }
            let bytes = Array(text.utf8)
            return .success(String(decoding: bytes[lone.range], as: UTF8.self))
        case "io.kestra.plugin.core.condition.DayWeek":
            guard let day = condition["dayOfWeek"]?.scalar else { return manual("it names no day") }
            return .success("dayOfWeek(trigger.date) == '\(day)'")
        case "io.kestra.plugin.core.condition.Weekend":
            return .success("isWeekend(trigger.date)")
        case "io.kestra.plugin.core.condition.TimeBetween":
            let after = condition["after"]?.scalar.map(Self.wholeHour), before = condition["before"]?.scalar.map(Self.wholeHour)
            if after == .some(nil) || before == .some(nil) { return manual("its times are not whole hours without an offset") }
            let from = after.flatMap { $0 }.map { "hourOfDay(trigger.date) >= \($0)" }
            let to = before.flatMap { $0 }.map { "hourOfDay(trigger.date) < \($0)" }
            switch (from, to) {
            case (let from?, let to?):
                // A window past midnight (22:00 → 06:00) holds on either side of it.
                return .success(after!! < before!! ? "\(from) and \(to)" : "\(from) or \(to)")
            case (let one?, nil), (nil, let one?):
                return .success(one)
            default:
                return manual("it sets neither after nor before")
            }
        default:
            return manual("\(name.split(separator: ".").last ?? "") has no exact when form")
        }
    }

    /// 8 for `08:00`, `08:00:00`; nil for anything else (minutes, seconds, an offset).
    static func wholeHour(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard (2...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0 == "00" }), parts[0].count == 2,
              let hour = Int(parts[0]), (0...23).contains(hour) else { return nil }
        return hour
    }
}
