import ArgumentParser
import BerthDiagnostics

/// `--format` for commands that print diagnostics.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case human
    case short
    case json
    case sarif

    /// Renders `diagnostics` in this format.
    func render(_ diagnostics: [Diagnostic], files: [String: SourceFile], colour: Bool) -> String {
        switch self {
        case .human: HumanRenderer(files: files, colour: colour).render(diagnostics)
        case .short: ShortRenderer().render(diagnostics)
        case .json: JSONRenderer().render(diagnostics)
        case .sarif: SARIFRenderer(toolVersion: BerthCLI.version).render(diagnostics)
        }
    }
}
