"""The data a researcher takes away: JSON per document, the sources, BibTeX, CSL-JSON.

Formats follow their contracts: document JSON `document.schema.json`; `sources.json`
one object per work with its citing places; `references.bib` and `sources.csl.json`
so Zotero and Pandoc users can load the corpus' bibliography as is.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from glossator.format.csl_text import FormattedEntry
from glossator.link.corpus import Work
from glossator.model import Document, document_to_json
from glossator.render.jsontext import dumps, list_item

# A document's export: each section's title, each block and each note on one line.
INLINE_KEYS = frozenset({"title"})
ROW_KEYS = frozenset({"blocks", "notes"})


def json_bytes(
    data: Any, compact: frozenset[str] = frozenset(), rows: frozenset[str] = frozenset()
) -> bytes:
    """Indented, UTF-8 JSON: readable when opened, byte-identical from build to build."""
    return (dumps(data, compact, rows) + "\n").encode("utf-8")


def source_item(work: Work, entry: FormattedEntry) -> dict[str, Any]:
    """One work in `sources.json`: its fields, formatted entry and citing places."""
    return {
        "key": work.key,
        "type": work.entry_type,
        "kind": work.kind,
        "fields": dict(work.fields),
        "formatted": entry.text,
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


def document_file(doc: Document) -> tuple[str, bytes]:
    """One document's export, `api/documents/<slug>.json`: a page of its own, rendered
    with the essay's page (and only when the essay's inputs change)."""
    return f"api/documents/{doc.slug}.json", json_bytes(
        document_to_json(doc), INLINE_KEYS, ROW_KEYS
    )


@dataclass(frozen=True)
class WorkData:
    """A work's parts of the corpus-wide data files, made with its source page (from
    the same inputs, so kept with it): its `sources.json` item and its CSL-JSON item,
    as UTF-8 with a NUL between them (JSON text has none), compressed. 1,000 essays'
    29,573 works held these as 50 MiB of strings (a text with one curly quote takes
    two bytes a character), in every build to the end of it; compressed, 12 MiB."""

    packed: bytes

    def parts(self) -> tuple[bytes, bytes]:
        """The `sources.json` item and the CSL-JSON item, as UTF-8."""
        source, _, csl = zlib.decompress(self.packed).partition(b"\0")
        return source, csl


def work_data(work: Work, entry: FormattedEntry, csl_item: Any) -> WorkData:
    source = list_item(source_item(work, entry)).encode("utf-8")
    csl = list_item(csl_item).encode("utf-8")
    return WorkData(zlib.compress(b"%s\0%s" % (source, csl), 1))


class CorpusFiles(Mapping[str, bytes]):
    """The corpus-wide data, the works in bibliography order, as JSON and BibTeX: each
    file made when asked for, so that the build's files (a `Spool`) take them one at a
    time (at 1,000 essays two 15 MB files and their text were held at once)."""

    def __init__(self, pieces: list[WorkData], bibtex: list[str]) -> None:
        self._make: dict[str, Callable[[], bytes]] = {
            "api/sources.json": lambda: _list_file(pieces, 0),
            "api/sources.csl.json": lambda: _list_file(pieces, 1),
            "references.bib": lambda: "\n".join(bibtex).encode("utf-8"),
        }

    def __getitem__(self, path: str) -> bytes:
        return self._make[path]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._make)

    def __len__(self) -> int:
        return len(self._make)


def _list_file(pieces: list[WorkData], part: int) -> bytearray:
    """`jsontext.list_of` the pieces' `part` (0 the source item, 1 the CSL item) and a
    newline, as UTF-8, one piece unpacked at a time, handed on as made (a copy into
    bytes was 15 MB more at 1,000 essays, the cold build's peak)."""
    if not pieces:
        return bytearray(b"[]\n")
    out = bytearray(b"[\n  ")
    for n, piece in enumerate(pieces):
        if n:
            out += b",\n  "
        out += piece.parts()[part]
    out += b"\n]\n"
    return out
