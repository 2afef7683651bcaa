import ArgumentParser
import BerthLanguageServer
import Foundation

/// `berth lsp`: the language server over stdio.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over stdio) for editors.",
        discussion: "Diagnostics are exactly what berth lint reports; also completion, hover, go to definition, document symbols and quick fixes."
    )

    func run() throws {
        // An editor that exits mid-check closes stdout: the write then fails (and is dropped)
        // instead of the signal killing the server before it reads the end of its input.
        signal(SIGPIPE, SIG_IGN)
        LanguageServer().serve()
    }
}
