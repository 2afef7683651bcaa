import BerthCompiler
import Foundation

/// The check options of an open document: those of the `.berth.yaml` nearest to its file,
/// read afresh at each check so an edit of the configuration applies at once.
enum DocumentOptions {
    static func forDocument(_ uri: String) -> CheckOptions {
        guard let url = URL(string: uri), url.isFileURL else { return .standard }
        let locator = ProjectConfigLocator { path in (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } }
        return locator.config(forFlowAt: url.path)?.config.checkOptions() ?? .standard
    }
}
