import BerthDiagnostics
import BerthYAML

/// Text edits of one scalar that keep its quoting: a quoted scalar gets new content between
/// its own quotes, a plain one is replaced whole.
enum ScalarEdit {
    /// The edit writing `text` (a type or key name: no character that needs escaping) as the
    /// scalar's new value.
    static func edit(replacing node: YAMLNode, with text: String, _ file: SourceFile) -> TextEdit {
        let range = node.range
        switch node.scalarStyle {
        case .singleQuoted?, .doubleQuoted?:
            let inner = (range.start.offset + 1)..<max(range.start.offset + 1, range.end.offset - 1)
            return TextEdit(range: file.range(inner), replacement: text)
        default:
            return TextEdit(range: range, replacement: text)
        }
    }

    static func fixIt(replacing node: YAMLNode, with text: String, title: String, _ file: SourceFile,
                      applicability: FixIt.Applicability = .machineApplicable) -> FixIt {
        FixIt(title, edits: [edit(replacing: node, with: text, file)], applicability: applicability)
    }
}
