"""CL0xx: the file could not be read or parsed as a lesson.

The parser (:mod:`courselint.document`) and the engine find these problems; the
rules here only pass them on, so that they can be selected, ignored and documented
like any other rule.
"""

from __future__ import annotations

from courselint.findings import Severity
from courselint.rules.base import rule


def _problems(code: str):
    def check(lesson, ctx):
        return [f for f in lesson.problems if f.code == code]

    return check


def _input_rule(code: str, name: str, summary: str, severity: Severity = Severity.ERROR):
    check = _problems(code)
    check.__doc__ = summary
    check.__name__ = name.replace(".", "_").replace("-", "_")
    rule(code, name, severity=severity, scope="input")(check)


_input_rule("CL001", "input.unreadable", "Fichier illisible (droits, fichier disparu, dossier).")
_input_rule("CL002", "input.encoding", "Fichier qui n'est pas en UTF-8.")
_input_rule("CL003", "input.front-matter-syntax", "Front matter YAML ou TOML invalide.")
_input_rule("CL004", "input.binary", "Fichier binaire (octets NUL) au lieu d'une leçon Markdown.")
_input_rule("CL005", "input.front-matter-type", "Front matter qui n'est pas un dictionnaire de clés.")
_input_rule("CL006", "input.front-matter-unclosed", "Front matter jamais fermé.")
_input_rule("CL007", "input.nesting-too-deep", "Imbrication de listes ou de citations trop profonde.")
_input_rule("CL008", "input.unclosed-code-fence", "Bloc de code jamais fermé : la suite de la leçon devient du code.")
_input_rule("CL009", "input.unclosed-shortcode", "Shortcode Hugo jamais fermé (`{{<` sans `>}}`).")
