r"""Translation pipeline: gettext catalogs for lessons, translated lessons for Hugo.

::

    lesson.md ─ units.lesson_units ─► extract: locales/REL.pot ─ msgmerge semantics ─► locales/LANG/REL.po
    lesson.md + LANG/REL.po ─ render.splice ─► verify.structure == source ? ─► lesson.LANG.md

Modules
-------
``units``    the translatable units of a lesson (one definition for extract and build)
``catalog``  layout, strict reading, merging, writing, locking of ``.po``/``.pot`` files
``extract``  ``extract(lessons, config, locales) -> (written, findings)``
``render``   ``build(lessons, config, locales, min_translated) -> (written, findings)``
``verify``   structure of a lesson / of one translated string (build and CL6xx share it)
``stats``    ``stats(lessons, config, locales) -> (rows, findings)``, ``totals``, ``badge``
``links``    link targets of a translated page made right for its URL (Hugo's URL settings)
``checks``   the per-entry checks shared by ``check`` and ``build``
``babel_extractor``  the ``babel.extractors`` entry point (``pybabel extract``)

Layout and choices
------------------
- One catalog per lesson.  ``REL`` is the lesson's path relative to the configured
  content folder that holds it (``paths``), without ``.md``:
  ``content/docker/2-05-x.md`` -> ``locales/docker/2-05-x.pot`` and
  ``locales/en/docker/2-05-x.po``.  Weblate: one component per lesson, file mask
  ``locales/*/docker/2-05-x.po``, template ``locales/docker/2-05-x.pot`` (a chapter
  folder named like a locale would clash: avoid ``content/en/``).  Weblate's
  component discovery add-on finds them all with the regular expression
  ``locales/(?P<language>[^/.]+)/(?P<component>.+)\.po`` and the template
  ``locales/{{ component }}.pot``.  Poedit opens the ``.po`` and updates it from
  the ``.pot``.
- Translated lessons: ``lesson.LANG.md`` beside the lesson (``i18n.layout = "suffix"``,
  Hugo's translation by file name), or ``i18n.layout = "directory"``: the same
  relative path under ``i18n.content_dirs[LANG]`` (default: ``<content>.LANG`` next
  to the content folder), Hugo's translation by content directory.
- ``extract`` merges templates into the ``.po`` of each locale given (``--locale``,
  else ``locales``).  Teams whose translation platform merges the ``.po`` files
  themselves (Weblate's "update PO files" add-on) set ``i18n.merge = false``: then
  ``extract`` only refreshes the templates and never writes a ``.po``.
- msgids: headings, paragraphs, list items, blockquote paragraphs, table cells,
  alt text of a standalone image, front matter string keys (``i18n.keys``, with
  ``msgctxt`` = the key) and the shortcode parameters named in
  ``i18n.shortcode_params`` (``caption``, ``title``, ``alt``).  Structure stays out:
  markers, indentation, tags, ``YEAR :`` (the year is a ``#.`` comment), trailing
  hard breaks (spaces or backslash), shortcodes that open or close a block, code.
  Line breaks inside a unit are ``\\n``.  Identical strings share one entry.
- Wrap width: 79 columns (GNU gettext's) for new catalogs, ``i18n.width``; an
  existing catalog keeps its own, and one whose entries did not change is never
  rewritten, whatever tool laid it out.
- Headers: written once; a ``.po`` header is then kept byte for byte (only
  ``POT-Creation-Date`` follows the template).  ``Plural-Forms`` is explicit
  (French ``nplurals=2; plural=(n > 1);``); templates carry none.  The template's
  creation date moves only when its entries change; ``SOURCE_DATE_EPOCH`` pins it.
- Never lost: files are replaced atomically; a ``.po`` that does not parse
  (Babel strict mode plus our own syntax and duplicate check) is left untouched
  and reported (CL609); ``extract`` holds an ``flock`` on the ``locales/``
  directory while it reads, merges and writes (no lock file to commit).
- ``#:`` references carry no whitespace (``%20``) and are read leniently: a
  reference is a comment, never a reason to refuse a catalog.
- ``build`` uses translated entries, and fuzzy ones by ``i18n.fuzzy`` (never one
  the translation memory filled); the rest stays French.  Below
  ``i18n.min_translated`` percent of translated units the lesson is not written
  (CL611; a stale page left on disk is CL613); a translation that changes the
  structure, or fails an error entry check that no translator comment silences,
  refuses the lesson (CL612, at the ``.po`` line of the guilty entry).
"""
