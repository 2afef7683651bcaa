import BerthDiagnostics
import BerthYAML

/// A flow document must be a mapping: the first thing any flow check relies on.
enum DocumentShapeCheck {
    static func check(_ document: YAMLDocument, file: SourceFile) -> [Diagnostic] {
        guard let root = document.root, !root.isNull else {
            return [Diagnostic(.error, "empty-document", "the document is empty; a flow needs at least \"id\", \"namespace\" and \"tasks\"",
                               path: file.path, range: document.range)]
        }
        if root.mapping == nil {
            return [Diagnostic(.error, "flow-not-mapping", "a flow must be a mapping of properties, found a \(root.kindName)",
                               path: file.path, range: root.range,
                               help: "start the document with \"id: ...\" on its own line")]
        }
        return []
    }
}
