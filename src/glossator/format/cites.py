"""One cite as the engine hands it to citeproc-py: the work's reference looked up
once, the locator parsed from what the author wrote, and the flags the corrected
elements read (`disambiguate`, `author_in_text`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from citeproc.source import CitationItem, Locator
from citeproc.source.json import CiteProcJSON

from glossator.format.csl_text import AUTHOR_MARK

# Pandoc's `[-@key]`: the work is cited with a stand-in author (NO_AUTHOR_MARK)
# whose text and delimiter are then cut out, so the style neither prints the author
# nor substitutes its title.
SUPPRESSED_ID = "s"
# The author's names in a cite (`Names.process` put AUTHOR_MARK in their place), with
# the markers around them and the delimiter after them.
_AUTHOR = re.compile(f"[\ue000-\ue015]*{AUTHOR_MARK}[\ue000-\ue015]*[,.:;]?\\s*")


class Cite(CitationItem):
    """A cite whose `reference` is looked up once, not via three properties per test,
    and with the `shape` by which the engine remembers which branches it takes."""

    reference = None  # shadow CitationItem's properties; set on the instance
    shape = None
    disambiguate = False  # whether `disambiguate="true"` holds for it


@dataclass(frozen=True)
class CiteRequest:
    """One work of a citation group: its CSL-JSON item and what the author wrote around
    it. `suppress_author` leaves the author out (Pandoc's `[-@key]`); `author_in_text`
    sets the author's names in the sentence, the rest after them (`@key [45]` in a
    note); `author_only` is the names alone (`@key` in the body, whose rest is cited
    beside it)."""

    item: dict
    locator: str | None = None
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    author_in_text: bool = False
    author_only: bool = False


def request_cite(
    source: CiteProcJSON, ids: dict[str, str], request: CiteRequest, ambiguous: set[str]
) -> Cite:
    """The cite of one request, its affixes as Pandoc spaces them."""
    key = ids[str(request.item["id"])]
    cite = make_cite(source, key, request.locator, disambiguate=key in ambiguous)
    if request.prefix:
        cite["prefix"] = request.prefix.rstrip() + " "
    if request.suffix:
        suffix = request.suffix.strip()
        cite["suffix"] = ("" if suffix[:1] in ",.;:" else " ") + suffix
    if request.suppress_author:  # the same work for positions, named by a stand-in
        reference = source[ids[str(request.item["id"])] + SUPPRESSED_ID]
        vars(cite)["reference"] = reference
        vars(cite)["shape"] = (reference["type"], frozenset(reference), *cite.shape[2:])
    if request.author_in_text or request.author_only:
        vars(cite)["author_in_text"] = True
    return cite


def author_in_text(render: Callable[[], str], first: Cite, note_style: bool, cites: list) -> str:
    """A citation whose first cite is author-in-text, as Pandoc sets one in a note: the
    author's names as the style gives them at this position (`_names_at`), then the
    rest of the citation with the author left out, after a space in an in-text style
    ("Fritz et al. (2012, 75)") and a comma in a note style ("Susanne Fritz et al.,
    “Birds…,” 75"). `render` renders the citation; `cites` are those positions look
    back on."""
    if not vars(first).get("author_in_text"):
        return render()
    text, match, names = _names_at(render, first, cites)
    if names is None:
        return text
    rest = (text[: match.start()] + text[match.end() :] if match else text).strip()
    return names + (", " if note_style else " ") + rest if rest else names


def author_only(render: Callable[[], str], first: Cite, cites: list) -> str:
    """The names alone of an author-in-text cite in the body ("Susanne Fritz et al."
    where the work is first cited), as the style gives them at this position; the
    rendering leaves no trace on the positions, for the rest is cited beside it. ""
    where the style has none to give."""
    looked_back = len(cites)
    try:
        return _names_at(render, first, cites)[2] or ""
    finally:
        del cites[looked_back:]


def _names_at(render: Callable[[], str], first: Cite, cites: list) -> tuple:
    """The citation rendered, the match of its first cite's names in it, and those
    names. Where the style prints no names ("ibid 14") they are those of a later cite,
    the citation rendered again as one, leaving `cites` as they were; a style that
    prints none at all, or only a title in their place at a later position, gives
    None (Pandoc keeps "Anonymous Chronicle (Seuil, 1990), 4" as it is)."""
    text = render()
    match = _AUTHOR.search(text)
    if match is None:
        looked_back, vars(first)["not_ibid"] = len(cites), True
        try:
            render()
        finally:
            del cites[looked_back:]
            del vars(first)["not_ibid"]
    del vars(first)["author_in_text"]
    names = vars(first).pop("author_names", None)
    named = vars(first).pop("author_named", False)
    return text, match, names if match or named else None


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
