"""Command line: ``main(argv) -> int``; the only module that prints or exits.

Exit status: 0 no error finding, 1 at least one error finding, 2 usage or
configuration error (one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

from courselint import __version__
from courselint.messages import _, agree

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process killed by SIGPIPE


class _UsageExit(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise _UsageExit(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="courselint",
        description=_("Vérifie et traduit les leçons Markdown d'un cours en français (Hugo)."),
    )
    parser.add_argument(
        "--version", action="version", version=f"courselint {__version__}", help=_("afficher la version et quitter")
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar=_("COMMANDE"), title=_("commandes"))

    def common(sub):
        sub.add_argument("paths", nargs="*", type=Path, metavar=_("CHEMIN"), help=_("fichiers ou dossiers (défaut : les `paths` configurés)"))
        sub.add_argument("--config", type=Path, help=_("fichier de configuration (courselint.toml ou pyproject.toml)"))

    from courselint.reporters import FORMATS

    def selecting(sub):
        sub.add_argument("--select", action="append", help=_("codes à vérifier (préfixes : CL4, CL302)"))
        sub.add_argument("--ignore", action="append", help=_("codes à ignorer (préfixes)"))
        sub.add_argument("--jobs", type=int, default=0, help=_("processus en parallèle (0 : un par cœur)"))
        sub.add_argument("--no-cache", action="store_true", help=_("ne pas lire ni écrire le cache"))

    check = commands.add_parser("check", help=_("vérifier des leçons et des catalogues"))
    common(check)
    selecting(check)
    check.add_argument("--format", choices=FORMATS, default="text", help=_("format du rapport (défaut : text)"))
    check.add_argument("--output", type=Path, help=_("écrire le rapport dans ce fichier"))
    check.add_argument("--quiet", action="store_true", help=_("n'afficher que les problèmes"))
    check.add_argument(
        "--no-baseline", action="store_true", help=_("signaler aussi les problèmes enregistrés dans la base")
    )
    check.add_argument("--fix", action="store_true", help=_("appliquer les corrections sûres, puis vérifier"))
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help=_("appliquer aussi la première suggestion des autres corrections (relisez le résultat)"),
    )
    check.add_argument(
        "--diff", metavar=_("RÉVISION"), help=_("ne signaler que les lignes modifiées depuis cette révision git")
    )

    baseline = commands.add_parser(
        "baseline", help=_("enregistrer les problèmes actuels dans la base (check ne signalera que les nouveaux)")
    )
    common(baseline)
    selecting(baseline)

    extract = commands.add_parser("extract", help=_("extraire les textes vers les catalogues gettext"))
    common(extract)
    extract.add_argument("--locale", action="append", default=None, help=_("langue à fusionner (ex. en)"))
    extract.add_argument("--no-merge", action="store_true", help=_("ne mettre à jour que les modèles .pot"))
    extract.add_argument(
        "--fail-on-change",
        action="store_true",
        help=_("sortir avec le statut 1 quand un catalogue a été écrit (hook pre-commit)"),
    )
    extract.add_argument(
        "--prune", action="store_true", help=_("supprimer les catalogues dont la leçon n'existe plus (CL615)")
    )
    extract.add_argument(
        "--no-memory", action="store_true", help=_("ne pas préremplir depuis les autres catalogues de la langue")
    )

    build = commands.add_parser("build", help=_("construire les leçons traduites"))
    common(build)
    build.add_argument("--locale", action="append", default=None, help=_("langue à construire (ex. en)"))
    build.add_argument(
        "--min-translated",
        type=float,
        default=None,
        metavar=_("POURCENT"),
        help=_("ne construire que les leçons traduites à ce pourcentage au moins"),
    )
    build.add_argument(
        "--fail-on-change",
        action="store_true",
        help=_("sortir avec le statut 1 quand une leçon traduite a été écrite (hook pre-commit)"),
    )

    stats = commands.add_parser("stats", help=_("état des traductions"))
    common(stats)
    stats.add_argument("--locale", action="append", default=None, help=_("langue à compter (ex. en)"))
    stats.add_argument("--format", choices=("text", "json", "svg"), default="text", help=_("format (défaut : text)"))
    stats.add_argument(
        "--output", type=Path, default=None, metavar=_("DOSSIER"),
        help=_("svg : dossier où écrire un badge par langue (translation-LANGUE.svg ; défaut : dossier courant)"),
    )

    add_word = commands.add_parser("add-word", help=_("ajouter des mots à la liste du projet"))
    add_word.add_argument("words", nargs="*", metavar=_("MOT"), help=_("mots à ajouter"))
    add_word.add_argument(
        "--from", dest="from_file", type=Path, metavar=_("FICHIER"), help=_("ajouter les mots d'une liste relue (un par ligne)")
    )
    add_word.add_argument("--config", type=Path, help=_("fichier de configuration (courselint.toml ou pyproject.toml)"))

    words = commands.add_parser(
        "words", help=_("revoir les mots inconnus : fréquence, exemple, suggestions, fautes probables")
    )
    common(words)
    words.add_argument("--format", choices=("text", "json"), default="text", help=_("format (défaut : text)"))
    words.add_argument("--jobs", type=int, default=0, help=_("processus en parallèle (0 : un par cœur)"))

    rules = commands.add_parser("rules", help=_("lister les règles, ou expliquer un code"))
    rules.add_argument("code", nargs="?", metavar="CODE", help=_("un code (CL401) : son explication et des exemples"))

    lsp = commands.add_parser("lsp", help=_("serveur de langage (LSP) pour les éditeurs, sur l'entrée/sortie standard"))
    lsp.add_argument("--stdio", action="store_true", help=_("accepté pour les clients qui le passent (défaut)"))
    return parser


def main(argv: list[str] | None = None) -> int:
    from courselint import ahead

    # A check of a few lessons: the speller's child was forked, and Grammalecte's
    # started, before this module's imports (courselint/__main__.py), or are now.
    speller = ahead.take(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv, speller)
    except BrokenPipeError:
        # `courselint check | head -1`: the reader left, which is no error of ours.
        # Point stdout at /dev/null so that the interpreter's final flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    finally:
        if speller is not None:
            speller.close()
        _discard_grammar_ahead()


def console() -> None:
    """The ``courselint`` program (called by ``courselint.__main__.run``): :func:`main`, then exit.

    Once the command is done, its output's last buffer is written (a full disk is
    exit 2 with its reason, a closed pipe 141, as the interpreter's own final flush
    would not say), the exit handlers run (one stops a Grammalecte child), and the
    interpreter's teardown, which only frees memory object by object (the spelling
    tables, the memos, the parsed lessons: 20 to 35 ms of a 0.2 s check of one
    lesson), is skipped.  In-process callers (tests) call :func:`main`.
    """
    import atexit

    code = main()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # not CPython: the ordinary exit
        raise SystemExit(code)
    try:
        if not sys.stdout.closed:  # the language server's is, once it has returned
            sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    except OSError as exc:
        code = _environment_error(exc)
    run_exit_handlers()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _discard_grammar_ahead() -> None:
    """Kill a Grammalecte child started ahead that the run did not take (never imported: none)."""
    child = sys.modules.get("courselint.grammar.child")
    if child is not None:
        child.discard_ahead()


def _main(argv: list[str] | None, speller) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageExit as exc:
        print(_("courselint: erreur : {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE

    from courselint.config import ConfigError
    from courselint.markdown import silence_rule_logging
    from courselint.selection import UsageError  # not the engine's: its imports take 50 ms

    if args.command in ("check", "baseline", "words", "extract", "build", "stats", "lsp"):  # the commands that parse lessons
        silence_rule_logging()
    try:
        if args.command == "check":
            return _check(args, speller)
        handler = {
            "baseline": _baseline,
            "extract": _extract,
            "build": _build,
            "stats": _stats,
            "add-word": _add_word,
            "words": _words,
            "rules": _rules,
            "lsp": _lsp,
        }[args.command]
        return handler(args)
    except (ConfigError, UsageError) as exc:
        print(_("courselint: erreur : {reason}").format(reason=_one_line(str(exc))), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except OSError as exc:
        return _environment_error(exc)
    except KeyboardInterrupt:
        print(_("courselint: interrompu"), file=sys.stderr)
        return 130


# --------------------------------------------------------------------------- helpers


def _environment_error(exc: OSError) -> int:
    """Disk full, read-only folder, missing output folder: the environment, not the
    lessons.  Exit 1 would read as "findings"."""
    where = f" : {exc.filename}" if exc.filename else ""
    reason = _one_line((exc.strerror or str(exc)) + where)
    print(_("courselint: erreur : {reason}").format(reason=reason), file=sys.stderr)
    return EXIT_USAGE


def _one_line(text: str) -> str:
    from courselint.reporters import printable

    return printable(text)


def _load_config(args):
    from courselint import config as config_module

    paths = getattr(args, "paths", None) or []
    start = paths[0] if paths else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    config = config_module.load(args.config, start=start)
    for warning in config.warnings:
        print(f"courselint: avertissement : {warning}", file=sys.stderr)
    return config


def _default_paths(config, include_catalogs: bool) -> list[Path]:
    from courselint.engine import UsageError

    paths = [config.root / p for p in config["paths"]]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(_("chemin configuré introuvable : {path}").format(path=missing[0]))
    if include_catalogs:
        locales_dir = config.root / config.section("i18n")["locales_dir"]
        if locales_dir.is_dir():
            paths.append(locales_dir)
    cwd = Path.cwd()
    return [_relative(p, cwd) for p in paths]


def _relative(path: Path, base: Path) -> Path:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base))
    except ValueError:
        return path


def _show_progress() -> bool:
    if os.environ.get("PRE_COMMIT") or os.environ.get("CI"):
        return False
    return sys.stderr.isatty()


def _progress_printer():
    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write("\r" + _("{done}/{total} fichiers vérifiés").format(done=done, total=total) + end)
        sys.stderr.flush()

    return show


def _color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _write_atomic(path: Path, text: str) -> None:
    from courselint.fileio import write_text_atomic

    write_text_atomic(path, text)


# --------------------------------------------------------------------------- commands


def _selection(args, config):
    from courselint.selection import Selection, UsageError, split_codes

    if args.jobs < 0:
        raise UsageError(_("--jobs doit être positif ou nul"))
    return Selection(
        tuple(split_codes(args.select) or config["select"]),
        tuple(split_codes(args.ignore) + list(config["ignore"])),
    )


def _check(args, speller=None) -> int:
    from courselint.spell import preload

    config = _load_config(args)
    selection = _selection(args, config)
    engines = {}
    if preload.few_lessons(args.paths):
        from courselint.rules.grammar import start_early

        engines.update(start_early(config, selection))
    if speller is not None:
        if preload.wanted(args.paths, config, selection):
            speller.configure(preload.spelling_settings(config))
            engines[preload.SPELLER] = speller
        else:
            speller.close()
            speller = None
    _discard_grammar_ahead()  # started for a run that turns out not to want it
    return _run_check(args, config, selection, engines)


def _run(args, config, selection, engines=None, *, progress: bool = False):
    """Check the lessons; ``engines``: started ahead (``engine.run``), by name."""
    from courselint import engine

    paths = args.paths or _default_paths(config, include_catalogs=True)
    return engine.run(
        paths,
        config,
        selection,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        progress=_progress_printer() if progress else None,
        engines=engines or None,
    )


def _run_check(args, config, selection, engines) -> int:
    from courselint import reporters

    changed = None
    if args.diff:  # read before fixing: the fixes are changes too
        from courselint.changes import DiffError, changed_lines
        from courselint.selection import UsageError

        try:
            changed = changed_lines(args.diff, config.root)
        except DiffError as exc:
            raise UsageError(str(exc)) from None
    show = not args.quiet and _show_progress()
    result = _run(args, config, selection, engines, progress=show)
    if args.fix or args.unsafe_fixes:
        fixed = _apply_fixes(result.findings, unsafe=args.unsafe_fixes)
        if fixed:
            print(agree("{count} correction appliquée", "{count} corrections appliquées", fixed), file=sys.stderr)
            result = _run(args, config, selection, engines)  # what remains, as the files now are
    findings = result.findings
    if changed is not None:
        from courselint.changes import on_changed_lines

        findings = on_changed_lines(findings, changed)
    baselined = 0
    if not args.no_baseline:
        findings, baselined = _without_baseline(findings, config)
    summary = reporters.Summary(result.lessons, result.catalogs, result.cached, baselined)
    write = reporters.get(args.format)
    if args.output:
        buffer = io.StringIO()
        write(findings, summary, buffer)
        _write_atomic(args.output, buffer.getvalue())
        if args.format != "text" and not args.quiet:
            from courselint.reporters.text import summary_line

            print(summary_line(findings, summary), file=sys.stderr)
    elif args.format == "text" and args.quiet:
        from courselint.reporters.text import format_finding

        for finding in findings:
            print(format_finding(finding, _color(sys.stdout)))
    else:
        write(findings, summary, sys.stdout, color=_color(sys.stdout))
    return EXIT_FINDINGS if any(f.severity.value == "error" for f in findings) else EXIT_OK


def _apply_fixes(findings, *, unsafe: bool) -> int:
    """Apply the chosen fix of each finding, file by file; the number of fixes applied."""
    from collections import defaultdict

    from courselint.document import decode
    from courselint.fileio import write_bytes_if_changed
    from courselint.fixes import apply_edits, chosen_fixes

    by_path = defaultdict(list)
    for finding in findings:
        if finding.fixes:
            by_path[finding.path].append(finding)
    applied = 0
    for path, items in sorted(by_path.items()):
        chosen = chosen_fixes(items, unsafe=unsafe)
        if not chosen:
            continue
        text, bom = decode(Path(path).read_bytes())  # a file with findings was read as a lesson
        fixed = apply_edits(text, [edit for _finding, fix in chosen for edit in fix.edits])
        if write_bytes_if_changed(Path(path), (b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8")):
            applied += len(chosen)
    return applied


def _baseline_file(config) -> Path:
    return config.root / config["baseline"]


def _without_baseline(findings, config):
    from courselint.baseline import Baseline, LineReader
    from courselint.selection import UsageError

    path = _baseline_file(config)
    if not path.is_file():
        return findings, 0
    try:
        baseline = Baseline.load(path)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return baseline.filter(findings, config.root, LineReader())


def _baseline(args) -> int:
    from courselint.baseline import Baseline, LineReader, display_path
    from courselint.fileio import write_bytes_if_changed
    from courselint.selection import UsageError

    config = _load_config(args)
    result = _run(args, config, _selection(args, config))
    target = _baseline_file(config)
    new = Baseline.of(result.findings, config.root, LineReader())
    old = Baseline()
    if target.is_file():
        try:
            old = Baseline.load(target)
        except ValueError as exc:
            raise UsageError(_("{reason} ; supprimez-le pour en créer une nouvelle").format(reason=exc)) from None
    # A run over some files (as pre-commit gives) keeps the other files' entries.
    merged = old.replacing(new, (display_path(f, config.root) for f in result.files))
    written = write_bytes_if_changed(target, merged.dumps().encode("utf-8"))
    total = sum(merged.counts.values())
    recorded = agree("{count} problème enregistré", "{count} problèmes enregistrés", total)
    where = _relative(target, Path.cwd())
    if written:
        print(_("base écrite : {path} ({recorded})").format(path=where, recorded=recorded))
    else:
        print(_("base inchangée : {path} ({recorded})").format(path=where, recorded=recorded))
    return EXIT_OK


def _lesson_paths(args, config) -> list[Path]:
    from courselint import engine

    paths = args.paths or _default_paths(config, include_catalogs=False)
    lessons, _catalogs = engine.discover(paths, config)
    return lessons


def _locales(args, config) -> list[str]:
    from courselint.engine import UsageError

    locales = args.locale or list(config["locales"])
    if not locales:
        raise UsageError(_("aucune langue cible : passez --locale LANGUE ou configurez `locales`"))
    return locales


def _report_findings(findings) -> int:
    from courselint.findings import Severity
    from courselint.reporters.text import format_finding

    for finding in findings:
        print(format_finding(finding, _color(sys.stdout)))
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK


def _extract(args) -> int:
    from courselint.i18n.extract import extract

    config = _load_config(args)
    if args.no_merge:
        locales = []
    elif args.locale:
        locales = args.locale
    else:  # i18n.merge = false: the translation platform merges, we refresh templates
        locales = list(config["locales"]) if config.section("i18n")["merge"] else []
    removed: list[Path] = []
    written, findings = extract(
        _lesson_paths(args, config), config, locales,
        prune=args.prune, memory=False if args.no_memory else None, removed=removed,
    )
    for path in written:
        print(_("écrit : {path}").format(path=_one_line(str(_relative(path, Path.cwd())))))
    for path in removed:
        print(_("supprimé : {path}").format(path=_one_line(str(_relative(path, Path.cwd())))))
    status = _report_findings(findings)
    if args.fail_on_change and written:
        # Like a formatter under pre-commit: the files are fixed, the author stages them.
        print(_("catalogues mis à jour : ajoutez-les au commit (git add)"), file=sys.stderr)
        return EXIT_FINDINGS
    return status


def _build(args) -> int:
    from courselint.i18n.render import build

    config = _load_config(args)
    written, findings = build(
        _lesson_paths(args, config), config, _locales(args, config), args.min_translated
    )
    for path in written:
        print(_("écrit : {path}").format(path=_one_line(str(_relative(path, Path.cwd())))))
    status = _report_findings(findings)
    if args.fail_on_change and written:
        print(_("leçons traduites mises à jour : ajoutez-les au commit (git add)"), file=sys.stderr)
        return EXIT_FINDINGS
    return status


def _stats(args) -> int:
    import json

    from courselint.i18n.stats import badge, stats, totals

    config = _load_config(args)
    rows, findings = stats(_lesson_paths(args, config), config, _locales(args, config))
    summary = totals(rows)
    if args.format == "json":
        print(json.dumps({"lessons": rows, **summary}, ensure_ascii=False, indent=2))
    elif args.format == "svg":
        folder = args.output or Path.cwd()
        folder.mkdir(parents=True, exist_ok=True)
        for row in summary["locales"]:
            target = folder / f"translation-{row['locale']}.svg"
            _write_atomic(target, badge(row["locale"], row["percent_words"]))
            print(_("écrit : {path}").format(path=_relative(target, Path.cwd())))
    else:

        def line(name: str, row: dict) -> str:
            counts = ", ".join(
                [
                    agree("{count} traduite", "{count} traduites", row["translated"]),
                    agree("{count} floue", "{count} floues", row["fuzzy"]),
                    agree("{count} non traduite", "{count} non traduites", row["untranslated"]),
                ]
            )
            words = _("mots : {done}/{total}").format(done=row["words_translated"], total=row["words"])
            progress = _("{counts} ({percent:.0f} %) ; {words} ({percent_words:.0f} %)").format(
                counts=counts, percent=row["percent"], words=words, percent_words=row["percent_words"]
            )
            return f"{row['locale']}  {name}  {progress}"

        for row in rows:
            print(line(row["lesson"], row))
        for row in summary["chapters"]:
            print(line(_("chapitre {name}").format(name=row["chapter"]), row))
        for row in summary["locales"]:
            print(line(_("total"), row))
        if len(summary["locales"]) > 1:
            print(line(_("cours"), {**summary["course"], "locale": "*"}))
    return _report_findings(findings) if findings else EXIT_OK


def _add_word(args) -> int:
    from courselint.engine import UsageError
    from courselint.spell.wordlist import add_words

    config = _load_config(args)
    wanted = list(args.words)
    if args.from_file is not None:
        try:
            text = args.from_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(_("{path} : liste illisible ({reason})").format(path=args.from_file, reason=exc)) from None
        # One word per line, as `courselint words` prints them first; "#" starts a comment.
        wanted += [line.split()[0] for line in text.splitlines() if line.split() and not line.lstrip().startswith("#")]
    if not wanted:
        raise UsageError(_("aucun mot : donnez des mots ou --from FICHIER"))
    try:
        added = add_words(config.words_file, wanted)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    target = _relative(config.words_file, Path.cwd())
    known = len(dict.fromkeys(wanted)) - len(added)
    message = agree("{count} mot ajouté à {path}", "{count} mots ajoutés à {path}", len(added), path=target)
    if known:
        message += " (" + agree("{count} déjà présent", "{count} déjà présents", known) + ")"
    print(message)
    return EXIT_OK


def _words(args) -> int:
    import json

    from courselint.selection import Selection, UsageError
    from courselint.words import review

    if args.jobs < 0:
        raise UsageError(_("--jobs doit être positif ou nul"))
    config = _load_config(args)
    paths = args.paths or _default_paths(config, include_catalogs=False)
    from courselint import engine

    result = engine.run(paths, config, Selection(("CL401", "CL402")), jobs=args.jobs)
    rows = review(result.findings)
    if args.format == "json":
        print(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        mark = _("faute ?") if row.slip else " " * len(_("faute ?"))
        suggestions = f" → {', '.join(row.suggestions)}" if row.suggestions else ""
        print(f"{row.count:5d}  {mark}  {row.word}{suggestions}    {row.sample}")
    slips = sum(1 for row in rows if row.slip)
    unknown = agree("{count} mot inconnu", "{count} mots inconnus", len(rows))
    likely = agree("{count} faute probable", "{count} fautes probables", slips)
    print(
        _("{unknown}, dont {likely} : ajoutez les autres à la liste du projet avec `courselint add-word --from FICHIER`")
        .format(unknown=unknown, likely=likely),
        file=sys.stderr,
    )
    return EXIT_OK


def _rules(args) -> int:
    from courselint.codes import CODES
    from courselint.engine import UsageError

    if args.code:
        entry = CODES.get(args.code.upper())
        if entry is None:
            raise UsageError(_("code inconnu : {code} (courselint rules les liste)").format(code=args.code))
        print(f"{entry.code}  {entry.name}  ({entry.severity.value})\n{_(entry.summary)}\n\n{_(entry.explanation)}")
        return EXIT_OK
    for code in sorted(CODES):
        entry = CODES[code]
        print(f"{code}  {entry.name:<34} {entry.severity.value:<8} {_(entry.summary)}")
    return EXIT_OK


def _lsp(args) -> int:
    # pygls is imported here only: `check` under pre-commit never pays for it.
    from courselint.lsp.server import serve

    serve()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    console()
