"""Drive ``courselint lsp`` in a subprocess through pytest-lsp's client (a real LSP client)."""

from __future__ import annotations

import asyncio
import sys
from contextlib import asynccontextmanager
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

TIMEOUT = 60


@asynccontextmanager
async def session(
    root: Path, encodings: list[str] | None = None, env: dict[str, str] | None = None, options: dict | None = None
):
    """A started, initialised server; ``env`` replaces the server's environment,
    ``options`` are the client's ``initializationOptions``."""
    client = _client()
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


def _client() -> LanguageClient:
    """pytest-lsp's test client, whose published diagnostics also go to an inbox.

    ``wait_for_notification`` only sees what arrives while it waits: two
    notifications back to back (a lesson's, then its sibling's refresh) lost the
    second between two waits.  The inbox keeps every one in order.
    """
    client = LanguageClient(converter_factory=default_converter)
    client.diagnostics_inbox = []
    client.diagnostics_read = 0
    client.diagnostics_arrived = asyncio.Event()

    def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics  # what pytest-lsp's own handler does
        client.diagnostics_inbox.append(params)
        client.diagnostics_arrived.set()

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics})
    return client


async def diagnostics_for(client, uri: str, version: int | None = None):
    """The next diagnostics of ``uri`` (of ``version`` when given), read from the client's
    inbox in the order they arrived; the others read on the way are passed over."""

    async def wait():
        while True:
            params = await next_published(client)
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics

    return await asyncio.wait_for(wait(), TIMEOUT)


async def next_published(client) -> types.PublishDiagnosticsParams:
    """The next diagnostics the server published, in the order they arrived (none is missed)."""
    while client.diagnostics_read >= len(client.diagnostics_inbox):
        client.diagnostics_arrived.clear()
        await client.diagnostics_arrived.wait()
    params = client.diagnostics_inbox[client.diagnostics_read]
    client.diagnostics_read += 1
    return params


def open_document(client, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text))
    )
    return uri


def run(coroutine):
    return asyncio.run(coroutine)
