import ArgumentParser
import BerthSchema

/// `--kestra 1|2`: the dialect the flows are checked as, on every command that checks flows.
struct DialectOption: ParsableArguments {
    @Option(name: .customLong("kestra"), help: ArgumentHelp(
        "Kestra dialect: 1 (1.x) or 2 (2.0) (default: the .berth.yaml's `kestra`, else detected per file: 2.0 when only 2.0 constructs appear, 1.x otherwise).",
        valueName: "version"))
    var kestra: KestraDialect?
}

extension KestraDialect: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}
