"""Format the linked corpus' works: the CSL style's entries, BibTeX and CSL-JSON.

Runs after linking and before rendering. Pandoc citations (`[@key, 45]`) get their
text here, in the style's note forms, positions applied (`citations.py`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from glossator.bibliography import BibEntry, entry_to_bibtex
from glossator.format.citations import fill_citations
from glossator.format.csl_json import sort_key_chicago, to_csl_json
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle
from glossator.link.corpus import LinkedCorpus


@dataclass
class FormattedCorpus:
    """What rendering needs, as one value: the linked corpus (its documents' key-cited
    notes given their text) and each work formatted, every mapping in bibliography order."""

    linked: LinkedCorpus
    entries: dict[str, FormattedEntry]
    bibtex: dict[str, str]
    csl_items: dict[str, dict]


def format_corpus(
    linked: LinkedCorpus, style_name: str, essay_styles: dict[str, str] | None = None
) -> FormattedCorpus:
    """Raises ValueError for an unknown site style (the caller reports it).

    `essay_styles` gives the style an essay names in its front matter (`csl:`), by
    slug: its citations are formatted in it; the site's bibliography stays in the
    site's style. The caller has checked those styles (`check_style`)."""
    style = CitationStyle(style_name)
    styles = {style_name: style}
    for name in sorted(set((essay_styles or {}).values())):
        styles.setdefault(name, CitationStyle(name))
    csl_items = {
        key: to_csl_json(key, work.entry_type, work.kind, work.fields)
        for key, work in linked.works.items()
    }
    entries = style.entries(list(csl_items.values()))
    order = sorted(csl_items, key=lambda k: (sort_key_chicago(csl_items[k]), k))
    bibtex = {
        key: entry_to_bibtex(
            BibEntry(key, linked.works[key].entry_type, linked.works[key].fields, 0)
        )
        for key in order
    }
    documents = [
        fill_citations(doc, csl_items, styles[(essay_styles or {}).get(doc.slug, style_name)])
        for doc in linked.documents
    ]
    return FormattedCorpus(
        dataclasses.replace(linked, documents=documents),
        {k: entries[k] for k in order},
        bibtex,
        {k: csl_items[k] for k in order},
    )


def check_style(name: str) -> str | None:
    """Why `name` cannot be used as a citation style, or None when it can."""
    try:
        CitationStyle(name)
    except ValueError as exc:
        return str(exc)
    return None
