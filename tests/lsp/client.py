"""Drive ``courselint lsp`` in a subprocess through pytest-lsp's client (a real LSP client)."""

from __future__ import annotations

import asyncio
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from lsprotocol import types
from pytest_lsp.client import make_test_lsp_client

TIMEOUT = 60


@asynccontextmanager
async def session(
    root: Path, encodings: list[str] | None = None, env: dict[str, str] | None = None, options: dict | None = None
):
    """A started, initialised server; ``env`` replaces the server's environment,
    ``options`` are the client's ``initializationOptions``."""
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "courselint", "lsp", cwd=str(root), env=env)
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    capabilities = types.ClientCapabilities(
        general=general,
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source"])
                )
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
    )
    result = await client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri(), initialization_options=options)
    )
    try:
        yield client, result
    finally:
        await client.shutdown_session()
        await client.stop()


async def diagnostics_for(client, uri: str, version: int | None = None):
    """Wait for the next diagnostics of ``uri`` (of ``version`` when given)."""

    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics

    return await asyncio.wait_for(wait(), TIMEOUT)


def open_document(client, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )
    return uri


def run(coroutine):
    return asyncio.run(coroutine)
