import BerthDiagnostics
import BerthSchema

/// A construct the flow uses that exists in some Kestra dialects only, recorded while walking;
/// `DialectCheck` judges it once the file's dialect is known.
struct DialectUse {
    let availability: Availability
    /// How messages name it: `"pluginDefaults" of the flow`, `task type "…ForEach"`.
    let what: String
    let range: SourceRange
    /// With `until`: what replaced it (the grammar's `removed` text).
    let removed: String?
    /// What berth can do about it under 2.0 (fix-its, or what to do by hand); asked only then,
    /// since working out a ForEach's Loop reads the whole flow.
    let migrate: (() -> Migration)?
    /// What the walk said about it (deprecation, a replaced alias): kept only where the
    /// dialect has the construct, so 2.0 never says "deprecated, use ForEach".
    var held: [Diagnostic] = []

    /// Only 1.x has it.
    var onlyV1: Bool { availability.contains(.v1) && !availability.contains(.v2) }
    /// Only 2.0 has it.
    var onlyV2: Bool { availability.contains(.v2) && !availability.contains(.v1) }
}
