"""One cite as the engine hands it to citeproc-py: the work's reference looked up
once, the locator parsed from what the author wrote, and the flags the corrected
elements read (`disambiguate`)."""

from __future__ import annotations

import re

from citeproc.source import CitationItem, Locator
from citeproc.source.json import CiteProcJSON


class Cite(CitationItem):
    """A cite whose `reference` is looked up once, not via three properties per test,
    and with the `shape` by which the engine remembers which branches it takes."""

    reference = None  # shadow CitationItem's properties; set on the instance
    shape = None
    disambiguate = False  # whether `disambiguate="true"` holds for it


def make_cite(
    source: CiteProcJSON, key: str, locator: str | None = None, disambiguate: bool = False
) -> Cite:
    cite = Cite(key, locator=parse_locator(locator)) if locator else Cite(key)
    ref = vars(cite)["reference"] = source[key]
    label = cite["locator"].label if locator else None
    vars(cite)["shape"] = (ref["type"], frozenset(ref), label, disambiguate)
    if disambiguate:
        vars(cite)["disambiguate"] = True
    return cite


LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "chap": "chapter", "ch": "chapter", "chapter": "chapter",
    "sec": "section", "section": "section", "§": "section", "§§": "section",
    "para": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "n": "note", "nn": "note", "note": "note", "fig": "figure", "figure": "figure",
    "vol": "volume", "line": "line", "l": "line", "ll": "line",
}  # fmt: skip


def parse_locator(text: str) -> Locator:
    """`Locator` for "45", "45-47", "chap. 3", "n. 12" (the label defaults to page)."""
    text = re.sub(r"\s*[-–—]+\s*", "-", text.strip())
    match = re.match(r"(§§?|¶|[a-z]+)\.?\s+(?=\S)", text, re.I)
    if match and match[1].lower() in LABELS:
        return Locator(LABELS[match[1].lower()], text[match.end() :])
    return Locator("page", text)


_LETTERS = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}  # else one letter of each of the first four


def citation_label(item: dict) -> str | None:
    """The `citation-label` a processor makes when the input has none, as citeproc-js
    does: letters of the authors' (or editors') family names and the year's last two
    digits ("Lind99", "LiOk99", "LiOQ99", "LOQB99")."""
    names = item.get("author") or item.get("editor") or []
    families = [re.sub(r"\W", "", str(n.get("family") or n.get("literal") or "")) for n in names]
    families = [f for f in families if f]
    if not families:
        return None
    widths = _LETTERS.get(len(families), (1, 1, 1, 1))
    letters = "".join(f[:w] for f, w in zip(families, widths, strict=False))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    year = str(parts[0][0]) if parts and parts[0] else ""
    return letters + year[-2:]
