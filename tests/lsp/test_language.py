"""The server speaks the language its environment's locale asks for, like the command line.

A real client starts ``courselint lsp`` with an English locale (as an editor
launched from an English desktop passes it on): the findings, the code
actions' titles and the hover's own words come in English; with no locale
(``C``), in French.  The English expected here is written by hand, as the
catalog (``locale/en/LC_MESSAGES/courselint.po``) must say it.
"""

from __future__ import annotations

import os
from pathlib import Path

from lsprotocol import types

from .client import diagnostics_for, open_document, run, session
from .test_server import SEED, expected_range, lesson_folder


def _environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(values)
    return env


def _exchange(tmp_path: Path, env: dict[str, str]):
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)
    line, start, _, _ = expected_range(text, 120, "consomemation")

    async def scenario():
        async with session(tmp_path, env=env) as (client, _result):
            uri = open_document(client, path, text)
            diagnostics = await diagnostics_for(client, uri)
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(types.Position(line, start + 3), types.Position(line, start + 3)),
                    context=types.CodeActionContext(diagnostics=[]),
                )
            )
            on_entry = await client.text_document_hover_async(  # `* 2000 : BSD Jail`, line 16
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(15, 4))
            )
            return diagnostics, actions, on_entry

    return run(scenario())


def test_an_english_locale_gets_english_diagnostics_actions_and_hover(tmp_path: Path) -> None:
    diagnostics, actions, on_entry = _exchange(tmp_path, _environment(LANG="en_US.UTF-8", LANGUAGE="en"))
    assert "Unknown word: “consomemation”" in [d.message for d in diagnostics]
    titles = [a.title for a in actions]
    assert "Add “consomemation” to the project word list" in titles
    assert "Add “consomemation” to this lesson's spelling_words" in titles
    assert "Disable CL401 for the next line" in titles
    assert "Fix the safe problem of this file (1)" in titles  # coeur -> cœur, the one safe fix
    assert on_entry.contents.value.startswith("Step section, line 59:")


def test_without_a_locale_the_server_speaks_french(tmp_path: Path) -> None:
    diagnostics, actions, on_entry = _exchange(tmp_path, _environment(LC_ALL="C"))
    assert "Mot inconnu du dictionnaire : « consomemation »" in [d.message for d in diagnostics]
    titles = [a.title for a in actions]
    assert "Ajouter « consomemation » à la liste de mots du projet" in titles
    assert "Désactiver CL401 pour la ligne suivante" in titles
    assert "Corriger le problème sûr de ce fichier (1)" in titles
    assert on_entry.contents.value.startswith("Section d'étape, ligne 59 :")
