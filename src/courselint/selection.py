"""Which rules a run checks: ``--select``/``--ignore`` and the configuration's lists.

Kept apart from :mod:`courselint.engine` so that the command line can decide,
before importing the engine, whether the spelling rule will run (see
:mod:`courselint.spell.preload`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from courselint.messages import _


def split_codes(values) -> list[str]:
    """The codes of ``--select``/``--ignore`` values, each a comma-separated list."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


class UsageError(Exception):
    """A bad path or option given by the user (exit status 2)."""


@dataclass(frozen=True)
class Selection:
    """Which codes run: the most specific matching prefix (or rule name) wins."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _match(code: str, name: str, patterns: tuple[str, ...]) -> int:
        best = -1
        for pattern in patterns:
            if pattern.upper().startswith("CL") and code.startswith(pattern.upper()):
                best = max(best, len(pattern))
            elif pattern == name or pattern.upper() == "ALL":
                best = max(best, len(pattern) if pattern != "ALL" else 0)
        return best

    def enabled(self, code: str, name: str = "") -> bool:
        chosen = self._match(code, name, self.select) if self.select else 0
        if chosen < 0:
            return False
        ignored = self._match(code, name, self.ignore)
        return ignored < 0 or chosen > ignored

    def validate(self, known: Iterable[tuple[str, str]]) -> None:
        known = list(known)
        for pattern in (*self.select, *self.ignore):
            if pattern.upper() == "ALL":
                continue
            if not any(
                code.startswith(pattern.upper()) or name == pattern for code, name in known
            ):
                raise UsageError(_("code ou règle inconnu : {pattern!r}").format(pattern=pattern))
