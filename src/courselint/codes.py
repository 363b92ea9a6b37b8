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

from dataclasses import dataclass, replace

from courselint.findings import Finding, Fix, Severity, Span
from courselint.messages import N_

SCOPES = ("input", "lesson", "chapter", "catalog", "build", "run")

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    severity: Severity
    scope: str
    summary: str
    #: What the code means, with a wrong and a right example (French, Markdown):
    #: ``courselint rules CODE`` prints it, the language server shows it on hover.
    explanation: str = ""

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
    ("CL001", "input.unreadable", ERROR, "input", N_("Fichier illisible (droits, fichier disparu, dossier).")),
    ("CL002", "input.encoding", ERROR, "input", N_("Fichier qui n'est pas en UTF-8.")),
    ("CL003", "input.front-matter-syntax", ERROR, "input", N_("Front matter YAML ou TOML invalide.")),
    ("CL004", "input.binary", ERROR, "input", N_("Fichier binaire (octets NUL) au lieu d'une leçon Markdown.")),
    ("CL005", "input.front-matter-type", ERROR, "input", N_("Front matter qui n'est pas un dictionnaire de clés.")),
    ("CL006", "input.front-matter-unclosed", ERROR, "input", N_("Front matter jamais fermé.")),
    ("CL007", "input.nesting-too-deep", ERROR, "input", N_("Imbrication de listes ou de citations trop profonde.")),
    ("CL008", "input.unclosed-code-fence", ERROR, "input",
     N_("Bloc de code jamais fermé : la suite de la leçon devient du code.")),
    ("CL009", "input.unclosed-shortcode", ERROR, "input", N_("Shortcode Hugo jamais fermé (`{{<` sans `>}}`).")),
    ("CL010", "input.front-matter-indented", WARNING, "input",
     N_("Front matter précédé de lignes vides ou d'une indentation (Hugo le lit, d'autres outils non).")),
    ("CL011", "input.front-matter-duplicate-key", ERROR, "input",
     N_("Une clé du front matter est écrite deux fois : Hugo garde la dernière valeur, sans le dire.")),
    ("CL012", "input.unclosed-html-comment", ERROR, "input",
     N_("Commentaire HTML `<!--` jamais fermé : toute la suite de la leçon est cachée aux lecteurs.")),
    ("CL101", "frontmatter.missing-key", ERROR, "lesson", N_("Une clé obligatoire manque dans le front matter.")),
    ("CL102", "frontmatter.key-type", ERROR, "lesson",
     N_("Une clé du front matter n'a pas le type attendu (`weight` non entier, `title` non texte…).")),
    ("CL103", "frontmatter.title-pre-mismatch", ERROR, "lesson",
     N_("Le numéro qui ouvre le titre diffère de celui de `pre`.")),
    ("CL104", "frontmatter.duplicate-weight", ERROR, "chapter", N_("Deux leçons d'un même chapitre ont le même `weight`.")),
    ("CL105", "frontmatter.weight-order", ERROR, "chapter",
     N_("L'ordre des `weight` d'un chapitre contredit les numéros des leçons.")),
    ("CL106", "frontmatter.not-a-lesson", WARNING, "lesson",
     N_("Fichier Markdown sans front matter : ce n'est pas une leçon, mais Hugo le publie.")),
    ("CL201", "timeline.order", ERROR, "lesson",
     N_("Un élément de la frise chronologique est antérieur à celui qui le précède.")),
    ("CL202", "timeline.entry-without-step", ERROR, "lesson", N_("Une entrée de la frise n'a pas de section d'étape.")),
    ("CL203", "timeline.step-without-entry", ERROR, "lesson", N_("Une section d'étape n'a pas d'entrée dans la frise.")),
    ("CL204", "timeline.step-order", ERROR, "lesson",
     N_("Une section d'étape sort de l'ordre chronologique ou de l'ordre de la frise.")),
    ("CL205", "timeline.label-mismatch", ERROR, "lesson",
     N_("Le libellé d'une section d'étape diffère de celui de son entrée dans la frise.")),
    ("CL206", "timeline.malformed-item", ERROR, "lesson", N_("Un élément de la frise ne se lit pas `ANNÉE : libellé`.")),
    ("CL210", "slides.separator-under-paragraph", ERROR, "lesson",
     N_("Un séparateur `---` collé sous un paragraphe en fait un titre au lieu de changer de diapositive.")),
    ("CL301", "factors.unknown-tag", ERROR, "lesson", N_("Une étiquette de facteur n'est pas déclarée dans la légende.")),
    ("CL302", "factors.malformed-tag", ERROR, "lesson",
     N_("Une étiquette de facteur est mal formée (`[E ]`, `[e]`, `(E)`, `[E,P]`, `[EP]`).")),
    ("CL303", "factors.step-without-tag", ERROR, "lesson",
     N_("Une section d'étape n'a aucune étiquette de facteur alors que la leçon en utilise.")),
    ("CL304", "factors.missing-legend", ERROR, "lesson",
     N_("Des étiquettes de facteur sont utilisées mais aucune légende ne les déclare.")),
    ("CL305", "factors.tag-order", WARNING, "lesson", N_("Des étiquettes de facteur ne suivent pas l'ordre de la légende.")),
    ("CL401", "spelling.unknown-word", ERROR, "lesson", N_("Mot inconnu du dictionnaire.")),
    ("CL402", "spelling.ligature", WARNING, "lesson", N_("Mot français écrit sans sa ligature (coeur pour cœur).")),
    ("CL501", "grammar.grammalecte", WARNING, "lesson", N_("Faute de grammaire signalée par Grammalecte.")),
    ("CL502", "grammar.typography", WARNING, "lesson",
     N_("Règle typographique (apostrophes, espaces insécables…), si `grammar.typography` est activé.")),
    ("CL503", "grammar.languagetool", WARNING, "lesson", N_("Faute de grammaire signalée par LanguageTool.")),
    ("CL601", "translation.inline-code", ERROR, "catalog",
     N_("Le code en ligne de la traduction diffère de celui du texte source.")),
    ("CL602", "translation.link-target", WARNING, "catalog",
     N_("Une cible de lien ou d'image de la traduction diffère de la source.")),
    ("CL603", "translation.number", WARNING, "catalog", N_("Un nombre ou une année de la traduction diffère de la source.")),
    ("CL604", "translation.markup-balance", ERROR, "catalog",
     N_("L'emphase ou le balisage de la traduction ne s'équilibre plus.")),
    ("CL605", "translation.html", ERROR, "catalog",
     N_("La traduction contient du HTML brut ou un script absent de la source.")),
    ("CL606", "translation.invisible-char", ERROR, "catalog",
     N_("La traduction contient un caractère de contrôle bidirectionnel ou invisible.")),
    ("CL607", "translation.shortcode", ERROR, "catalog", N_("Un shortcode Hugo de la traduction diffère de la source.")),
    ("CL608", "translation.english-spelling", WARNING, "catalog",
     N_("Mot inconnu du dictionnaire anglais dans une traduction anglaise.")),
    ("CL609", "translation.unparsable", ERROR, "catalog",
     N_("Le catalogue .po ne peut pas être lu ; courselint ne le réécrira pas.")),
    ("CL610", "translation.plural-forms", ERROR, "catalog",
     N_("L'en-tête Plural-Forms du catalogue manque ou ne convient pas à sa langue.")),
    ("CL611", "translation.below-min-translated", WARNING, "build",
     N_("Leçon traduite non construite : trop peu de textes traduits (i18n.min_translated).")),
    ("CL612", "translation.structure-differs", ERROR, "build",
     N_("Leçon traduite refusée : sa structure diffère de la source.")),
    ("CL613", "translation.stale-page", ERROR, "catalog",
     N_("Une page traduite ne correspond plus à ce que son catalogue produit (lancez `courselint build`),"
     " ou garderait des traductions que le catalogue n'a pas.")),
    ("CL614", "translation.fuzzy-published", WARNING, "build",
     N_("Des entrées floues sont publiées (traduction précédente ou texte source, selon i18n.fuzzy).")),
    ("CL615", "translation.orphan-catalog", WARNING, "catalog",
     N_("Un catalogue dont la leçon n'existe plus (renommée, déplacée, supprimée) ; `extract --prune` le supprime.")),
    ("CL701", "text.invisible-char", ERROR, "lesson",
     N_("Caractère invisible, bidirectionnel ou de contrôle dans une leçon source.")),
    ("CL901", "internal.engine-unavailable", ERROR, "run", N_("Moteur de vérification indisponible.")),
)


def _explain(table: dict[str, Code], texts: dict[str, str]) -> dict[str, Code]:
    if set(texts) != set(table):
        raise ValueError(f"explanations and codes differ: {sorted(set(texts) ^ set(table))}")
    # The text is the msgid that ``_()`` looks up where it is shown: kept exactly as written.
    unstripped = [code for code, text in texts.items() if text != text.strip()]
    if unstripped:
        raise ValueError(f"explanations with blanks around them: {unstripped}")
    return {code: replace(entry, explanation=texts[code]) for code, entry in table.items()}


CODES = _explain(CODES, {
    "CL001": N_("""\
Le fichier n'a pas pu être lu : droits insuffisants, fichier supprimé pendant la
vérification, ou chemin qui désigne un dossier.

Faux : `chmod 000 lecon.md`
Juste : un fichier lisible par l'utilisateur qui lance courselint."""),
    "CL002": N_("""\
Une leçon doit être enregistrée en UTF-8 ; un octet invalide (Latin-1, Windows-1252)
donne des accents illisibles sur le site.

Faux : `é` enregistré comme l'octet 0xE9 (Latin-1)
Juste : `é` enregistré en UTF-8 (0xC3 0xA9)"""),
    "CL003": N_("""\
Le front matter (entre les lignes `---` ou `+++`) n'est pas du YAML ou du TOML valide :
Hugo refusera la page.

Faux : `title: Docker : en pratique`
Juste : `title: "Docker : en pratique"`"""),
    "CL004": N_("""\
Le fichier contient des octets NUL : c'est un fichier binaire (image, archive) nommé
`.md`, pas une leçon Markdown.

Faux : une image PNG renommée `lecon.md`
Juste : un fichier texte Markdown"""),
    "CL005": N_("""\
Le front matter doit être un dictionnaire de clés (`title: …`), pas une liste ni un
texte seul.

Faux : `- title: Leçon`
Juste : `title: Leçon`"""),
    "CL006": N_("""\
Le front matter s'ouvre par `---` (ou `+++`) mais n'est jamais fermé : toute la leçon
serait lue comme du front matter.

Faux : `---` puis `title: Leçon` puis le texte, sans second `---`
Juste : `---` / `title: Leçon` / `---` puis le texte"""),
    "CL007": N_("""\
Des listes ou citations imbriquées trop profondément : le fichier ressemble à une
attaque ou à une erreur d'indentation, il n'est pas analysé plus loin.

Faux : `> > > > > …` sur des centaines de niveaux
Juste : deux ou trois niveaux d'imbrication au plus"""),
    "CL008": N_("""\
Un bloc de code ouvert par ` ``` ` n'est jamais fermé : toute la suite de la leçon
devient du code sur le site.

Faux : ` ```bash ` / `docker ps` puis la suite du texte
Juste : ` ```bash ` / `docker ps` / ` ``` `"""),
    "CL009": N_("""\
Un shortcode Hugo s'ouvre par `{{<` (ou `{{%`) sans son `>}}` : Hugo échoue à
construire la page.

Faux : `{{< figure src="a.png" `
Juste : `{{< figure src="a.png" >}}`"""),
    "CL010": N_("""\
Des lignes vides, des espaces ou une tabulation précèdent le `---` (ou `+++`) qui ouvre le
front matter : Hugo le lit quand même, mais d'autres outils (éditeurs, python-frontmatter,
pre-commit) y voient du texte, et un titre Markdown souligné.

Faux : `  ---` en première ligne
Juste : `---` au tout début du fichier (correction sûre : `courselint check --fix`)"""),
    "CL011": N_("""\
Une clé du front matter est écrite deux fois : Hugo (comme PyYAML) garde la dernière
valeur et ignore la première sans rien dire, d'autres outils refusent le fichier.

Faux : `title: Docker` puis plus bas `title: 2.05 Docker`
Juste : une seule ligne `title: 2.05 Docker`"""),
    "CL012": N_("""\
Un commentaire HTML ouvert par `<!--` n'est jamais fermé par `-->` : Markdown (et Hugo)
cache alors toute la suite de la leçon, que les lecteurs ne voient pas.

Faux : `<!-- à relire` puis la suite du texte
Juste : `<!-- à relire -->` puis la suite du texte"""),
    "CL101": N_("""\
Une clé obligatoire (`frontmatter.required`, par défaut `title` et `weight`) manque :
la leçon n'a pas de titre ou pas de place dans le menu.

Faux : un front matter avec `title` seulement
Juste : `title: 2.05 Docker` et `weight: 18`"""),
    "CL102": N_("""\
Une clé du front matter n'a pas le type attendu (`frontmatter.types`) : Hugo trie
mal un `weight` écrit comme du texte.

Faux : `weight: "18"`
Juste : `weight: 18`"""),
    "CL103": N_("""\
Le numéro qui ouvre le titre doit être celui de `pre` (le numéro affiché dans le menu).

Faux : `title: 2.05 Docker` avec `pre: "<b>2.06 </b>"`
Juste : `title: 2.05 Docker` avec `pre: "<b>2.05 </b>"`"""),
    "CL104": N_("""\
Deux leçons d'un même chapitre ont le même `weight` : leur ordre dans le menu devient
arbitraire.

Faux : `2.05` et `2.06` toutes deux avec `weight: 18`
Juste : `weight: 18` puis `weight: 19`"""),
    "CL105": N_("""\
L'ordre des `weight` contredit les numéros des leçons : le menu ne suit pas la
numérotation.

Faux : `2.05` avec `weight: 20` et `2.06` avec `weight: 19`
Juste : `2.05` avec `weight: 19` et `2.06` avec `weight: 20`"""),
    "CL106": N_("""\
Un fichier Markdown sans front matter n'est pas une leçon (notes, brouillon), mais Hugo
le publie quand même : donnez-lui un front matter, ou sortez-le de `content/`.

Faux : `NOTES.md` dans `content/` avec seulement `# Idées`
Juste : `---` / `title: Idées` / `draft: true` / `---` en tête du fichier"""),
    "CL201": N_("""\
La frise chronologique (`* ANNÉE : libellé`) doit aller du plus ancien au plus récent.

Faux : `* 2000 : BSD Jail` puis `* 1979 : Chroot`
Juste : `* 1979 : Chroot` puis `* 2000 : BSD Jail`"""),
    "CL202": N_("""\
Chaque entrée de la frise annonce une section d'étape (`## ANNÉE : libellé`) ; celle-ci
manque.

Faux : `* 2014 : rkt` dans la frise, aucune section `## 2014 : rkt`
Juste : `* 2014 : rkt` et plus bas `## 2014 : rkt`"""),
    "CL203": N_("""\
Une section d'étape n'a pas d'entrée dans la frise : la frise ne résume plus la leçon.

Faux : `## 2014 : rkt` sans `* 2014 : rkt` dans la frise
Juste : ajouter `* 2014 : rkt` à la frise"""),
    "CL204": N_("""\
Les sections d'étape doivent suivre l'ordre chronologique et celui de la frise.

Faux : `## 2000 : BSD Jail` avant `## 1979 : Chroot`
Juste : `## 1979 : Chroot` puis `## 2000 : BSD Jail`"""),
    "CL205": N_("""\
Le libellé d'une section d'étape doit reprendre celui de son entrée dans la frise.

Faux : `* 2006 : Process Containers (cgroups)` et `## 2006 : Process Containers`
Juste : `## 2006 : Process Containers (cgroups)`"""),
    "CL206": N_("""\
Un élément de la frise ne se lit pas `ANNÉE : libellé` (année mal écrite, deux-points
manquant).

Faux : `* 2OO8 : LXC` (lettres O au lieu de zéros)
Juste : `* 2008 : LXC`"""),
    "CL210": N_("""\
Un `---` collé sous une ligne de texte en fait un titre (setext) au lieu d'un
changement de diapositive.

Faux : `Fin du paragraphe.` puis `---` à la ligne suivante
Juste : `Fin du paragraphe.`, une ligne vide, puis `---`"""),
    "CL301": N_("""\
Une étiquette de facteur doit être déclarée dans la légende de la leçon (ou
`factors.legend`).

Faux : `* [X] Chroot + isolation` avec une légende `[E]`, `[P]`, `[R]`
Juste : `* [E] Chroot + isolation`"""),
    "CL302": N_("""\
Une étiquette de facteur s'écrit une lettre majuscule entre crochets, une par
étiquette.

Faux : `[E ]`, `[e]`, `(E)`, `[E,P]`, `[EP]`
Juste : `[E]`, `[E] [P]`"""),
    "CL303": N_("""\
La leçon utilise des étiquettes de facteur, mais cette section d'étape n'en a aucune.

Faux : `## 2001 : Vserver` sans ligne `* [E] …`
Juste : `## 2001 : Vserver` puis `* [E] Un sandboxing "maison" dans Linux`"""),
    "CL304": N_("""\
Des étiquettes de facteur sont utilisées mais aucune légende ne les déclare.

Faux : des `[E]` dans les étapes, pas de liste `* [E] Des évolutions techniques…`
Juste : une section « Les facteurs de lecture » qui déclare `[E]`, `[P]`, `[R]`"""),
    "CL305": N_("""\
Plusieurs étiquettes sur une ligne suivent l'ordre de la légende.

Faux : `* [R] [E] …` avec la légende `[E]`, `[P]`, `[R]`
Juste : `* [E] [R] …`"""),
    "CL401": N_("""\
Un mot que le dictionnaire français (et les listes du projet) ne connaît pas : faute de
frappe ou mot à ajouter (`courselint add-word`, `spelling_words` de la leçon).

Faux : `la consomemation de ressources`
Juste : `la consommation de ressources`"""),
    "CL402": N_("""\
Un mot français écrit sans sa ligature (`oe` pour `œ`, `ae` pour `æ`) : le dictionnaire le
connaît avec la ligature.

Faux : `au coeur du noyau`
Juste : `au cœur du noyau`"""),
    "CL501": N_("""\
Grammalecte signale une faute de grammaire (accord, conjugaison, locution).

Faux : `en terme de performances`
Juste : `en termes de performances`"""),
    "CL502": N_("""\
Règle typographique de Grammalecte (apostrophe, espace insécable avant `:` `;` `?`),
seulement si `grammar.typography` est activé.

Faux : `Pourquoi?`
Juste : `Pourquoi ?` (espace insécable)"""),
    "CL503": N_("""\
LanguageTool signale une faute de grammaire.

Faux : `les conteneurs est isolés`
Juste : `les conteneurs sont isolés`"""),
    "CL601": N_("""\
Le code en ligne (entre accents graves) doit rester identique dans la traduction : une
commande traduite ne fonctionne plus.

Faux : msgid "La commande `chroot`" / msgstr "The `racine` command"
Juste : msgstr "The `chroot` command\""""),
    "CL602": N_("""\
Une cible de lien ou d'image doit rester la même dans la traduction.

Faux : msgid "[doc](https://docs.docker.com)" / msgstr "[doc](https://docker.com)"
Juste : msgstr "[docs](https://docs.docker.com)\""""),
    "CL603": N_("""\
Les nombres et années doivent rester les mêmes dans la traduction.

Faux : msgid "En 1979, chroot…" / msgstr "In 1997, chroot…"
Juste : msgstr "In 1979, chroot…\""""),
    "CL604": N_("""\
L'emphase (`*`, `**`, `_`) et le balisage de la traduction doivent s'équilibrer comme
dans la source.

Faux : msgstr "a **very important point"
Juste : msgstr "a **very important** point\""""),
    "CL605": N_("""\
La traduction ajoute du HTML brut ou un script absent de la source : risque
d'injection sur le site.

Faux : msgstr "Hello <script>alert(1)</script>"
Juste : msgstr "Hello\""""),
    "CL606": N_("""\
La traduction contient un caractère invisible ou de contrôle bidirectionnel qui peut
cacher ou retourner du texte.

Faux : msgstr "run<U+202E>rm -rf" (U+202E retourne la suite du texte)
Juste : msgstr "run rm -rf\""""),
    "CL607": N_("""\
Un shortcode Hugo doit rester le même dans la traduction (seuls ses paramètres de texte
se traduisent).

Faux : msgid "{{< figure src=\"a.png\" >}}" / msgstr "{{< figura src=\"a.png\" >}}"
Juste : msgstr "{{< figure src=\"a.png\" >}}\""""),
    "CL608": N_("""\
Un mot de la traduction anglaise est inconnu du dictionnaire anglais.

Faux : msgstr "The containr is isolated"
Juste : msgstr "The container is isolated\""""),
    "CL609": N_("""\
Le catalogue `.po` ne se lit pas (guillemet manquant, mot-clé inconnu) : courselint ne
le réécrit pas, pour ne rien perdre du travail du traducteur.

Faux : `msgstr "Hello` (guillemet fermant manquant)
Juste : `msgstr "Hello"`"""),
    "CL610": N_("""\
L'en-tête `Plural-Forms` manque ou ne convient pas à la langue du catalogue : les
pluriels seraient mal choisis.

Faux : `Plural-Forms: nplurals=1; plural=0;` dans un catalogue anglais
Juste : `Plural-Forms: nplurals=2; plural=(n != 1);`"""),
    "CL611": N_("""\
`courselint build` n'a pas écrit la leçon traduite : trop peu de textes sont traduits
(`i18n.min_translated`).

Faux : 40 % des entrées traduites avec `min_translated = 80`
Juste : traduire les entrées restantes, ou baisser `i18n.min_translated`"""),
    "CL612": N_("""\
`courselint build` refuse la leçon traduite : sa structure (titres, listes, blocs de
code) diffère de la source.

Faux : msgstr qui ajoute un titre `## …` absent du msgid
Juste : msgstr qui garde la structure du msgid"""),
    "CL613": N_("""\
Une page traduite (`lesson.en.md`) ne correspond plus à ce que son catalogue produirait :
la leçon a changé sans `courselint build`, ou elle est passée sous `min_translated`.
Hugo sert encore l'ancienne page.

Faux : modifier `lecon.md` et publier sans relancer `courselint build`
Juste : `courselint extract`, traduire, puis `courselint build` (ou supprimer la page)"""),
    "CL614": N_("""\
Une entrée floue (son texte français a changé) est publiée avec sa traduction
précédente (`i18n.fuzzy = "previous"`) ou en français (`"source"`) : à relire.

Faux : laisser `#, fuzzy` sur une entrée dont la traduction est à jour
Juste : relire la traduction dans Poedit et retirer le marqueur « flou »"""),
    "CL615": N_("""\
Un catalogue dont la leçon n'existe plus (supprimée, ou renommée sans que `extract`
retrouve ses textes) : le travail des traducteurs y reste, rien ne l'utilise.

Faux : laisser `locales/en/ancienne-lecon.po` après avoir supprimé la leçon
Juste : `courselint extract --prune` une fois la traduction récupérée ou abandonnée"""),
    "CL701": N_("""\
Une leçon source contient un caractère invisible (espace sans chasse, caractère de
remplissage, séparateur de ligne), de contrôle (ESC, NUL…) ou bidirectionnel qui peut
cacher ou retourner du texte, dans la prose comme dans le code (« Trojan Source »).
Ce sont les caractères que CL606 refuse dans une traduction.

Faux : `docker run<U+202E>rm -rf` (U+202E retourne la suite du texte)
Juste : `docker run rm -rf`"""),
    "CL901": N_("""\
Un moteur de vérification configuré (Grammalecte, LanguageTool, Hunspell) n'a pas pu
démarrer : ses règles n'ont pas été vérifiées.

Faux : `grammar.engine = "grammalecte"` sans le paquet `python3-grammalecte`
Juste : installer le moteur, ou retirer `grammar.engine`"""),
})


def finding(code: str, path: str, where: Span, message: str, **details) -> Finding:
    """A finding of catalog code ``code`` (see :meth:`Code.finding`)."""
    return CODES[code].finding(path, where, message, **details)
