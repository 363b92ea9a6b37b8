"""The rule modules; importing this package attaches every check to its code.

The list is literal so that it can be read and grepped: a new rule module is added
here.  Codes themselves (names, severities, summaries) live in :mod:`courselint.codes`.
"""

from courselint.rules import factors, frontmatter, grammar, slides, spelling, text, timeline, translation  # noqa: F401
from courselint.rules.base import RULES, Rule, rule

__all__ = ["RULES", "Rule", "rule"]
