import BerthDiagnostics

/// The nodes of one read stream, stored flat. Every `YAMLNode` is an index into one tree;
/// the tree lives as long as any node of it does.
public final class YAMLTree: Sendable {
    /// The file the ranges refer to.
    public let file: SourceFile
    let storage: TreeStorage

    init(file: SourceFile, storage: TreeStorage) {
        self.file = file
        self.storage = storage
    }
}
