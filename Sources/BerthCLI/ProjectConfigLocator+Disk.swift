import BerthCompiler
import BerthSchema
import Foundation

extension ProjectConfigLocator {
    /// A locator reading the file system.
    static func onDisk() -> ProjectConfigLocator {
        ProjectConfigLocator { path in (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } }
    }

    /// The options for checking the flow at `path` (relative paths from `context`'s directory);
    /// `kestra` is the dialect `--kestra` chose.
    static func checkOptions(forFlowAt path: String, _ context: CLIContext, kestra: KestraDialect? = nil) -> CheckOptions {
        (onDisk().config(forFlowAt: context.absolutePath(path))?.config ?? .none).checkOptions(kestra: kestra)
    }
}
