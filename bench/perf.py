"""Whole-process speed and memory of ``courselint`` on a synthetic course.

Usage::

    python bench/perf.py                     # 1,000 lessons, the figures of issue 7
    python bench/perf.py --lessons 200 --runs 3 --keep /tmp/course

The script writes a Hugo course tree to a temporary folder (chapters with an
``_index.md`` and lessons of about 10 KB each, built from the prose of the sample
lesson, with technical terms, code blocks, shortcodes, tables and a few typos per
lesson), then times the real ``courselint`` command in fresh subprocesses:

* one lesson (the pre-commit case), cold (``--no-cache``) and warm;
* the whole tree with ``--jobs 2``, cold and warm;
* ``courselint extract`` and ``courselint build`` (skipped with a note when the
  i18n modules are not installed);
* a plain ``hunspell -l`` pass over the same files, and the ratio.

Times are wall-clock medians over ``--runs`` runs.  Memory is the peak resident
set of the largest process (``ru_maxrss`` of the child, which covers its waited-for
workers) and, for the tree run, the peak sum over the whole process tree sampled
from ``/proc``.  The tree uses the default configuration (no ``courselint.toml``):
French spelling with suggestions, no grammar engine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# French sources only: ``lesson.en.md`` files are built translations.
SAMPLE_LESSONS = sorted(p for p in (REPO / "content").rglob("*.md") if len(p.suffixes) == 1)

TARGETS = {"one lesson": 0.35, "tree": 5.0, "memory_mb": 200}

# --------------------------------------------------------------------------- the course

TECH_SENTENCES = [
    "On lance le conteneur avec `docker run -d --name web nginx:1.25` puis on vérifie avec `docker ps`.",
    "Le fichier `Dockerfile` décrit l'image : une image de base, des couches, une commande de démarrage.",
    "Kubernetes planifie les pods sur les nœuds du cluster et redémarre ceux qui tombent en panne.",
    "Un volume Docker garde les données quand le conteneur est supprimé, contrairement à sa couche en écriture.",
    "Avec Ansible, un playbook décrit l'état attendu des serveurs ; il est idempotent.",
    "Terraform garde l'état de l'infrastructure dans un fichier `terraform.tfstate` qu'il faut protéger.",
    "Les namespaces isolent les processus, le réseau et les points de montage ; les cgroups limitent la mémoire et le processeur.",
    "Le registre (Docker Hub, GitLab Registry) stocke les images versionnées par étiquette.",
    "La documentation officielle est sur https://docs.docker.com/get-started/ et mérite une lecture attentive.",
    "Un service Kubernetes expose un ensemble de pods derrière une adresse stable, avec un équilibrage de charge.",
    "On peut se connecter en SSH au serveur avec `ssh admin@192.168.1.10` pour lire les journaux de `systemd`.",
    "Le pipeline d'intégration continue construit l'image, lance les tests puis la pousse vers le registre.",
    "Python reste le langage le plus utilisé pour écrire des scripts d'administration et des outils de déploiement.",
    "Le fichier YAML de déploiement indique le nombre de réplicas, l'image et les ports exposés.",
    "Pour déboguer un conteneur, `docker logs -f web` affiche la sortie standard en continu.",
]

CODE_BLOCKS = [
    "```bash\ndocker build -t monapp:1.0 .\ndocker run --rm -p 8080:80 monapp:1.0\n```",
    "```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n```",
    "```python\nimport subprocess\n\nsubprocess.run([\"docker\", \"ps\"], check=True)\n```",
    "```\n$ kubectl get pods -o wide\nNAME        READY   STATUS    RESTARTS\nweb-7d9f    1/1     Running   0\n```",
]

SHORTCODES = [
    '{{< figure src="/images/conteneurs.png" title="Architecture des conteneurs" >}}',
    "{{% notice info %}}\nLes conteneurs partagent le noyau de l'hôte : ce ne sont pas des machines virtuelles.\n{{% /notice %}}",
    '{{< youtube id="dQw4w9WgXcQ" >}}',
]

TABLE = (
    "| Outil | Rôle | Depuis |\n"
    "| --- | --- | --- |\n"
    "| Docker | construire et lancer des conteneurs | 2013 |\n"
    "| Kubernetes | orchestrer des conteneurs | 2014 |\n"
    "| Ansible | configurer des serveurs | 2012 |"
)

EVENTS = [
    "Chroot", "BSD Jail", "Vserver", "Linux Namespaces", "Process Containers", "LXC",
    "Docker", "rkt", "runc", "Kubernetes", "Podman", "containerd", "Swarm", "Nomad",
]

LEGEND = {"E": "Des évolutions techniques", "P": "la persistance des données", "R": "la distribution sur le réseau"}


def sample_sentences() -> list[str]:
    """Prose lines of the sample course (typos fixed by hand), as a pool of sentences."""
    sentences: list[str] = []
    for path in SAMPLE_LESSONS:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 40 and line[0].isupper() and not line.startswith(("#", "*", "-", ">", "|", "{")):
                sentences.append(line)
    return sentences or TECH_SENTENCES


def make_typo(word: str, rng: random.Random) -> str:
    """A slip an author makes: a dropped accent, a doubled or lost letter, a swap."""
    accents = {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "ç": "c", "î": "i", "ô": "o", "û": "u"}
    accented = [i for i, ch in enumerate(word) if ch in accents]
    kind = rng.choice(["accent", "double", "drop", "swap"]) if len(word) > 4 else "double"
    if kind == "accent" and accented:
        i = rng.choice(accented)
        return word[:i] + accents[word[i]] + word[i + 1 :]
    i = rng.randrange(1, len(word) - 1)
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


_WORD = re.compile(r"(?<![\w`/.:@-])[a-zà-ÿ]{6,}(?![\w`/.:@-])")


def with_typos(text: str, count: int, rng: random.Random) -> str:
    """Replace ``count`` random long words of the prose by a misspelling of them."""
    for _ in range(count):
        matches = list(_WORD.finditer(text))
        if not matches:
            break
        match = rng.choice(matches)
        text = text[: match.start()] + make_typo(match.group(), rng) + text[match.end() :]
    return text


def make_lesson(chapter: int, number: int, rng: random.Random, pool: list[str], typos: int) -> str:
    years = sorted(rng.sample(range(1975, 2025), 8))
    events = rng.sample(EVENTS, 8)
    title = f"{chapter}.{number:02d} {rng.choice(events)} en pratique"
    out = [
        "---",
        f"title: {title}",
        f'pre: "<b>{chapter}.{number:02d} </b>"',
        f"weight: {number}",
        "---",
        "## Objectifs pédagogiques",
        "  - Connaître l'histoire des conteneurs",
        "  - Comprendre les raisons du développement des conteneurs",
        "  - Identifier les problèmes de réseau et de persistance associés",
        "",
        "---",
        "",
        "# Une (petite) histoire des conteneurs",
        "",
    ]
    out += [f"* {year} : {event}" for year, event in zip(years, events)]
    out += ["", "---", "", "# Les facteurs de lecture", ""]
    out += [f"* [{tag}] {label}..." for tag, label in LEGEND.items()]
    out += ["", "---", "", "# Les étapes", ""]
    body: list[str] = []
    for year, event in zip(years, events):
        body += ["", f"## {year} : {event}", "", f"* [{rng.choice(list(LEGEND))}] {rng.choice(pool)}", ""]
        body += ["> " + rng.choice(pool), "> " + rng.choice(pool), ""]
        for _ in range(rng.randint(3, 5)):
            sentences = [rng.choice(pool if rng.random() < 0.7 else TECH_SENTENCES) for _ in range(rng.randint(1, 2))]
            body += [" ".join(sentences), ""]
        extra = rng.random()
        if extra < 0.35:
            body += [rng.choice(CODE_BLOCKS), ""]
        elif extra < 0.5:
            body += [rng.choice(SHORTCODES), ""]
        elif extra < 0.6:
            body += [TABLE, ""]
        body += ["---"]
    text = "\n".join(out) + "\n" + with_typos("\n".join(body), typos, rng) + "\n"
    return text


def build_tree(root: Path, lessons: int, per_chapter: int, typos: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    pool = sample_sentences()
    content = root / "content"
    paths = []
    chapter = 0
    for n in range(lessons):
        if n % per_chapter == 0:
            chapter += 1
            folder = content / f"{chapter:02d}-chapitre"
            folder.mkdir(parents=True)
            (folder / "_index.md").write_text(
                f"---\ntitle: Chapitre {chapter}\nweight: {chapter}\n---\n\nLes conteneurs, chapitre {chapter}.\n",
                encoding="utf-8",
            )
        number = n % per_chapter + 1
        path = content / f"{chapter:02d}-chapitre" / f"{chapter}-{number:02d}-lecon.md"
        path.write_text(make_lesson(chapter, number, rng, pool, typos), encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    seconds: float
    maxrss_mb: float
    status: int


def child_env() -> dict[str, str]:
    """The environment of an installed tool: bytecode may be cached (pip compiles it).

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start recompile
    every module (~40 ms here): not what an author's pre-commit hook pays.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PRE_COMMIT", None)
    return env


def run_once(argv: list[str], cwd: Path) -> Sample:
    """One fresh child; ``wait4`` gives its own peak RSS (and its waited-for workers')."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if b"Traceback" in stderr:
        sys.exit(f"{' '.join(argv)} crashed:\n{stderr.decode(errors='replace')}")
    return Sample(elapsed, usage.ru_maxrss / 1024, proc.returncode)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    return tree_memory_mb(pid)[0]


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process and all its descendants, summed, from /proc.

    The RSS sum counts a page shared by several processes (a dictionary loaded
    before the workers were forked) once per process; the PSS sum counts each
    page once, split between the processes sharing it.
    """
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    family, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in family:
                family.add(child)
                frontier.append(child)
    rss_kb = pss_kb = 0
    for member in family:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss_kb += int(line.split()[1])
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss_kb += int(line.split()[1])
        except OSError:
            continue
    return rss_kb / 1024, pss_kb / 1024


def peak_tree_rss(argv: list[str], cwd: Path) -> float:
    return peak_tree_memory(argv, cwd)[0]


def peak_tree_memory(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Peak (RSS sum, PSS sum) of the process tree of one run, sampled every 50 ms."""
    proc = subprocess.Popen(argv, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = tree_memory_mb(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    return peak_rss, peak_pss


def measure(name: str, argv: list[str], cwd: Path, runs: int, warmup: int = 0) -> dict:
    for _ in range(warmup):
        run_once(argv, cwd)
    samples = [run_once(argv, cwd) for _ in range(runs)]
    result = {
        "name": name,
        "command": " ".join(argv),
        "median": statistics.median(s.seconds for s in samples),
        "min": min(s.seconds for s in samples),
        "max": max(s.seconds for s in samples),
        "maxrss_mb": max(s.maxrss_mb for s in samples),
        "status": samples[-1].status,
    }
    print(
        f"{name:<34} median {result['median']:6.3f} s  (min {result['min']:.3f}, max {result['max']:.3f},"
        f" {runs} runs)  peak RSS {result['maxrss_mb']:5.1f} MB  exit {result['status']}",
        flush=True,
    )
    return result


def courselint_command() -> list[str]:
    found = shutil.which("courselint")
    return [found] if found else [sys.executable, "-m", "courselint"]


def has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


HEAVY_MODULES = ("babel", "language_tool_python", "requests", "grammalecte", "concurrent.futures.process")


def startup_report(lesson: Path, cwd: Path) -> None:
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "import courselint.cli, courselint.engine, courselint.rules\n"
        "imported = time.perf_counter() - t\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    courselint.cli.main(['check', '--no-cache', {str(lesson)!r}])\n"
        f"heavy = sorted({{m if m in {HEAVY_MODULES!r} else m.split('.')[0] for m in sys.modules"
        f" if m in {HEAVY_MODULES!r} or m.split('.')[0] in {HEAVY_MODULES!r}}})\n"
        "print(f'{imported:.3f}', ','.join(heavy) or '-')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=child_env(), capture_output=True, text=True, check=True
    )
    seconds, heavy = out.stdout.split()
    print(
        f"import courselint.cli + engine + rules (what a check imports): {float(seconds) * 1000:.0f} ms;"
        f" heavy modules imported by one check: {heavy}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--per-chapter", type=int, default=20)
    parser.add_argument("--typos", type=int, default=3, help="misspellings per lesson")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the tree here and keep it")
    parser.add_argument("--dictionary", default="/usr/share/hunspell/fr", help="for the plain hunspell pass")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="courselint-bench-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    try:
        lessons = build_tree(root, args.lessons, args.per_chapter, args.typos, args.seed)
        size = sum(p.stat().st_size for p in lessons)
        print(
            f"course: {len(lessons)} lessons, {size / 1e6:.1f} MB ({size / len(lessons) / 1000:.1f} KB per lesson),"
            f" {args.typos} typos per lesson, in {root}"
        )
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        cl = courselint_command()
        one = lessons[len(lessons) // 2].relative_to(root)
        results = []
        startup_report(one, root)

        # The first run compiles bytecode (an installed package already has it).
        results.append(measure("one lesson, cold", [*cl, "check", "--no-cache", str(one)], root, args.runs, warmup=1))
        results.append(measure("one lesson, warm cache", [*cl, "check", str(one)], root, args.runs, warmup=1))
        tree_runs = max(3, args.runs // 2)
        jobs = ["--jobs", str(args.jobs)]
        tree = measure(f"tree, cold, --jobs {args.jobs}", [*cl, "check", "--no-cache", *jobs, "content"], root, tree_runs)
        results.append(tree)
        results.append(measure(f"tree, warm cache, --jobs {args.jobs}", [*cl, "check", *jobs, "content"], root, tree_runs, warmup=1))
        tree_peak = peak_tree_rss([*cl, "check", "--no-cache", *jobs, "content"], root)
        print(f"{'tree, cold: whole process tree':<34} peak RSS sum {tree_peak:5.1f} MB (parent + workers, sampled)")

        if has_module("courselint.i18n.extract"):
            results.append(measure("extract (--locale en)", [*cl, "extract", "--locale", "en", "content"], root, tree_runs))
        else:
            print("extract: skipped (courselint.i18n.extract is not installed yet)")
        if has_module("courselint.i18n.render"):
            results.append(measure("build (--locale en)", [*cl, "build", "--locale", "en", "content"], root, tree_runs))
        else:
            print("build: skipped (courselint.i18n.render is not installed yet)")

        hunspell_bin = shutil.which("hunspell")
        if hunspell_bin:
            files = [str(p.relative_to(root)) for p in lessons]
            plain = measure(
                "plain hunspell -l (tree)",
                [hunspell_bin, "-d", args.dictionary, "-l", *files],
                root,
                tree_runs,
            )
            plain["command"] = f"hunspell -d {args.dictionary} -l <{len(files)} files>"
            print(f"ratio courselint tree (cold) / hunspell -l: {tree['median'] / plain['median']:.2f}")
        else:
            print("hunspell: not installed, no side-by-side figure")

        print("\ntargets:")
        verdicts = [
            ("one lesson, cold ≤ 0.35 s", results[0]["median"] <= TARGETS["one lesson"]),
            (f"tree, cold ≤ 5 s ({args.lessons} lessons)", tree["median"] <= TARGETS["tree"]),
            ("peak memory ≤ 200 MB (process tree)", tree_peak <= TARGETS["memory_mb"]),
        ]
        if hunspell_bin:
            verdicts.append(("tree faster than hunspell -l", tree["median"] < plain["median"]))
        for label, ok in verdicts:
            print(f"  {'OK  ' if ok else 'MISS'} {label}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
