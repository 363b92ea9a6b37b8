"""All rule modules; importing this package fills :data:`courselint.rules.base.RULES`.

The list is literal so that it can be read and grepped: a new rule module is added here.
"""

from courselint.rules import input  # noqa: F401  (CL0xx)
from courselint.rules.base import RULES, Rule, make_finding, rule

_OPTIONAL = ("frontmatter", "timeline", "factors", "slides", "spelling", "grammar", "translation")

import importlib as _importlib

for _name in _OPTIONAL:
    try:
        _importlib.import_module(f"courselint.rules.{_name}")
    except ModuleNotFoundError as _exc:  # modules still being written
        if _exc.name != f"courselint.rules.{_name}":
            raise

__all__ = ["RULES", "Rule", "make_finding", "rule"]
