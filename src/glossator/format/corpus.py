"""Format the linked corpus' works: the CSL style's entries, BibTeX and CSL-JSON.

Runs after linking and before rendering. Notes that cite by key (`[@key, 45]`) get
their text here: the group is replaced by the style's note form of each work.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from glossator.bibliography import BibEntry, entry_to_bibtex
from glossator.format.csl_json import sort_key_chicago, to_csl_json
from glossator.format.csl_text import FormattedEntry
from glossator.format.engine import CitationStyle
from glossator.link.corpus import LinkedCorpus
from glossator.model import Document, Note
from glossator.model.citekeys import find_groups


@dataclass
class FormattedCorpus:
    """What rendering needs, as one value: the linked corpus (its documents' key-cited
    notes given their text) and each work formatted, every mapping in bibliography order."""

    linked: LinkedCorpus
    entries: dict[str, FormattedEntry]
    bibtex: dict[str, str]
    csl_items: dict[str, dict]


def format_corpus(linked: LinkedCorpus, style_name: str) -> FormattedCorpus:
    """Raises ValueError for an unknown style (the caller reports it)."""
    style = CitationStyle(style_name)
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
    documents = [_fill_key_notes(doc, csl_items, style) for doc in linked.documents]
    return FormattedCorpus(
        dataclasses.replace(linked, documents=documents),
        {k: entries[k] for k in order},
        bibtex,
        {k: csl_items[k] for k in order},
    )


def _fill_key_notes(doc: Document, csl_items: dict[str, dict], style: CitationStyle) -> Document:
    notes = []
    for note in doc.notes:
        groups = find_groups(note.text)
        if not groups:
            notes.append(note)
            continue
        text, cursor = "", 0
        for start, end, items in groups:
            text += note.text[cursor:start]
            cited = [
                style.note(csl_items[i.key], i.locator).text.rstrip(".")
                if i.key in csl_items
                else f"@{i.key}"
                for i in items
            ]
            prefix = [f"{i.prefix} " if i.prefix else "" for i in items]
            text += "; ".join(p + c for p, c in zip(prefix, cited, strict=True))
            cursor = end
        text += note.text[cursor:]
        text = text.strip()
        if not text.endswith((".", "?", "!")):
            text += "."
        notes.append(Note(note.number, note.id, text, note.sources, note.line))
    return dataclasses.replace(doc, notes=notes)
