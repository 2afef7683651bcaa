import BerthDiagnostics
import BerthYAML
import Foundation

/// `invalid-regex`: an input's `validator` that is not a regular expression. Kestra compiles it
/// with java.util.regex only when a value arrives, so the flow saves and every execution fails.
/// ICU (NSRegularExpression) and Java agree on the syntax flows use.
enum InputValidatorCheck {
    static func check(_ inputs: YAMLNode?, _ context: CheckContext) {
        for input in inputs?.sequence ?? [] {
            guard let node = input["validator"], let pattern = node.scalar, !node.isTemplate else { continue }
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                context.report(.error, "invalid-regex", "the validator of input \"\(input["id"]?.scalar ?? "")\" is not a regular expression: \"\(pattern)\"",
                               at: node.range, help: "check brackets and escapes (\\\\. for a dot, [a-z] for a range); Kestra fails every execution on it")
            }
        }
    }
}
