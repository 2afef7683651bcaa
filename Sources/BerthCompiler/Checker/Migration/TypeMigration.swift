import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Kestra 2.0's replaced types: a type whose successor takes the same properties is renamed
/// (`BOOLEAN` → `BOOL`, `ENUM` → `SELECT`); the 1.x loops become a `Loop`.
enum TypeMigration {
    static func migrate(_ node: YAMLNode, typeNode: YAMLNode, schema: ObjectSchema, _ context: CheckContext) -> Migration {
        if let target = schema.migrateTo {
            return Migration(fixIts: [ScalarEdit.fixIt(replacing: typeNode, with: target, title: "use \"\(target)\"", context.file)])
        }
        if TaskTree.loopTypes.contains(schema.name) {
            return LoopMigration(node: node, typeNode: typeNode, schema: schema, context: context).migrate()
        }
        return Migration()
    }
}
