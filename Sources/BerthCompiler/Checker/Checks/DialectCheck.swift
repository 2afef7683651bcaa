import BerthDiagnostics
import BerthSchema

/// Decides the file's Kestra dialect and judges the constructs of one dialect only.
///
/// Chosen (`--kestra`, `.berth.yaml`): that dialect, silently. Detected: 2.0 when only 2.0
/// constructs appear (said once, as an info at the first); 1.x otherwise — the default needs no
/// note, and a file mixing both is an error, since no Kestra accepts it.
enum DialectCheck {
    @discardableResult
    static func finish(_ context: CheckContext) -> KestraDialect {
        let uses = context.dialectUses
        let firstV1 = uses.first(where: \.onlyV1), firstV2 = uses.first(where: \.onlyV2)
        let dialect: KestraDialect
        var mixedAt: SourceRange?
        switch context.options.kestra {
        case .fixed(let chosen, _):
            dialect = chosen
        case .detect:
            if let v2 = firstV2, let v1 = firstV1 {
                dialect = .v1
                mixedAt = v2.range
                context.report(.error, "mixed-dialect", "\(v2.what) exists in Kestra 2.0 only, but \(v1.what) was removed in 2.0; checked as Kestra 1.x",
                               at: v2.range, notes: [Note("the Kestra 1.x construct", range: v1.range)],
                               help: "a flow is written in one dialect: migrate the 1.x constructs (`berth lint --kestra 2` lists them) or drop the 2.0 ones")
            } else if let v2 = firstV2 {
                dialect = .v2
                context.report(.info, "kestra-dialect", "checked as Kestra 2.0: \(v2.what) exists in 2.0 only", at: v2.range,
                               help: "say so with `kestra: 2` in .berth.yaml or --kestra 2 and this note goes")
            } else {
                dialect = .v1
            }
        }
        for use in uses {
            if use.availability.contains(dialect) {
                use.held.forEach(context.add)
            } else if dialect == .v2 {
                let migration = use.migrate?() ?? Migration()
                context.report(.error, "removed-in-kestra-2", "\(use.what) was removed in Kestra 2.0", at: use.range,
                               notes: migration.notes, help: migration.help ?? use.removed, fixIts: migration.fixIts)
            } else if use.range != mixedAt {
                context.report(.error, "requires-kestra-2", "\(use.what) exists in Kestra 2.0 only; Kestra 1.x rejects it", at: use.range,
                               help: chosenHelp(context.options.kestra))
            }
        }
        return dialect
    }

    private static func chosenHelp(_ choice: DialectChoice) -> String {
        if case .fixed(_, let source) = choice { return "the flow is checked as Kestra 1.x (\(source)); check it as 2.0 with --kestra 2 or `kestra: 2` in .berth.yaml" }
        return "check it as 2.0 with --kestra 2 or `kestra: 2` in .berth.yaml"
    }
}
