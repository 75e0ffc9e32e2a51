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
from glossator.progress import FORMATTING, Progress, silent, step


@dataclass
class FormattedCorpus:
    """What rendering needs, as one value: the linked corpus (its documents' key-cited
    notes given their text) and each work formatted, every mapping in bibliography order."""

    linked: LinkedCorpus
    entries: dict[str, FormattedEntry]
    bibtex: dict[str, str]
    csl_items: dict[str, dict]


def format_corpus(
    linked: LinkedCorpus,
    style_name: str | CitationStyle,
    essay_styles: dict[str, CitationStyle] | None = None,
    known: dict | None = None,
    progress: Progress = silent,
) -> FormattedCorpus:
    """Raises ValueError for an unknown site style (the caller reports it). The style
    is a name, or one already made (the build's, which caches its results).

    `essay_styles` gives the style an essay names in its front matter (`csl:`), by
    slug: its citations are formatted in it; the site's bibliography stays in the
    site's style.

    `known` holds each work's CSL-JSON and BibTeX from an earlier build, by the work's
    key, type, kind and fields (of which they are pure functions), and gets this
    build's in their place. `progress` hears of the bibliography, then of each essay."""
    style = style_name if isinstance(style_name, CitationStyle) else CitationStyle(style_name)
    essay_styles = essay_styles or {}
    earlier, done = known if known is not None else {}, {}
    for key, work in linked.works.items():
        identity = (key, work.entry_type, work.kind, tuple(work.fields.items()))
        found = earlier.get(identity)
        if found is None:
            item = to_csl_json(key, work.entry_type, work.kind, work.fields)
            found = (item, entry_to_bibtex(BibEntry(key, work.entry_type, work.fields, 0)))
        done[key] = identity, found
    if known is not None:
        known.clear()
        known.update(done.values())
    csl_items = {key: found[0] for key, (_, found) in done.items()}
    with step(progress, "Formatting the bibliography"):
        entries = style.entries(list(csl_items.values()))
    order = sorted(csl_items, key=lambda k: (sort_key_chicago(csl_items[k]), k))
    bibtex = {key: done[key][1][1] for key in order}
    documents = []
    for doc in linked.documents:
        documents.append(fill_citations(doc, csl_items, essay_styles.get(doc.slug, style)))
        progress(FORMATTING, len(documents), len(linked.documents))
    return FormattedCorpus(
        dataclasses.replace(linked, documents=documents),
        {k: entries[k] for k in order},
        bibtex,
        {k: csl_items[k] for k in order},
    )
