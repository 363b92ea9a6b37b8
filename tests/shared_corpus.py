"""Where the real content shared by every stop is: ``../shared`` beside the repository.

A worktree outside ``/work`` (a helper's) finds it in ``/work/shared``.  The one
place the tests look for it, so that a move of the corpus is one change.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = next((path for path in (REPO.parent / "shared", Path("/work/shared")) if path.is_dir()), REPO.parent / "shared")
#: The bilingual Hugo site (MIT): its ``content/`` holds French and English pages.
LEARN_SITE = SHARED / "corpus" / "hugo-learn-example"
