"""The ``courselint`` program (``python -m courselint``, and the installed script)."""

import sys


def run() -> None:
    # First of all, before the command line's imports (some 25 ms the load then
    # overlaps): a check of a whole course starts loading the French dictionary
    # on a thread (spell/preload.py).
    from courselint.spell import preload

    preload.dictionary_ahead(sys.argv[1:])

    from courselint.cli import console

    console()


if __name__ == "__main__":
    run()
