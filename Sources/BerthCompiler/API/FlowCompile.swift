import BerthDiagnostics
import BerthPlan
import BerthSchema
import BerthYAML

/// The result of compiling one file.
public struct CompileResult: Sendable {
    /// Every diagnostic (the same as `berth lint` gives for the file).
    public let check: CheckResult
    /// One plan per flow document; empty when there are errors.
    public let plans: [Plan]
}

/// Compiles flows to plans: refuses any flow with errors, exactly as lint reports them.
public enum FlowCompile {
    public static func compile(_ file: SourceFile, options: CheckOptions = .standard, limits: ReaderLimits = .standard) -> CompileResult {
        let check = FlowCheck.check(file, options: options, limits: limits)
        guard !check.diagnostics.contains(where: { $0.severity == .error }) else { return CompileResult(check: check, plans: []) }
        let sourceName = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let plans = check.stream.documents.compactMap { document in
            document.root.map { FlowLowering(root: $0, grammar: .standard).plan(sourceName: sourceName) }
        }
        return CompileResult(check: check, plans: plans)
    }
}
