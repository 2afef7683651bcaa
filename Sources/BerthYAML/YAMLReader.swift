import BerthDiagnostics

/// Reads a YAML stream into node trees with exact ranges, collecting every problem as a
/// diagnostic: invalid bytes, libyaml syntax errors (explained), duplicate keys, unknown
/// aliases, bad merges, and the depth and alias-expansion limits.
public struct YAMLReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .standard) {
        self.limits = limits
    }

    public func read(_ input: SourceFile) -> YAMLStream {
        var diagnostics: [Diagnostic] = []
        // The common case, checked first: nothing to report, and marks need no conversion.
        let clean = ByteValidator.isCleanASCII(input.bytes)
        let (sanitized, findings) = clean ? (nil, []) : ByteValidator.scan(input.bytes)
        let file = sanitized.map { SourceFile(path: input.path, bytes: $0) } ?? input
        for finding in findings {
            diagnostics.append(Diagnostic(.error, finding.code, finding.message, path: file.path,
                                          range: file.range(finding.offsets), help: finding.help))
        }
        var builder = TreeBuilder(file: file, limits: limits, isASCII: clean)
        var stoppedEarly = false
        file.bytes.withUnsafeBufferPointer { bytes in
            let parser = LibYAMLParser(bytes: bytes)
            do throws(LibYAMLError) {
                while let event = try parser.next() {
                    if !builder.handle(event) {
                        stoppedEarly = true
                        break
                    }
                }
            } catch {
                diagnostics.append(SyntaxErrorExplainer(file: file).diagnostic(for: error))
                stoppedEarly = true
            }
        }
        diagnostics += builder.diagnostics
        let tree = YAMLTree(file: file, storage: builder.storage)
        let documents = builder.documents.enumerated().map { index, document in
            YAMLDocument(index: index, root: document.root.map { YAMLNode(tree: tree, index: $0) }, range: document.range)
        }
        return YAMLStream(file: file, documents: documents, diagnostics: diagnostics, stoppedEarly: stoppedEarly)
    }
}
