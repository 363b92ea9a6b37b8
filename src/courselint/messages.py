"""The language courselint speaks: French, or English when the locale asks for it.

Every user-facing string is written in French in the code, inside ``_()``
(``_("{count} leçons").format(count=n)``), and translated through courselint's own
gettext catalog, built with Babel like a course's (``scripts/update_messages.py``):
``locale/courselint.pot`` is extracted from the code, ``locale/en/LC_MESSAGES/
courselint.po`` holds the English and is compiled to the ``.mo`` read here by the
standard library (no Babel at run time).

The language is chosen as GNU gettext chooses it: the locale category is the first
of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set; when it is ``C`` or ``POSIX``
(or nothing is set) the messages are French, else ``LANGUAGE`` (a list such as
``de:en``) then that locale are searched for a language courselint speaks.  Only the
command line calls :func:`use`; a program that imports courselint gets French.

argparse's own words (``usage:``, ``positional arguments``, its errors) are English
in the standard library; in French they come from ``locale/fr/LC_MESSAGES/argparse``.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "courselint"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("fr", "en")  # French is the language of the code



class _French(gettext.NullTranslations):
    """The code's own language: no catalog, French plural agreement (« 0 mot », « 2 mots »)."""

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n <= 1 else plural


_current: gettext.NullTranslations = _French()
_language = "fr"


def language() -> str:
    """The language messages are written in now (findings cached in one are not served in another)."""
    return _language


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:
    """Marks a French string for the catalog where it is defined (a table read at import,
    before the language is chosen); it is translated where it is shown, with ``_()``."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current.ngettext(singular, plural, count)


def agree(singular: str, plural: str, number: int, **values) -> str:
    """``agree("{count} mot ajouté", "{count} mots ajoutés", n)``: agreed and filled in."""
    return ngettext(singular, plural, number).format(count=number, **values)


def wanted_language(environ: Mapping[str, str] = os.environ) -> str:
    """``"fr"`` or ``"en"``, from the environment, in GNU gettext's order."""
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if _language_of(locale) in ("", "C", "POSIX"):
        return "fr"  # gettext ignores LANGUAGE under the C locale
    for entry in [*environ.get("LANGUAGE", "").split(":"), locale]:
        language = _language_of(entry)
        if language in LANGUAGES:
            return language
    return "fr"


def _language_of(entry: str) -> str:
    code = entry.split(".")[0].split("@")[0]
    return code if code in ("C", "POSIX") else code.split("_")[0].split("-")[0].lower()


def use(language: str) -> None:
    """Speak ``language`` from now on (the command line's choice)."""
    global _current, _language
    _language = language if language in LANGUAGES else "fr"
    if _language == "en":
        _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=["en"], fallback=True)
        _argparse_speaks(None)
    else:
        _current = _French()
        _argparse_speaks(gettext.translation("argparse", LOCALE_DIR, languages=["fr"], fallback=True))


def _argparse_speaks(translation: gettext.NullTranslations | None) -> None:
    """argparse looks its strings up through its module's ``_`` and ``ngettext`` at call time."""
    import argparse

    if translation is None:
        argparse._ = gettext.gettext
        argparse.ngettext = gettext.ngettext
    else:
        argparse._ = translation.gettext
        argparse.ngettext = translation.ngettext
