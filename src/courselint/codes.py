"""The catalog of codes: every finding courselint can report, in one table.

A code is data (its dotted name, default severity, scope and one-line summary),
kept apart from the checks that produce it, as ruff keeps its codes apart from
its rules: the lesson model reports parse problems (CL0xx), ``build`` reports
CL611/CL612 and a failing engine CL901 without importing any rule.  A rule
(:mod:`courselint.rules.base`) attaches a check to a code of this table.

Scopes say who reports a code:

``input``    the reader and parser of a file (CL0xx)
``lesson``   a check of one parsed lesson
``chapter``  a check of the lessons of one chapter folder (cross-file)
``catalog``  a check of one ``.po`` file
``build``    ``courselint build``, when it refuses to write a translated lesson
``run``      the run itself (an engine that could not start)
"""

from __future__ import annotations

from dataclasses import dataclass

from courselint.findings import Finding, Fix, Severity, Span

SCOPES = ("input", "lesson", "chapter", "catalog", "build", "run")

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    scope: str
    summary: str

    def finding(
        self,
        path: str,
        where: Span,
        message: str,
        *,
        word: str | None = None,
        suggestions: tuple[str, ...] = (),
        fixes: tuple[Fix, ...] = (),
    ) -> Finding:
        """A finding of this code at ``where`` in ``path``, with the default severity."""
        line, column, end_line, end_column = where
        return Finding(
            path,
            line,
            column,
            end_line,
            end_column,
            self.code,
            self.name,
            self.severity,
            message,
            word=word,
            suggestions=tuple(suggestions),
            fixes=tuple(fixes),
        )


def _table(*rows: tuple[str, str, Severity, str, str]) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code, name, severity, scope, summary in rows:
        if code in table or scope not in SCOPES:
            raise ValueError(f"catalog row {code!r}: duplicate code or unknown scope {scope!r}")
        table[code] = Code(code, name, severity, scope, summary)
    return table


CODES: dict[str, Code] = _table(
    ("CL001", "input.unreadable", ERROR, "input", "Fichier illisible (droits, fichier disparu, dossier)."),
    ("CL002", "input.encoding", ERROR, "input", "Fichier qui n'est pas en UTF-8."),
    ("CL003", "input.front-matter-syntax", ERROR, "input", "Front matter YAML ou TOML invalide."),
    ("CL004", "input.binary", ERROR, "input", "Fichier binaire (octets NUL) au lieu d'une leçon Markdown."),
    ("CL005", "input.front-matter-type", ERROR, "input", "Front matter qui n'est pas un dictionnaire de clés."),
    ("CL006", "input.front-matter-unclosed", ERROR, "input", "Front matter jamais fermé."),
    ("CL007", "input.nesting-too-deep", ERROR, "input", "Imbrication de listes ou de citations trop profonde."),
    ("CL008", "input.unclosed-code-fence", ERROR, "input",
     "Bloc de code jamais fermé : la suite de la leçon devient du code."),
    ("CL009", "input.unclosed-shortcode", ERROR, "input", "Shortcode Hugo jamais fermé (`{{<` sans `>}}`)."),
    ("CL101", "frontmatter.missing-key", ERROR, "lesson", "Une clé obligatoire manque dans le front matter."),
    ("CL102", "frontmatter.key-type", ERROR, "lesson",
     "Une clé du front matter n'a pas le type attendu (`weight` non entier, `title` non texte…)."),
    ("CL103", "frontmatter.title-pre-mismatch", ERROR, "lesson",
     "Le numéro qui ouvre le titre diffère de celui de `pre`."),
    ("CL104", "frontmatter.duplicate-weight", ERROR, "chapter", "Deux leçons d'un même chapitre ont le même `weight`."),
    ("CL105", "frontmatter.weight-order", ERROR, "chapter",
     "L'ordre des `weight` d'un chapitre contredit les numéros des leçons."),
    ("CL106", "frontmatter.not-a-lesson", WARNING, "lesson",
     "Fichier Markdown sans front matter : ce n'est pas une leçon, mais Hugo le publie."),
    ("CL201", "timeline.order", ERROR, "lesson",
     "Un élément de la frise chronologique est antérieur à celui qui le précède."),
    ("CL202", "timeline.entry-without-step", ERROR, "lesson", "Une entrée de la frise n'a pas de section d'étape."),
    ("CL203", "timeline.step-without-entry", ERROR, "lesson", "Une section d'étape n'a pas d'entrée dans la frise."),
    ("CL204", "timeline.step-order", ERROR, "lesson",
     "Une section d'étape sort de l'ordre chronologique ou de l'ordre de la frise."),
    ("CL205", "timeline.label-mismatch", ERROR, "lesson",
     "Le libellé d'une section d'étape diffère de celui de son entrée dans la frise."),
    ("CL206", "timeline.malformed-item", ERROR, "lesson", "Un élément de la frise ne se lit pas `ANNÉE : libellé`."),
    ("CL210", "slides.separator-under-paragraph", ERROR, "lesson",
     "Un séparateur `---` collé sous un paragraphe en fait un titre au lieu de changer de diapositive."),
    ("CL301", "factors.unknown-tag", ERROR, "lesson", "Une étiquette de facteur n'est pas déclarée dans la légende."),
    ("CL302", "factors.malformed-tag", ERROR, "lesson",
     "Une étiquette de facteur est mal formée (`[E ]`, `[e]`, `(E)`, `[E,P]`, `[EP]`)."),
    ("CL303", "factors.step-without-tag", ERROR, "lesson",
     "Une section d'étape n'a aucune étiquette de facteur alors que la leçon en utilise."),
    ("CL304", "factors.missing-legend", ERROR, "lesson",
     "Des étiquettes de facteur sont utilisées mais aucune légende ne les déclare."),
    ("CL305", "factors.tag-order", WARNING, "lesson", "Des étiquettes de facteur ne suivent pas l'ordre de la légende."),
    ("CL401", "spelling.unknown-word", ERROR, "lesson", "Mot inconnu du dictionnaire."),
    ("CL402", "spelling.ligature", WARNING, "lesson", "Mot français écrit sans sa ligature (coeur pour cœur)."),
    ("CL501", "grammar.grammalecte", WARNING, "lesson", "Faute de grammaire signalée par Grammalecte."),
    ("CL502", "grammar.typography", WARNING, "lesson",
     "Règle typographique (apostrophes, espaces insécables…), si `grammar.typography` est activé."),
    ("CL503", "grammar.languagetool", WARNING, "lesson", "Faute de grammaire signalée par LanguageTool."),
    ("CL601", "translation.inline-code", ERROR, "catalog",
     "Le code en ligne de la traduction diffère de celui du texte source."),
    ("CL602", "translation.link-target", WARNING, "catalog",
     "Une cible de lien ou d'image de la traduction diffère de la source."),
    ("CL603", "translation.number", WARNING, "catalog", "Un nombre ou une année de la traduction diffère de la source."),
    ("CL604", "translation.markup-balance", ERROR, "catalog",
     "L'emphase ou le balisage de la traduction ne s'équilibre plus."),
    ("CL605", "translation.html", ERROR, "catalog",
     "La traduction contient du HTML brut ou un script absent de la source."),
    ("CL606", "translation.invisible-char", ERROR, "catalog",
     "La traduction contient un caractère de contrôle bidirectionnel ou invisible."),
    ("CL607", "translation.shortcode", ERROR, "catalog", "Un shortcode Hugo de la traduction diffère de la source."),
    ("CL608", "translation.english-spelling", WARNING, "catalog",
     "Mot inconnu du dictionnaire anglais dans une traduction anglaise."),
    ("CL609", "translation.unparsable", ERROR, "catalog",
     "Le catalogue .po ne peut pas être lu ; courselint ne le réécrira pas."),
    ("CL610", "translation.plural-forms", ERROR, "catalog",
     "L'en-tête Plural-Forms du catalogue manque ou ne convient pas à sa langue."),
    ("CL611", "translation.below-min-translated", WARNING, "build",
     "Leçon traduite non construite : trop peu de textes traduits (i18n.min_translated)."),
    ("CL612", "translation.structure-differs", ERROR, "build",
     "Leçon traduite refusée : sa structure diffère de la source."),
    ("CL901", "internal.engine-unavailable", ERROR, "run", "Moteur de vérification indisponible."),
)


def finding(code: str, path: str, where: Span, message: str, **details) -> Finding:
    """A finding of catalog code ``code`` (see :meth:`Code.finding`)."""
    return CODES[code].finding(path, where, message, **details)
