"""Command line: ``main(argv) -> int``; the only module that prints or exits.

Exit status: 0 no error finding, 1 at least one error finding, 2 usage or
configuration error (one line on stderr).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from courselint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process killed by SIGPIPE


class _UsageExit(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise _UsageExit(message)


def _codes(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="courselint",
        description="Vérifie et traduit les leçons Markdown d'un cours en français (Hugo).",
    )
    parser.add_argument("--version", action="version", version=f"courselint {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMANDE")

    def common(sub):
        sub.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN")
        sub.add_argument("--config", type=Path, help="fichier de configuration (courselint.toml ou pyproject.toml)")

    check = commands.add_parser("check", help="vérifier des leçons et des catalogues")
    common(check)
    from courselint.reporters import FORMATS

    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--output", type=Path, help="écrire le rapport dans ce fichier")
    check.add_argument("--select", action="append", help="codes à vérifier (préfixes : CL4, CL302)")
    check.add_argument("--ignore", action="append", help="codes à ignorer (préfixes)")
    check.add_argument("--jobs", type=int, default=0, help="processus en parallèle (0 : un par cœur)")
    check.add_argument("--quiet", action="store_true", help="n'afficher que les problèmes")
    check.add_argument("--no-cache", action="store_true", help="ne pas lire ni écrire le cache")

    extract = commands.add_parser("extract", help="extraire les textes vers les catalogues gettext")
    common(extract)
    extract.add_argument("--locale", action="append", default=None, help="langue à fusionner (ex. en)")
    extract.add_argument("--no-merge", action="store_true", help="ne mettre à jour que les modèles .pot")
    extract.add_argument(
        "--fail-on-change",
        action="store_true",
        help="sortir avec le statut 1 quand un catalogue a été écrit (hook pre-commit)",
    )

    build = commands.add_parser("build", help="construire les leçons traduites")
    common(build)
    build.add_argument("--locale", action="append", default=None)
    build.add_argument("--min-translated", type=float, default=None, metavar="POURCENT")

    stats = commands.add_parser("stats", help="état des traductions")
    common(stats)
    stats.add_argument("--locale", action="append", default=None)
    stats.add_argument("--format", choices=("text", "json"), default="text")

    add_word = commands.add_parser("add-word", help="ajouter des mots à la liste du projet")
    add_word.add_argument("words", nargs="+", metavar="MOT")
    add_word.add_argument("--config", type=Path)

    commands.add_parser("rules", help="lister les règles")
    return parser


def main(argv: list[str] | None = None) -> int:
    import gc

    from courselint.spell import preload

    # A lesson's parse allocates hundreds of thousands of short-lived objects,
    # nearly all freed by reference counting; at the default threshold (700) the
    # cyclic collector walks them over and over: 7 % of a whole-course check.
    gc.set_threshold(20_000, 20, 20)

    # A check of a few lessons: fork first, so that the child loads the French
    # dictionary while this process parses its arguments and imports the engine.
    speller = preload.PreloadedSpeller() if preload.likely(sys.argv[1:] if argv is None else argv) else None
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


def _main(argv: list[str] | None, speller) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageExit as exc:
        print(f"courselint: erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE

    from courselint.config import ConfigError
    from courselint.engine import UsageError
    from courselint.markdown import silence_rule_logging

    if args.command in ("check", "extract", "build", "stats"):  # the commands that parse lessons
        silence_rule_logging()
    try:
        if args.command == "check":
            return _check(args, speller)
        handler = {
            "extract": _extract,
            "build": _build,
            "stats": _stats,
            "add-word": _add_word,
            "rules": _rules,
        }[args.command]
        return handler(args)
    except (ConfigError, UsageError) as exc:
        print(f"courselint: erreur : {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except OSError as exc:
        # Disk full, read-only folder, missing output folder: the environment,
        # not the lessons. Exit 1 would read as "findings".
        where = f" : {exc.filename}" if exc.filename else ""
        print(f"courselint: erreur : {_one_line((exc.strerror or str(exc)) + where)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("courselint: interrompu", file=sys.stderr)
        return 130


# --------------------------------------------------------------------------- helpers


def _one_line(text: str) -> str:
    from courselint.reporters import printable

    return printable(text)


def _load_config(args):
    from courselint import config as config_module

    paths = getattr(args, "paths", None) or []
    start = paths[0] if paths else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    return config_module.load(args.config, start=start)


def _default_paths(config, include_catalogs: bool) -> list[Path]:
    from courselint.engine import UsageError

    paths = [config.root / p for p in config["paths"]]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"chemin configuré introuvable : {missing[0]}")
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
        sys.stderr.write(f"\r{done}/{total} fichiers vérifiés{end}")
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


def _check(args, speller=None) -> int:
    from courselint.selection import Selection, UsageError
    from courselint.spell import preload

    config = _load_config(args)
    selection = Selection(
        tuple(_codes(args.select) or config["select"]),
        tuple(_codes(args.ignore) + list(config["ignore"])),
    )
    if args.jobs < 0:
        raise UsageError("--jobs doit être positif ou nul")
    if speller is not None:
        if preload.wanted(args.paths, config, selection):
            speller.configure(preload.spelling_settings(config))
        else:
            speller.close()
            speller = None
    return _run_check(args, config, selection, speller)


def _run_check(args, config, selection, speller) -> int:
    from courselint import engine, reporters
    from courselint.spell import preload

    paths = args.paths or _default_paths(config, include_catalogs=True)
    show = not args.quiet and _show_progress()
    result = engine.run(
        paths,
        config,
        selection,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        progress=_progress_printer() if show else None,
        engines={preload.SPELLER: speller} if speller is not None else None,
    )
    summary = reporters.Summary(result.lessons, result.catalogs, result.cached)
    write = reporters.get(args.format)
    if args.output:
        buffer = io.StringIO()
        write(result.findings, summary, buffer)
        _write_atomic(args.output, buffer.getvalue())
        if args.format != "text" and not args.quiet:
            from courselint.reporters.text import summary_line

            print(summary_line(result.findings, summary), file=sys.stderr)
    elif args.format == "text" and args.quiet:
        from courselint.reporters.text import format_finding

        for finding in result.findings:
            print(format_finding(finding, _color(sys.stdout)))
    else:
        write(result.findings, summary, sys.stdout, color=_color(sys.stdout))
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _lesson_paths(args, config) -> list[Path]:
    from courselint import engine

    paths = args.paths or _default_paths(config, include_catalogs=False)
    lessons, _ = engine.discover(paths, config)
    return lessons


def _locales(args, config) -> list[str]:
    from courselint.engine import UsageError

    locales = args.locale or list(config["locales"])
    if not locales:
        raise UsageError("aucune langue cible : passez --locale LANGUE ou configurez `locales`")
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
    written, findings = extract(_lesson_paths(args, config), config, locales)
    for path in written:
        print(f"écrit : {_one_line(str(_relative(path, Path.cwd())))}")
    status = _report_findings(findings)
    if args.fail_on_change and written:
        # Like a formatter under pre-commit: the files are fixed, the author stages them.
        print("catalogues mis à jour : ajoutez-les au commit (git add)", file=sys.stderr)
        return EXIT_FINDINGS
    return status


def _build(args) -> int:
    from courselint.i18n.render import build

    config = _load_config(args)
    written, findings = build(
        _lesson_paths(args, config), config, _locales(args, config), args.min_translated
    )
    for path in written:
        print(f"écrit : {_one_line(str(_relative(path, Path.cwd())))}")
    return _report_findings(findings)


def _stats(args) -> int:
    import json

    from courselint.i18n.stats import stats

    config = _load_config(args)
    rows = stats(_lesson_paths(args, config), config, _locales(args, config))
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(
            f"{row['locale']}  {row['lesson']}  {row['translated']} traduites, {row['fuzzy']} floues,"
            f" {row['untranslated']} non traduites ({row['percent']:.0f} %)"
        )
    return EXIT_OK


def _add_word(args) -> int:
    from courselint.engine import UsageError
    from courselint.spell.wordlist import add_word

    config = _load_config(args)
    for word in args.words:
        try:
            add_word(config.words_file, word)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    print(f"{len(args.words)} mot(s) ajouté(s) à {_relative(config.words_file, Path.cwd())}")
    return EXIT_OK


def _rules(args) -> int:
    from courselint.codes import CODES

    for code in sorted(CODES):
        entry = CODES[code]
        print(f"{code}  {entry.name:<34} {entry.severity.value:<8} {entry.summary}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
