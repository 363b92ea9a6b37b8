"""Spelling that reads the sentence (issue 14), with the real Hunspell and shipped lists.

Every example sentence of the issue is pinned here, flagged or accepted, with its
first suggestion.  Expected corrections are the French words a reader writes
(Le Robert / the French dictionary), not values read back from the code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from courselint.document import parse
from courselint.findings import Severity
from courselint.rules.spelling import check_spelling, checker_for
from courselint.spell.edits import slip_cost

FRONT = "---\ntitle: Essai\nweight: 1\n---\n"


@pytest.fixture(scope="module")
def checker():
    return checker_for({})


def findings(text: str, checker) -> list[tuple[str, str, str | None]]:
    """``(code, word, first suggestion)`` of every spelling finding of a lesson body."""
    lesson = parse("lecon.md", FRONT + text + "\n")
    return [
        (f.code, f.word, f.suggestions[0] if f.suggestions else None)
        for f in check_spelling(lesson, {"suggestions": True}, checker)
        if f.line > FRONT.count("\n")
    ]


# ------------------------------------------------------ slips the context reveals


@pytest.mark.parametrize(
    "sentence, word, correction",
    [
        # Accepted before only because the technical list holds the form (Ansible roles).
        ("Pour cela, il faut utiliser les roles.", "roles", "rôles"),
        ("On écrit des roles et des playbooks.", "roles", "rôles"),
        # English, and no French word one letter away: it passed as a term of the trade.
        ("Rechercher et analyzer dans Elasticsearch.", "analyzer", "analyser"),
        ("Regardez la video du cours.", "video", "vidéo"),
        ("Une demo du cluster suit.", "demo", "démo"),
    ],
)
def test_words_known_as_english_or_technical_are_slips_in_a_french_sentence(checker, sentence, word, correction):
    assert findings(sentence, checker) == [("CL401", word, correction)]


@pytest.mark.parametrize(
    "sentence, word, correction",
    [
        ("Le traffic réseau passe par le proxy.", "traffic", "trafic"),
        ("Voici un example de configuration.", "example", "exemple"),
        ("La connection est refusée.", "connection", "connexion"),
        ("Les addresses des serveurs changent.", "addresses", "adresses"),
        ("Les enterprises utilisent ce logiciel.", "enterprises", "entreprises"),
        ("Le role du serveur est central.", "role", "rôle"),
        ("Regardez la video du cours.", "video", "vidéo"),
    ],
)
def test_anglicisms_get_their_french_word_first(checker, sentence, word, correction):
    assert findings(sentence, checker) == [("CL401", word, correction)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lancez `ansible-galaxy install` puis listez `roles/` : le dossier `roles` est créé.",  # code
        "Les Ansible roles sont partagés sur Galaxy.",  # after a name: an English phrase
        "Le dépôt Roles contient les exemples.",  # capitalised mid-sentence: a name
        "On publie les *roles* sur Galaxy.",  # italics: a foreign word
        "Envoyez un email avec git commit.",  # marked only technical (data/tech-only-fr.txt)
    ],
)
def test_technical_words_stay_accepted_outside_french_prose(checker, sentence):
    assert findings(sentence, checker) == []


def test_a_project_or_lesson_that_lists_the_word_keeps_it():
    from courselint.spell.hunspell import SpellChecker

    assert findings("Il faut utiliser les roles.", SpellChecker(words=["roles"])) == []
    lesson = "---\ntitle: Essai\nweight: 1\nspelling_words: [roles]\n---\nIl faut utiliser les roles.\n"
    assert list(check_spelling(parse("lecon.md", lesson), {"suggestions": True}, checker_for({}))) == []


# ----------------------------------------------------------------- English phrases


@pytest.mark.parametrize(
    "text",
    [
        "Lisez [Kubernetes the hard way](https://github.com/kelseyhightower/kubernetes-the-hard-way) d'abord.",
        "Le fameux « it works on my machine » des développeurs.",
        "Le rapport « State of DevOps Report » de 2019 le montre.",
        "## Kubernetes the hard way",
    ],
)
def test_english_phrases_are_accepted(checker, text):
    assert findings(text, checker) == []


def test_a_lone_english_word_in_french_prose_is_no_phrase(checker):
    # « the » beside French words is « thé » without its accent.
    assert findings("Nous buvons du the chaud.", checker) == [("CL401", "the", "thé")]


def test_french_function_words_end_an_english_run(checker):
    # « et » is English too (« et al. »), but « roles et tasks » is a French clause.
    assert findings("Les roles et tasks du playbook.", checker) == [("CL401", "roles", "rôles")]


def test_french_before_lorem_ipsum_in_its_paragraph_is_still_read(checker):
    text = "Remplacez ce tecxte : Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    assert findings(text, checker) == [("CL401", "tecxte", "texte")]


def test_lorem_ipsum_is_not_french_prose_but_the_next_paragraph_is(checker):
    text = (
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua.\n\nCe paragraphe parle de consomemation."
    )
    assert findings(text, checker) == [("CL401", "consomemation", "consommation")]


# ----------------------------------------------------------- ligatures (CL402)


@pytest.mark.parametrize(
    "sentence, word, form",
    [
        ("Chaque noeud du cluster exécute un kubelet.", "noeud", "nœud"),
        ("Les noeuds sont prêts.", "noeuds", "nœuds"),
        ("Une mise en oeuvre simple.", "oeuvre", "œuvre"),
        ("Au coeur du système.", "coeur", "cœur"),
        ("Oeuvre collective.", "Oeuvre", "Œuvre"),
    ],
)
def test_missing_ligatures_are_a_typography_finding(checker, sentence, word, form):
    assert findings(sentence, checker) == [("CL402", word, form)]


def test_ligature_finding_is_a_warning_with_its_form_even_without_suggestions(checker):
    lesson = parse("lecon.md", FRONT + "Au coeur du système.\n")
    (finding,) = check_spelling(lesson, {"suggestions": False}, checker)
    assert (finding.code, finding.rule, finding.severity) == ("CL402", "spelling.ligature", Severity.WARNING)
    assert finding.suggestions == ("cœur",)
    assert finding.message == "Ligature manquante : « coeur » s'écrit « cœur »"


# ------------------------------------------------------------------ suggestions


@pytest.mark.parametrize(
    "sentence, word, correction",
    [
        ("La valeur est controllé par le serveur.", "controllé", "contrôlé"),
        ("Les options spéciques au module.", "spéciques", "spécifiques"),
        ("Le nom de la configurationde base.", "configurationde", "configuration de"),
        # Its only one-edit neighbour is the English ``controller`` of the technical list.
        ("Le controlleur agit au niveau HTTP.", "controlleur", "contrôleur"),
        # Forms unmunch dropped from the tables until stop 25.
        ("Le problème est resolu.", "resolu", "résolu"),
        ("Une distance de trois kilometres.", "kilometres", "kilomètres"),
        # ``examoles`` (exa-moles) is a form a keyboard slip away: a rare prefixed unit ranks last.
        ("Voici quelques examples de code.", "examples", "exemples"),
    ],
)
def test_suggestions_find_the_word(checker, sentence, word, correction):
    assert findings(sentence, checker) == [("CL401", word, correction)]


def test_a_french_word_of_the_trade_one_slip_away_ends_the_search(checker):
    """The two-edit search runs when the only close words are English words of the
    technical list (``controlleur`` → ``controller``: see above), not when one is a
    French word of it (``formatage``, ``itérateur`` are listed too)."""
    assert checker.suggest("formattage") == ("formatage",)
    assert checker.suggest("iterateur") == ("itérateur",)
    assert checker.suggest("controlleur")[:2] == ("contrôleur", "controller")


@pytest.mark.parametrize(
    "typed, meant, cost",
    [
        ("coeur", "cœur", 0.0),  # a ligature counts as its letters
        ("controle", "contrôle", 0.25),  # one accent
        ("controllé", "contrôlé", 0.75),  # an accent and a doubled letter
        ("spéciques", "spécifiques", 2.0),  # two letters dropped
        ("spéciques", "scéniques", 3.0),  # two letters replaced, far on the keyboard
        ("analyzer", "analyser", 1.0),  # z and s are neighbouring keys
    ],
)
def test_slip_cost(typed, meant, cost):
    assert slip_cost(typed, meant) == pytest.approx(cost)


# ------------------------------------------------------- the command line (CL402)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "COURSELINT_NO_PRELOAD": ""}
    return subprocess.run(
        [sys.executable, "-m", "courselint", *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    chapter = tmp_path / "content" / "chap"
    chapter.mkdir(parents=True)
    (chapter / "_index.md").write_text("---\ntitle: Chapitre\n---\n", encoding="utf-8")
    (chapter / "lecon.md").write_text(FRONT + "\nChaque noeud du cluster tourne.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "config, status, severities",
    [
        ('paths = ["content"]\n', 0, ["warning"]),
        ('paths = ["content"]\n[severity]\nCL402 = "error"\n', 1, ["error"]),
        ('paths = ["content"]\nignore = ["spelling.ligature"]\n', 0, []),
    ],
)
def test_a_course_sets_the_ligature_finding_to_warning_error_or_off(course, config, status, severities):
    (course / "courselint.toml").write_text(config, encoding="utf-8")
    result = run("check", "--no-cache", "--format", "json", "content/chap/lecon.md", cwd=course)
    assert result.returncode == status, result.stderr
    reported = [item for item in json.loads(result.stdout) if item["code"] == "CL402"]
    assert [item["severity"] for item in reported] == severities
    assert all(item["suggestions"][:1] == ["nœud"] for item in reported)


def test_a_french_slip_keeps_its_capital_whatever_was_met_before():
    """« Demo » opening a sentence is « Démo », first and once, whether or not the
    run met « demo » before: the answer was memoised lowercase, so a lesson's
    suggestion depended on the lessons checked before it (and on the workers)."""
    from courselint.spell.hunspell import SpellChecker

    text = "Demo de la fonctionnalité avec les roles du cluster."
    fresh = findings(text, SpellChecker())
    warmed_checker = SpellChecker()
    findings("Une demo de la fonctionnalité et les roles.", warmed_checker)
    warmed = findings(text, warmed_checker)
    assert fresh == warmed
    lesson = parse("lecon.md", FRONT + text + "\n")
    [demo] = [f for f in check_spelling(lesson, {"suggestions": True}, warmed_checker) if f.word == "Demo"]
    assert demo.suggestions[0] == "Démo" and "démo" not in demo.suggestions
