import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Kestra 2.0's replaced types: an old name becomes the current one; a type whose successor
/// takes the same properties is renamed with the properties it names (`BOOLEAN` → `BOOL`,
/// Echo → Log with format → message); the 1.x loops become a `Loop`.
enum TypeMigration {
    static func migrate(_ node: YAMLNode, typeNode: YAMLNode, schema: ObjectSchema, isAlias: Bool, _ context: CheckContext) -> Migration {
        guard node.entry("type")?.isWrittenInPlace == true else { return Migration.sharedThroughAnchor }
        if let target = schema.migrateTo {
            var edits = [ScalarEdit.edit(replacing: typeNode, with: target, context.file)]
            var renamed: [String] = []
            for entry in node.mapping ?? [] {
                guard let key = entry.key.scalar, let property = schema.property(key), property.availability.isAlways,
                      let newName = property.migrateTo, node[newName] == nil else { continue }
                guard entry.isWrittenInPlace else { return Migration.sharedThroughAnchor }
                edits.append(ScalarEdit.edit(replacing: entry.key, with: newName, context.file))
                renamed.append("\(key) → \(newName)")
            }
            let title = "use \"\(target)\"" + (renamed.isEmpty ? "" : " (\(renamed.joined(separator: ", ")))")
            return Migration(fixIts: [FixIt(title, edits: edits)])
        }
        if TaskTree.loopTypes.contains(schema.name) {
            return LoopMigration(node: node, typeNode: typeNode, schema: schema, context: context).migrate()
        }
        if isAlias && schema.availability.contains(.v2) {
            return Migration(fixIts: [ScalarEdit.fixIt(replacing: typeNode, with: schema.name, title: "use \"\(schema.name)\"", context.file)])
        }
        return Migration()
    }
}
