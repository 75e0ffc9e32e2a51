"""Match works to bibliography entries, and give the others keys of their own.

A fingerprint is what stays the same when a maintainer edits an entry (authors' family
names, year, the leading words of the title, the container), so a work cited in a note
still finds its entry after its title is corrected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from glossator.bibliography.entry import (
    FINGERPRINT_FIELD,
)
from glossator.notes.names import SUFFIXES, is_corporate, word_set

_STOP = word_set("a an and the of in on for to at by with from as or")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def _fold(text: str) -> str:
    """Case-folded, accents stripped, braces and apostrophes inside words dropped."""
    text = unicodedata.normalize("NFKD", text.replace("{", "").replace("}", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", text)  # "U.S." reads as "US"
    return re.sub(r"(?<=\w)['’‘`](?=\w)", "", text)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", _fold(text)) if w]


def _split_names(author: str) -> list[str]:
    """Split at top-level " and " (not inside braces), as BibTeX does."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(author):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and author[i : i + 5].lower() == " and " and i >= start:
            names.append(author[start:i])
            start = i + 5
    names.append(author[start:])
    return [n.strip() for n in names if n.strip()]


def _first_author(fields: dict[str, str]) -> str:
    """The first author's family name, or a whole corporate name, normalized."""
    for name_field in ("author", "editor", "organization", "institution"):
        names = _split_names(fields.get(name_field, ""))
        if names:
            break
    else:
        return ""
    name = names[0]
    corporate = name_field in ("organization", "institution")
    if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
        corporate = True  # braced as one group: a corporate name BibTeX must not split
    bare = name.replace("{", "").replace("}", "").strip()
    if corporate or ("," not in bare and is_corporate(bare)):
        words = _words(bare)
        return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
    if "," in bare:
        family = bare.split(",")[0].split()
    else:
        family = [t for t in bare.split() if t.lower() not in SUFFIXES] or bare.split()
    return "".join(_words(family[-1])) if family else ""


def _container(fields: dict[str, str]) -> str:
    text = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or ""
    words = _words(text)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _un_symbol(symbol: str) -> str:
    symbol = unicodedata.normalize("NFKC", symbol).upper()
    symbol = re.sub(r"\s*\(\s*\d{4}\s*\)\s*$", "", symbol)  # "S/RES/1373 (2001)"
    symbol = re.sub(f"[{_DASHES}]", "-", symbol)
    return re.sub(r"\s+", "", symbol).strip(".,;:")


def fingerprint(entry_type: str, fields: dict[str, str]) -> str:
    """An identity for matching a cited work to an existing entry despite trivial variation.

    UN documents are identified by symbol; other works by first author, year, the first
    six significant title words, container, volume and number, each normalized so
    quotes, accents, dashes, a leading "The" or a trailing period do not matter. The
    entry type is deliberately not part of it: a note may be classified differently. A
    `glossator-fingerprint` field wins, so a maintainer may correct the entry freely.
    """
    pinned = re.sub(r"\s+", " ", fields.get(FINGERPRINT_FIELD, "")).strip()
    if pinned:
        return pinned
    symbol = _un_symbol(fields.get("un_symbol", ""))
    if symbol:
        return f"un:{symbol}"
    year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
    title = [w for w in _words(fields.get("title", "")) if w not in _STOP][:6]
    author = _first_author(fields)
    if not author and not title and fields.get("note"):
        # An unparsed note is its own work: its whole text is its identity.
        return "note:" + " ".join(_words(fields["note"]))
    parts = [author, year.group(0) if year else "", " ".join(title)]
    parts.append(_container(fields))
    # Pages are left out: one note may give an article's range, another a pinpoint page.
    for name, label in (("volume", "v"), ("number", "n")):
        value = re.sub(f"[{_DASHES}]+", "-", _fold(fields.get(name, "")))
        value = re.sub(r"[^\w-]+", "", value).strip("-")
        if value:
            parts.append(label + value)
    return "|".join(parts)


def main_title(title: str) -> str:
    """A title without its subtitle: one note may give "The Footnote", another
    "The Footnote: A Curious History"."""
    return re.split(r"\s*[:?!]\s+|\s+[—–]\s+|\s+--\s+", title.strip(), maxsplit=1)[0]


def loose_key(fields: dict[str, str]) -> str:
    """What two citations of one work share despite their variants: first author's
    family name (initials or full given names alike), year, the main title's first
    significant words, the container without a parenthetical qualifier ("International
    Affairs (Royal Institute of International Affairs 1944-)"), volume and edition; so
    different editions and volumes stay apart while spelling variants merge."""
    symbol = _un_symbol(fields.get("un_symbol", ""))
    if symbol:
        return f"un:{symbol}"
    year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
    title = [w for w in _words(main_title(fields.get("title", ""))) if w not in _STOP][:6]
    container = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or ""
    container = re.sub(r"\s*\([^()]*\)\s*$", "", container)
    parts = [_first_author(fields), year.group(0) if year else "", " ".join(title)]
    parts.append(" ".join(w for w in _words(container) if w not in _STOP))
    for name, label in (("volume", "v"), ("edition", "e")):
        value = re.sub(r"[^\w]+", "", _fold(fields.get(name, "")))
        if value:
            parts.append(label + value)
    return "|".join(parts)


def _suffixes() -> Iterator[str]:
    """ "a", "b", … "z", "aa", "ab", …: the letters BibTeX users add to same-year keys."""
    n = 1
    while True:
        s, k = "", n
        while k:
            k, r = divmod(k - 1, 26)
            s = chr(ord("a") + r) + s
        yield s
        n += 1


def unique_key(base: str, taken: set[str]) -> str:
    """`base` if free, else `base` + "a", "b", … (the first not taken)."""
    if base not in taken:
        return base
    return next(base + s for s in _suffixes() if base + s not in taken)
