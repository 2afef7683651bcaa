import BerthDiagnostics

/// One document of a stream (`---` separated).
public struct YAMLDocument: Sendable {
    /// 0-based position of the document in the stream.
    public let index: Int
    /// The root node; nil for an empty document.
    public let root: YAMLNode?
    /// From the document start to the end of its content.
    public let range: SourceRange
}

/// The result of reading one file: its documents and every problem the reader found.
public struct YAMLStream: Sendable {
    /// The file positions refer to. Identical to the input unless invalid bytes had to be
    /// neutralised (each replaced by a space, so offsets and lines are unchanged).
    public let file: SourceFile
    /// Documents that were read completely. A document cut short by a syntax error is left out.
    public let documents: [YAMLDocument]
    public let diagnostics: [Diagnostic]
    /// True when reading stopped early (syntax error, limit); later content was not read.
    public let stoppedEarly: Bool
}

/// Bounds that keep hostile input cheap.
public struct ReaderLimits: Sendable {
    /// Maximum nesting of collections.
    public var maxDepth: Int
    /// Maximum number of nodes that alias and merge expansion may add per document.
    public var maxAliasExpansion: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let standard = ReaderLimits()
}
