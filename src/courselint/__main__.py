"""The ``courselint`` program (``python -m courselint``, and the installed script)."""

import sys


def run() -> None:
    # First of all, before the command line's imports (some 25 ms that the
    # dictionary's load or Grammalecte's start-up then overlaps): see ahead.py.
    from courselint import ahead

    ahead.start(sys.argv[1:])

    from courselint.cli import console

    console()


if __name__ == "__main__":
    run()
