"""Drives `berth lsp` through a real LSP client library (pygls) and checks a full session.

Usage: python3 pygls_session.py /path/to/berth
Prints one line per check and exits non-zero on the first failure.
"""
import asyncio
import sys

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

BERTH = sys.argv[1]
URI = "file:///tmp/berth-lsp-session/flow.yaml"
# Line 2 holds non-ASCII text before the error: "é" and "😀" take 1 and 2 UTF-16 units.
TEXT = (
    "id: hello\n"
    "namespace: company.team\n"
    "description: \"é😀 café\"\n"
    "tasks:\n"
    "  - id: a\n"
    "    type: io.kestra.plugin.core.log.Log\n"
    "    message: \"😀 {{ inputs.nme }}\"\n"
    "  - id: b\n"
    "    type: io.kestra.plugin.scripts.shell.Commands\n"
    "    commands: [\"echo\"]\n"
    "    taskRunner:\n"
    "      type: io.kestra.plugin.scripts.runner.docker.Docker\n"
    "      pullPolicy: ALWAYS\n"
    "      \n"
)


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        sys.exit(1)


async def main():
    client = LanguageClient("berth-test", "1")
    published = asyncio.Queue()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        published.put_nowait(params)

    await client.start_io(BERTH, "lsp")
    result = await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities()))
    check(result.capabilities.position_encoding in (None, t.PositionEncodingKind.Utf16), "UTF-16 is the default position encoding")
    check(result.capabilities.hover_provider is True, "hover is advertised")
    client.initialized(t.InitializedParams())

    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=URI, language_id="yaml", version=1, text=TEXT)))
    diagnostics = await asyncio.wait_for(published.get(), 10)
    codes = [d.code for d in diagnostics.diagnostics]
    check(codes == ["unknown-input"], f"diagnostics after open: {codes}")
    d = diagnostics.diagnostics[0]
    # `    message: "😀 {{ inputs.nme }}"`: 14 characters, then "😀" (2 UTF-16 units), then " {{ inputs." (11).
    check(d.range.start.line == 6 and d.range.start.character == 27, f"UTF-16 position of nme: {d.range.start}")
    check(d.range.end.character == 30, f"end of nme: {d.range.end}")
    check(d.severity == t.DiagnosticSeverity.Error, "severity is error")

    # Incremental edit: replace "nme" by "name"... but no input is declared, so declare it too.
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=URI, version=2),
        content_changes=[
            t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=6, character=27), end=t.Position(line=6, character=30)), text="name"),
            t.TextDocumentContentChangePartial(range=t.Range(start=t.Position(line=3, character=0), end=t.Position(line=3, character=0)),
                                               text="inputs:\n  - id: name\n    type: STRING\n"),
        ]))
    while True:
        diagnostics = await asyncio.wait_for(published.get(), 10)
        if diagnostics.version == 2:
            break
    check(len(diagnostics.diagnostics) == 0, f"diagnostics cleared after the edit: {[x.code for x in diagnostics.diagnostics]}")

    # Completion inside the Docker runner block (line 16 after the 3 inserted lines): exactly its properties.
    completion = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=URI), position=t.Position(line=16, character=6)))
    labels = sorted(item.label for item in (completion.items if hasattr(completion, "items") else completion))
    expected = sorted(["host", "config", "credentials", "user", "entryPoint", "extraHosts", "networkMode", "portBindings", "volumes",
                       "deviceRequests", "cpu", "memory", "shmSize", "privileged", "fileHandlingStrategy", "delete", "wait",
                       "killGracePeriod", "resume"])
    check(labels == expected, f"runner completion offers exactly the runner's remaining properties: {labels}")

    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=URI), position=t.Position(line=15, character=9)))
    value = hover.contents.value if hover else ""
    check("IF_NOT_PRESENT" in value and "NEVER" in value and "Default: `IF_NOT_PRESENT`" in value, f"hover on pullPolicy: {value!r}")

    template = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=URI), position=t.Position(line=9, character=28)))
    labels = [item.label for item in (template.items if hasattr(template, "items") else template)]
    check(labels == ["name"], f"completion after inputs. inside {{{{ }}}}: {labels}")

    # Typing: each text below is what the buffer holds at the moment of asking; the first ones
    # are not YAML yet, so the context comes from indentation.
    typing = (
        "id: typing\n"
        "namespace: company.team\n"
        "tasks:\n"
        "  - id: build\n"
        "    type: io.kestra.plugin.scripts.shell.Commands\n"
        "    commands: [make]\n"
        "    taskRunner:\n"
        "      type: io.kestra.plugin.scripts.runner.docker.Docker\n"
    )
    scenarios = [
        ("a half-typed key under the runner", typing + "      pu\n", 8, 8, lambda l: "privileged" in l and "commands" not in l),
        ("an empty line under cpu:", typing + "      cpu:\n        \n", 9, 8, lambda l: l == ["cpus"]),
        ("a value after pullPolicy: ", typing + "      pullPolicy: \n", 8, 18, lambda l: l == ["IF_NOT_PRESENT", "ALWAYS", "NEVER"]),
        ("a new item in the task list", typing + "  - \n", 8, 4, lambda l: l[:1] == ["id + type"]),
        ("inside {{ }}", typing.replace("[make]", "[\"{{ out"), 5, 22, lambda l: "outputs" in l),
    ]
    for version, (name, text, line, character, expected) in enumerate(scenarios, start=10):
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            text_document=t.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))
        result = await client.text_document_completion_async(t.CompletionParams(
            text_document=t.TextDocumentIdentifier(uri=URI), position=t.Position(line=line, character=character)))
        labels = [item.label for item in (result.items if hasattr(result, "items") else result)]
        check(expected(labels), f"completion with {name}: {labels[:12]}")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print("session complete")


asyncio.run(main())
