"""CL401 with the real Hunspell (chunspell) and the shipped dictionaries and word list.

The seed lesson goes through ``document.parse`` and ``check_spelling``; other
cases are small lessons or prose strings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from courselint.document import parse
from courselint.findings import Severity
from courselint.rules.spelling import check_spelling, checker_for
from courselint.spell.acceptance import unknown_words
from courselint.spell.hunspell import SpellChecker, get_checker
from courselint.spell.wordlist import add_word, read_words

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"
FRONT = "---\ntitle: Essai\nweight: 1\n---\n"
DEFAULT = {"suggestions": True}


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return checker_for({})


def findings_of(text: str, checker, config=DEFAULT):
    return list(check_spelling(parse("lecon.md", FRONT + text), config, checker))


def flagged(text: str, checker) -> list[str]:
    return [finding.word for finding in findings_of(text, checker, {"suggestions": False})]


def test_seed_slips_are_flagged_at_their_place_with_the_right_first_suggestion(checker):
    lesson = parse(str(SEED), SEED.read_text(encoding="utf-8"))
    found = [
        (f.line, f.column, f.end_line, f.end_column, f.word, f.suggestions[:1])
        for f in check_spelling(lesson, DEFAULT, checker)
    ]
    assert found == [
        (114, 18, 114, 26, "identiie", ("identifie",)),
        (120, 57, 120, 70, "consomemation", ("consommation",)),
        (149, 100, 149, 105, "coeur", ("cœur",)),
        (187, 46, 187, 55, "péréclité", ("périclité",)),
        (216, 43, 216, 45, "cu", ("du",)),
        (216, 160, 216, 169, "staandard", ("standard",)),
    ]


def test_seed_finding_values(checker):
    lesson = parse(str(SEED), SEED.read_text(encoding="utf-8"))
    first = next(iter(check_spelling(lesson, DEFAULT, checker)))
    assert first.code == "CL401"
    assert first.rule == "spelling.unknown-word"
    assert first.severity is Severity.ERROR
    assert first.message == "Mot inconnu du dictionnaire : « identiie »"
    assert first.path == str(SEED)


SEED_TERMS = (
    "Chroot namespaces cgroups LXC Docker rkt runc containerd cri-o Kubernetes CNCF K8S "
    "Heroku honeypots Sandboxing PIDs chroots Vserver Jails CoreOS OCI adminsys"
)


def test_technical_terms_are_accepted(checker):
    text = f"Les outils : {SEED_TERMS}.\n"
    assert flagged(text, checker) == []


@pytest.mark.parametrize(
    "sentence, slip",
    [
        ("La fusion au sein cu groupe.", "cu"),
        ("Elle fonctionne grace à lui.", "grace"),
        ("Il faut executer le script.", "executer"),
        ("Pour verifier la réponse.", "verifier"),
        ("La mise en oeuvre du projet.", "oeuvre"),
        ("Le traffic du réseau augmente.", "traffic"),
        ("Une video de la démonstration.", "video"),
        ("Au coeur du système.", "coeur"),
        ("Le role du serveur.", "role"),
        ("Un exemple de language simple.", "language"),
    ],
)
def test_french_slips_that_are_english_words_stay_flagged(checker, sentence, slip):
    assert flagged(sentence + "\n", checker) == [slip]


@pytest.mark.parametrize(
    "word", ["environment", "resources", "connection", "developer", "security", "address", "parameters"]
)
def test_english_spellings_of_french_cognates_stay_flagged(checker, word):
    assert flagged(f"Il faut revoir le {word} du projet.\n", checker) == [word]


def test_prefixed_words_that_are_slips_stay_flagged(checker):
    # re + seaux, re + source: but first « réseaux » and « ressource ».
    assert flagged("Les reseaux et la resource.\n", checker) == ["reseaux", "resource"]


def test_listed_expressions_written_with_a_space(checker):
    assert flagged("Le control plane et le load balancer.\n", checker) == []
    assert flagged("Un serveur de control distant.\n", checker) == ["control"]


def test_english_phrases_and_anglicisms_of_the_trade(checker):
    text = (
        "On parle de Red Hat, du *one-liner* et de la méthode out-of-the-box.\n\n"
        "Le loadbalancing et les fonctions deprecated du cluster.\n"
    )
    assert flagged(text, checker) == []


def test_english_function_words_in_english_phrases_even_with_a_french_accented_twin(checker):
    # ``the`` is « thé » without its accent: beside English words it is the article…
    text = 'Suivez « Install using the repository » ; print the stack trace.\n'
    assert flagged(text, checker) == []
    # …and among French words it is still the slip.
    assert flagged("Je bois le the chaud.\n", checker) == ["the"]


def test_whole_families_of_the_word_list(checker):
    text = (
        "Avec print et une boucle while, le module argparse et le débogueur pdb, on avance.\n\n"
        "Le pod demande 250 millicores ; les kubeconfigs, la netpol et les overlays de kustomize suivent.\n\n"
        "La fonction topk de Prometheus, la commande virsh et les pilotes virtio, uwsgi devant galera.\n\n"
        "Déployez portainer puis poussez sur framagit.\n"
    )
    assert flagged(text, checker) == []


@pytest.mark.parametrize(
    "sentence, slip",
    [
        ("Ajoutez-le au group unix.", "group"),
        ("Une fonction capable de filter le dictionnaire.", "filter"),
        ("On entend un echo dans la vallée.", "echo"),
        ("La class de base.", "class"),
        ("Un graph des dépendances.", "graph"),
    ],
)
def test_family_members_one_slip_from_french_are_kept_out(checker, sentence, slip):
    assert flagged(sentence + "\n", checker) == [slip]


def test_capitalised_names_mid_sentence_are_accepted_at_the_start_only_when_far_from_french(checker):
    assert flagged("Nous utilisons Portainer tous les jours.\n", checker) == []
    assert flagged("Portainer est pratique.\n", checker) == []
    # A slip at the start of a sentence stays one edit from its word.
    assert flagged("Falcultatif : lire la suite.\n", checker) == ["Falcultatif"]


def test_words_used_in_the_lesson_code_are_names(checker):
    text = "Lancez dnmonster avec la commande suivante.\n\n```bash\ndocker run dnmonster\n```\n"
    assert flagged(text, checker) == []
    assert flagged("Lancez dnmonster maintenant.\n", checker) == ["dnmonster"]


def test_french_prefixes_and_verbs_of_the_trade(checker):
    text = "Une application multiconteneurs, puis on a loggué et debuggé, tout est hébergeable.\n"
    assert flagged(text, checker) == []


def test_accents_dropped_on_capitals_are_typography_not_spelling(checker):
    assert flagged("Etat des lieux.\n\nEcrire un test.\n", checker) == []


def test_all_caps_words_are_names(checker):
    assert flagged("Les instructions WORKDIR et ENTRYPOINT, ATTENTION.\n", checker) == []


def test_inclusive_writing(checker):
    assert flagged("Les développeur·euses et tou·te·s les étudiant·es.\n", checker) == []


def test_elided_slip_is_reported_without_its_prefix(checker):
    (finding,) = findings_of("Pendant l'execution du script.\n", checker)
    assert (finding.line, finding.column, finding.end_column, finding.word) == (5, 11, 20, "execution")
    assert finding.suggestions[0] == "exécution"


def test_compound_slip_reports_its_part(checker):
    (finding,) = findings_of("C'est peut-etre vrai.\n", checker)
    assert (finding.column, finding.end_column, finding.word) == (12, 16, "etre")


def test_markup_inside_a_word_points_at_the_source(checker):
    (finding,) = findings_of("La con**so**memation des process.\n", checker)
    assert finding.word == "consomemation"
    assert (finding.line, finding.column, finding.end_column) == (5, 4, 21)


def test_front_matter_title_is_checked_and_keys_are_not(checker):
    lesson = parse("lecon.md", "---\ntitle: Une leçon sur la consomemation\nweight: 1\n---\nTexte.\n")
    found = [(f.line, f.word) for f in check_spelling(lesson, DEFAULT, checker)]
    assert found == [(2, "consomemation")]


def test_lesson_words_in_front_matter(checker):
    text = "---\ntitle: Essai\nweight: 1\nspelling_words: [Mirantiz, fooctl]\n---\nMirantiz publie fooctl.\n"
    assert list(check_spelling(parse("l.md", text), DEFAULT, checker)) == []
    text = "---\ntitle: Essai\nweight: 1\nspelling_words: Mirantiz fooctl\n---\nMirantiz publie fooctl.\n"
    assert list(check_spelling(parse("l.md", text), DEFAULT, checker)) == []


def test_project_words_from_config_and_words_file(tmp_path):
    words_file = tmp_path / ".courselint-words.txt"
    words_file.write_text("# mots du cours\nfooctl\n\nbarsvc  # un service\n", encoding="utf-8")
    checker = checker_for({"words": ["quuxdb"], "words_file": str(words_file)})
    assert flagged("Lancez fooctl, barsvc et quuxdb.\n", checker) == []
    assert flagged("Lancez fooctl, barsvc et quuxdb.\n", checker_for({})) == ["fooctl", "barsvc", "quuxdb"]


def test_suggestions_off_leaves_them_empty(checker):
    (finding,) = findings_of("Une consomemation.\n", checker, {"suggestions": False})
    assert finding.suggestions == ()


def test_suggestions_are_lazy_and_memoised():
    checker = SpellChecker()
    assert not checker.check("staandard")
    assert checker._suggested == {}
    assert checker.suggest("staandard") == ("standard",)
    assert "staandard" in checker._suggested
    assert checker.suggest("staandard") is checker.suggest("staandard")


def test_checker_is_loaded_once_per_configuration():
    assert get_checker() is get_checker("toutes-variantes", ["fr"], [])
    assert get_checker(words=["b", "a"]) is get_checker(words=["a", "b"])
    assert get_checker("classique") is not get_checker()


def test_variants():
    everything = get_checker("toutes-variantes")
    classic = get_checker("classique")
    reformed = get_checker("reforme1990")
    assert everything.check("connaitre") and everything.check("connaître")
    assert classic.check("connaître") and not classic.check("connaitre")
    assert reformed.check("connaitre") and not reformed.check("connaître")


def test_english_is_an_opt_in(checker):
    with_english = checker_for({"languages": ["fr", "en"]})
    assert flagged("Elle fonctionne grace à lui.\n", checker) == ["grace"]
    assert flagged("Elle fonctionne grace à lui.\n", with_english) == []


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(ValueError, match="variante"):
        SpellChecker("québécois")


def test_unknown_words_on_plain_prose(checker):
    parts = list(unknown_words("Un mot inconu ici", checker))
    assert [(part.start, part.end, part.word) for part in parts] == [(7, 13, "inconu")]


# --------------------------------------------------------------------- word list file


def test_read_words_ignores_comments_and_blank_lines(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("\ufeff# en-tête\nalpha\n\n  beta  # commentaire\n", encoding="utf-8")
    assert read_words(path) == ["alpha", "beta"]
    assert read_words(tmp_path / "absent.txt") == []


def test_add_word_keeps_the_file_sorted_unique_and_its_header(tmp_path):
    path = tmp_path / ".courselint-words.txt"
    path.write_text("# Mots du projet\n\nzeta\nAlpha\n", encoding="utf-8")
    assert add_word(path, "beta") is True
    assert add_word(path, "beta") is False
    assert add_word(tmp_path / "new.txt", "gamma") is True
    assert path.read_text(encoding="utf-8") == "# Mots du projet\n\nAlpha\nbeta\nzeta\n"
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "gamma\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".courselint-words.txt", "new.txt"]


def test_add_word_refuses_what_is_not_one_word(tmp_path):
    with pytest.raises(ValueError):
        add_word(tmp_path / "w.txt", "deux mots")


# --------------------------------------------------------------------- through the CLI


def test_cli_reports_cl401_in_json_and_honours_suppressions(tmp_path):
    (tmp_path / "courselint.toml").write_text('paths = ["."]\n', encoding="utf-8")
    lesson = tmp_path / "lecon.md"
    lesson.write_text(
        FRONT + "Une consomemation.\n\n<!-- courselint: disable-next-line=CL401 -->\nUne staandard.\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "lecon.md", "--select", "CL401", "--format", "json", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"], f["column"], f["word"], f["suggestions"]) for f in findings] == [
        ("CL401", 5, 5, "consomemation", ["consommation"])
    ]
