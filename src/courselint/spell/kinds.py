"""Why the spelling pass reports a word: plain names, importable without the dictionaries.

The rules map each kind to a code and a message; the process that only reads the
answers of the spelling child (spell/preload.py) needs these names and nothing
of Hunspell (importing it costs 15–20 ms of a one-lesson run).
"""

from __future__ import annotations

UNKNOWN = "unknown"  # no dictionary knows it
LIGATURE = "ligature"  # a French word written without its ligature (``noeud``)
FRENCH_SLIP = "french-slip"  # known as English or technical, a slip in this French sentence (``les roles``)
