import BerthDiagnostics
import BerthSchema
import BerthYAML

/// The result of checking one file.
public struct CheckResult: Sendable {
    /// The file diagnostics refer to (see ``YAMLStream/file``).
    public let file: SourceFile
    /// The parsed documents (one flow each).
    public let stream: YAMLStream
    /// Every problem, in canonical order.
    public let diagnostics: [Diagnostic]
}

/// Entry point of the pure compiler front end: bytes in, documents and diagnostics out.
public enum FlowCheck {
    /// Reads and checks every document of `file`.
    public static func check(_ file: SourceFile, options: CheckOptions = .standard, limits: ReaderLimits = .standard) -> CheckResult {
        let stream = YAMLReader(limits: limits).read(file)
        var diagnostics = stream.diagnostics
        if stream.documents.isEmpty && !stream.stoppedEarly {
            diagnostics.append(Diagnostic(.error, "empty-document", "the file holds no flow (it is empty or only comments)",
                                          path: file.path, range: SourceRange(at: stream.file.position(at: 0))))
        }
        for document in stream.documents {
            let shape = DocumentShapeCheck.check(document, file: stream.file)
            diagnostics += shape
            if shape.isEmpty, let root = document.root {
                diagnostics += FlowChecker(grammar: .standard, options: options).check(root, file: stream.file)
            }
        }
        diagnostics = SuppressionFilter.apply(options.config.apply(diagnostics), stream: stream)
        return CheckResult(file: stream.file, stream: stream, diagnostics: DiagnosticOrder.normalized(diagnostics))
    }
}
