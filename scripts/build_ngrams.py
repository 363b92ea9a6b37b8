"""Build ``src/courselint/data/fr-4grams.txt`` from the shipped French dictionary.

Every sequence of four characters (with ``^`` and ``$`` marking the ends of a word)
that occurs in a form the "toutes variantes" dictionary accepts.  The spelling engine uses it to
skip, without asking Hunspell, the one-edit candidates that cannot be French words
(``consomqmation``): a Hunspell lookup costs about 40 µs, an n-gram test well under
one (four characters let through 5 % of the candidates of a typical slip,
three let through 27 %).  "Toutes variantes" accepts the forms of the other two variants, so one table
serves them all.

Needs Debian's ``hunspell-tools`` (``unmunch``)::

    apt-get install hunspell-tools
    python scripts/build_ngrams.py
"""

from __future__ import annotations

import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "courselint" / "data"


N = 4


def ngrams(word: str) -> set[str]:
    marked = f"^{word}$"
    return {marked[i : i + N] for i in range(len(marked) - N + 1)}


def main() -> None:
    dic = DATA / "fr-toutes-variantes.dic"
    aff = DATA / "fr-toutes-variantes.aff"
    forms = subprocess.run(
        ["unmunch", str(dic), str(aff)], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")
    table: set[str] = set()
    for line in forms.splitlines():
        word = line.split("\t")[0].split(" ")[0].split("/")[0].strip().lower()
        if not word:
            continue
        # Elided forms (« l'arbre ») also count without their prefix: we check the word.
        for form in {word, word.rsplit("'", 1)[-1]}:
            table |= ngrams(form)
    header = f"# {N}-grams of every form of fr-toutes-variantes (see scripts/build_ngrams.py)\n"
    (DATA / f"fr-{N}grams.txt").write_text(header + "\n".join(sorted(table)) + "\n", encoding="utf-8")
    print(f"{len(table)} {N}-grams")


if __name__ == "__main__":
    main()
