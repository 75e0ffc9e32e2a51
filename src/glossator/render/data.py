"""The data a researcher takes away: JSON per document, the sources, BibTeX, CSL-JSON.

Formats follow their contracts: document JSON `document.schema.json`; `sources.json`
one object per work with its citing places; `references.bib` and `sources.csl.json`
so Zotero and Pandoc users can load the corpus' bibliography as is.
"""

from __future__ import annotations

from typing import Any

from glossator.format.corpus import FormattedCorpus
from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import LinkedCorpus
from glossator.model import Document, document_to_json
from glossator.render.jsontext import dumps

# A document's export: each section's title, each block and each note on one line.
INLINE_KEYS = frozenset({"title"})
ROW_KEYS = frozenset({"blocks", "notes"})


def json_bytes(
    data: Any, compact: frozenset[str] = frozenset(), rows: frozenset[str] = frozenset()
) -> bytes:
    """Indented, UTF-8 JSON: readable when opened, byte-identical from build to build."""
    return (dumps(data, compact, rows) + "\n").encode("utf-8")


def sources_json(
    linked: LinkedCorpus, formatted: dict[str, FormattedEntry], keys: list[str]
) -> list[dict[str, Any]]:
    items = []
    for key in keys:
        work = linked.works[key]
        items.append(
            {
                "key": key,
                "type": work.entry_type,
                "kind": work.kind,
                "fields": dict(work.fields),
                "formatted": formatted[key].text,
                "url": work.url,
                "curated": work.curated,
                "cited_by": [
                    {
                        "document": p.document,
                        "note": p.note,
                        "paragraph": p.paragraph,
                        "marker": p.marker,
                        "locator": p.locator,
                    }
                    for p in work.cited_by
                ],
            }
        )
    return items


def document_file(doc: Document) -> tuple[str, bytes]:
    """One document's export, `api/documents/<slug>.json`: a page of its own, rendered
    with the essay's page (and only when the essay's inputs change)."""
    return f"api/documents/{doc.slug}.json", json_bytes(
        document_to_json(doc), INLINE_KEYS, ROW_KEYS
    )


def corpus_files(corpus: FormattedCorpus) -> dict[str, bytes]:
    """The corpus-wide data: the works in bibliography order, as JSON and BibTeX."""
    linked, formatted, bibtex, csl_items = (
        corpus.linked,
        corpus.entries,
        corpus.bibtex,
        corpus.csl_items,
    )
    keys = list(formatted)
    return {
        "api/sources.json": json_bytes(sources_json(linked, formatted, keys)),
        "api/sources.csl.json": json_bytes([csl_items[k] for k in keys]),
        "references.bib": "\n".join(bibtex[k] for k in keys).encode("utf-8"),
    }
