"""spell/dictionary.py: the French dictionary through Hunspell's C API, loaded ahead on a thread.

Real Hunspell on both sides: chunspell's ``Hunspell`` and the C API of the library
its wheel ships must give the same answers, since the checker uses the second
where it can.
"""

from __future__ import annotations

import threading

import hunspell as chunspell
import pytest

from courselint.spell import dictionary
from courselint.spell.dictionary import DEFAULT_VARIANT, VARIANTS, data_dir

WORDS = [
    "maison", "Maison", "MAISON", "l'arbre", "L'arbre", "aujourd'hui", "peut-être", "connaître", "connaitre",
    "consomemation", "staandard", "œuvre", "oeuvre", "Docker", "kubernetes", "qu'il", "un·e", "entré·e",
    "porte-monnaie", "1979", "résolu", "ÉTAT", "Etat", "naïve", "x", "",
]

pytestmark = pytest.mark.skipif(not dictionary._library(), reason="chunspell's wheel holds no Hunspell library here")


def _loading_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("courselint-") and thread.is_alive()]


@pytest.fixture(scope="module")
def both():
    return dictionary.load(DEFAULT_VARIANT), chunspell.Hunspell(VARIANTS[DEFAULT_VARIANT], hunspell_data_dir=str(data_dir()))


def test_the_c_api_answers_as_chunspell(both):
    ours, theirs = both
    assert type(ours) is not chunspell.Hunspell  # the C API's, where the wheel has the library
    assert [ours.spell(word) for word in WORDS] == [theirs.spell(word) for word in WORDS]
    assert ours.spell("maison") and not ours.spell("consomemation")


def test_suggestions_and_added_words_as_chunspell(both):
    ours, theirs = both
    # Hunspell's own search stops on a time limit (its results depend on the load):
    # only a swap it finds in its first, quick step is compared.
    assert "maison" in ours.suggest("maisno") and "maison" in theirs.suggest("maisno")
    assert all(isinstance(word, str) for word in ours.suggest("consomemation"))
    for handle in both:
        handle.add("zorglubien")
        handle.add_with_affix("kubernétiser", "organiser")
    for word in ("zorglubien", "kubernétiser", "kubernétisons", "kubernétisé"):
        assert ours.spell(word) == theirs.spell(word) is True


def test_a_dictionary_loaded_ahead_on_a_thread_is_taken_once():
    dictionary.wait()
    dictionary._loaded.pop(DEFAULT_VARIANT, None)
    dictionary.load_ahead(DEFAULT_VARIANT)
    loading = [t for t in threading.enumerate() if t.name == f"courselint-{DEFAULT_VARIANT}"]
    assert loading  # on a thread, the call returned at once
    taken = dictionary.take(DEFAULT_VARIANT)
    assert taken is not None and taken.spell("maison") and not taken.spell("staandard")
    assert dictionary.take(DEFAULT_VARIANT) is None  # each checker adds its own words: never shared


def test_wait_leaves_no_loading_thread_for_a_fork():
    dictionary.load_ahead(DEFAULT_VARIANT)
    dictionary.wait()
    assert not _loading_threads()
    assert dictionary.take(DEFAULT_VARIANT) is not None


def test_a_missing_file_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(FileNotFoundError):
        dictionary._Dictionary(tmp_path / "none.aff", tmp_path / "none.dic")


def test_the_spelling_child_is_forked_with_no_loading_thread():
    """A program that checked a folder, then checks one lesson: the fork waits for the load."""
    from courselint.spell.preload import PreloadedSpeller

    dictionary.wait()
    dictionary._loaded.pop(DEFAULT_VARIANT, None)
    dictionary.load_ahead(DEFAULT_VARIANT)
    speller = PreloadedSpeller()
    try:
        assert not _loading_threads()
    finally:
        speller.close()
    assert dictionary.take(DEFAULT_VARIANT) is not None


def test_workers_are_not_forked_with_a_dictionary_the_run_does_not_use(tmp_path):
    """Loaded ahead for the default variant; a course configured for another, or with
    no spelling pass, does not carry it into its workers."""
    from courselint import config as config_module
    from courselint.selection import Selection
    from courselint.spell import preload

    for settings, selection, kept in (
        ("", Selection(), True),
        ('[spelling]\nvariant = "classique"\n', Selection(), False),
        ("", Selection(select=("CL1",)), False),
    ):
        (tmp_path / "courselint.toml").write_text(settings, encoding="utf-8")
        config = config_module.load(tmp_path / "courselint.toml")
        dictionary.load_ahead(DEFAULT_VARIANT)
        preload.before_workers(config, selection)
        assert not _loading_threads()
        assert (dictionary.take(DEFAULT_VARIANT) is not None) is kept, settings


def test_workers_are_forked_with_the_spelling_tables_read_when_the_run_spells(tmp_path):
    """The tables every checker shares are read before the fork (while the dictionary
    loads), so that each worker does not read its own; not for a run without spelling."""
    from courselint import config as config_module
    from courselint.selection import Selection
    from courselint.spell import english, forms, preload

    loaders = (
        forms._load_tables, forms._load_tries, forms._load_near, forms._load_keepcase, forms._load_elisions,
        english.load_table,
    )
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    for selection, read in ((Selection(select=("CL1",)), False), (Selection(), True)):
        for loader in loaders:
            loader.cache_clear()
        preload.before_workers(config, selection)
        assert [loader.cache_info().currsize > 0 for loader in loaders] == [read] * len(loaders), selection
