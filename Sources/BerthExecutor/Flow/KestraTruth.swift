/// Kestra's truthiness for `If.condition`, `runIf` and `Fail.condition`: the rendered text is
/// false only when it is exactly `false`, `0`, `-0` or empty (case-sensitive: `False` and
/// `null` are true), as `TruthUtils` decides.
enum KestraTruth {
    static let falseValues: Set<String> = ["false", "0", "-0", ""]

    static func isTrue(_ rendered: String) -> Bool { !falseValues.contains(rendered) }
}
