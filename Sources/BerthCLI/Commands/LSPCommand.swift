import ArgumentParser
import BerthLanguageServer

/// `berth lsp`: the language server over stdio.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over stdio) for editors.",
        discussion: "Diagnostics are exactly what berth lint reports; also completion, hover, go to definition, document symbols and quick fixes."
    )

    func run() throws {
        LanguageServer().serve()
    }
}
