"""Grammar engines (Grammalecte, LanguageTool) behind one small protocol (:mod:`.base`).

Spelling lives in :mod:`courselint.spell`; these engines read the same masked prose
and report grammar and typography issues with offsets in that prose.
"""

#: The interpreter that imports Grammalecte: Debian's ``python3-grammalecte``
#: installs into the system Python, not into courselint's virtual environment.
DEFAULT_PYTHON = "/usr/bin/python3"
