import BerthDiagnostics
import BerthYAML

/// The legacy script tasks (`io.kestra.core.tasks.scripts.*`): what Kestra refuses when it runs
/// them (`missing-property`: a DOCKER runner without `dockerOptions.image`; `missing-main-file`:
/// Python's default command without `main.py`, Node without `main.js`), and the exact rewrite of
/// a Bash task as `shell.Commands` offered with its `deprecated` warning.
enum LegacyScriptCheck {
    static func check(_ context: CheckContext) {
        for task in context.tasks where task.schema?.typeDefaults["legacyScript"] != nil {
            let short = task.schema?.name.split(separator: ".").last.map(String.init) ?? ""
            if task.node["runner"]?.scalar?.uppercased() == "DOCKER", task.node["dockerOptions"]?["image"] == nil {
                context.report(.error, "missing-property", "runner DOCKER of task \"\(task.id)\" needs dockerOptions with an image",
                               at: (task.node["dockerOptions"] ?? task.node["runner"]!).range,
                               help: "legacy tasks have no default image: dockerOptions: {image: ubuntu:24.04}")
            }
            let inputs = task.node["inputFiles"]
            let names = Set(inputs?.mapping?.compactMap { $0.key.scalar } ?? [])
            let opaque = inputs?.scalar != nil
            if short == "Python", task.node["commands"] == nil, !names.contains("main.py"), !(opaque && inputs?.scalar?.contains("main.py") == true) {
                context.report(.error, "missing-main-file", "Python task \"\(task.id)\" runs ./bin/python main.py, but its inputFiles have no main.py",
                               at: (inputs ?? task.idNode).range, help: "add main.py to inputFiles, or give commands")
            }
            if short == "Node", !names.contains("main.js"), !opaque {
                context.report(.error, "missing-main-file", "Node task \"\(task.id)\" runs main.js, but its inputFiles have no main.js",
                               at: (inputs ?? task.idNode).range, help: "add main.js to inputFiles")
            }
        }
    }

    /// Bash → shell.Commands when nothing differs: the Process runner made explicit, `failFast`
    /// for `exitOnFailed` (`set -e` is `set -o errexit`); not offered with dockerOptions,
    /// interpreter settings or output files (the new task does not create them empty).
    static func bashRewrite(_ node: YAMLNode, _ context: CheckContext) -> FixIt? {
        guard node.collectionStyle == .block, let typeNode = node["type"], let entries = node.mapping else { return nil }
        let blocking: Set<String> = ["dockerOptions", "interpreter", "interpreterArgs", "outputFiles", "outputsFiles", "files", "outputDirs"]
        guard !entries.contains(where: { blocking.contains($0.key.scalar ?? "") }) else { return nil }
        let runner = node.entry("runner")
        if let value = runner?.value.scalar, value.uppercased() != "PROCESS" { return nil }
        let column = (entries.first { $0.key.scalar == "type" }?.key.range.start.column ?? 1) - 1
        let pad = String(repeating: " ", count: column)
        let taskRunner = "taskRunner:\n\(pad)  type: io.kestra.plugin.core.runner.Process"
        var edits = [TextEdit(range: typeNode.range, replacement: "io.kestra.plugin.scripts.shell.Commands")]
        if let runner {
            edits.append(TextEdit(range: context.file.range(runner.key.range.start.offset..<runner.value.range.end.offset), replacement: taskRunner))
        } else {
            edits.append(TextEdit(range: context.file.range(typeNode.range.end.offset..<typeNode.range.end.offset), replacement: "\n\(pad)\(taskRunner)"))
        }
        if let exit = node.entry("exitOnFailed") {
            edits.append(TextEdit(range: exit.key.range, replacement: "failFast"))
        }
        return FixIt("rewrite as io.kestra.plugin.scripts.shell.Commands on the Process runner", edits: edits)
    }
}
