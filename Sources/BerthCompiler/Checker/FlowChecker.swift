import BerthDiagnostics
import BerthSchema
import BerthYAML

/// Checks one flow document against the grammar, then runs the flow-wide checks.
struct FlowChecker {
    let grammar: Grammar
    let options: CheckOptions

    func check(_ root: YAMLNode, file: SourceFile) -> [Diagnostic] {
        let context = CheckContext(file: file, root: root, grammar: grammar, options: options)
        // A dialect use's `migrate` closure holds the context that holds the use: without
        // this, every flow with a deprecated construct kept its context, tree and diagnostics.
        defer { context.dialectUses = [] }
        guard let flow = grammar.objects["Flow"] else { return [] }
        let walker = SchemaWalker(context: context)
        walker.checkObject(root, schema: flow, owner: .flow, discriminated: false)
        PluginDefaultsCheck.check(root["pluginDefaults"] ?? root["taskDefaults"], walker: walker, context)
        DuplicateIdCheck.checkTasks(context)
        DuplicateIdCheck.checkList(root["inputs"], kind: "input", context)
        DuplicateIdCheck.checkList(root["outputs"], kind: "output", context)
        DuplicateIdCheck.checkList(root["triggers"], kind: "trigger", context)
        SystemLabelCheck.check(root["labels"], context)
        InputDependencyCheck.check(root["inputs"], context)
        InputValidatorCheck.check(root["inputs"], context)
        WorkingDirectoryCheck.check(context)
        LegacyScriptCheck.check(context)
        DagCheck.check(context)
        RetryIntervalCheck.checkAll(root, context)
        SwitchCasesCheck.check(context)
        RecursiveSubflowCheck.check(root, context)
        FlowTriggerCheck.check(root, context)
        RunnerRulesCheck.check(context)
        TemplateCheck(root: root, context: context).run()
        Kestra2ValueRules.check(root, context)
        DialectCheck.finish(context)
        if options.audits != .off {
            ScriptCodeAudit(root: root, context: context).run()
            SecretFilterAudit.run(context)
            PrivilegeAudit.run(context)
            ImagePinAudit.run(context, pedantic: options.audits == .pedantic)
            ImagePolicyAudit.run(context, config: options.config)
            CredentialAudit.run(root, context)
            RobustnessAudit(root: root, context: context, pedantic: options.audits == .pedantic).run()
            SupplyChainAudit(context: context).run()
        }
        return context.diagnostics
    }
}
