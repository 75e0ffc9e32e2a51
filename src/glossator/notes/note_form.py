"""Chicago's note form, where commas (not periods) separate the parts: books with their
translators, editors, volumes and editions; archival items; documents of any
government, parliament, NGO or international body (cases, statutes and treaties are
in legal.py).

Each reader takes one citation's text (locator already taken off) and returns a work or
None; none guesses at what the text does not show.
"""

from __future__ import annotations

import re

from glossator.notes import kinds as K
from glossator.notes import shapes as S
from glossator.notes.names import (
    JOINED_PARTICLE,
    ORG_WORDS,
    PARTICLES,
    is_corporate,
    looks_like_name_or_org,
    word_set,
)
from glossator.notes.work import ParsedWork, authors_field, make_work

_ROLE = re.compile(
    r"^(?P<role>trans\.|translated by|ed\.|eds\.|edited by|comp\.|compiled by)\s+(?P<names>.+)$",
    re.I,
)
_INVERTED = re.compile(r"^(?:[^\W\d_][\w'’\-]+\s+)*(?:[A-Z]\.\s*)+\s*[A-Z“\"]")
_VOLUMES = re.compile(r"^(?P<n>\d+)\s+vols?\.?$", re.I)
# "vol. 2" and its abbreviations in the languages cited: tome, Band, tomo, том
_VOLUME = re.compile(r"^(?:vol|t|bd|tomo|т)\.\s*(?P<n>[\dIVXLC]+)(?:\s+of\s+.+)?$", re.I)
_EDITION = re.compile(r"^(?P<ed>\d+(?:st|nd|rd|th)|rev\.|new|revised|abridged|\w+)\s+ed\.?$", re.I)


def _name_token(tok: str) -> bool:
    bare = tok.strip(".,")
    if not bare:
        return False
    low = bare.lower()
    if low in PARTICLES or low in ("and", "&", "et", "al"):
        return True
    if JOINED_PARTICLE.match(low):
        return True
    head = bare[0]
    return head.isupper() or (head.isalpha() and head.lower() == head.upper())


def is_person_list(text: str) -> bool:
    """ "Anthony Grafton", "Robert O. Keohane and Joseph S. Nye", "Madawi al-Rasheed"."""
    names = [n for n in re.split(r",?\s+(?:and|&)\s+|,\s+", text.strip()) if n]
    if not names or len(names) > 6:
        return False
    for name in names:
        toks = re.sub(r"\bet al\.?$", "", name).split()
        if not 1 <= len(toks) <= 5 or not all(_name_token(t) for t in toks):
            return False
        if any(t.lower().strip(".,") in ORG_WORDS for t in toks):
            return False
    return True


def _is_org(text: str) -> bool:
    toks = text.split()
    return len(toks) > 1 and is_corporate(text) and looks_like_name_or_org(text)


_UNITS = word_set(
    "office ministry department committee council commission bureau agency directorate "
    "division secretariat mission embassy court parliament assembly senate house cabinet "
    "delegation directorate-general subcommittee board"
)


def _is_unit(text: str) -> bool:
    """An organ of the body before it ("Committee of Ministers"), not a genre ("Press Release")."""
    return _is_org(text) and bool(set(text.lower().split()) & _UNITS)


def pieces(text: str) -> list[str]:
    """Split at ", " outside parentheses."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and text.startswith(", ", i):
            out.append(text[start:i])
            start = i + 2
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


# Words of titles ("The Margins, and Other Essays") that are no one's name.
_TITLE_WORDS = word_set("the a an other selected collected essays letters papers works studies")


def split_author(parts: list[str]) -> tuple[str | None, list[str]]:
    """The author pieces of a note-form citation, and the rest."""
    if len(parts) < 2:
        return None, parts
    first = parts[0]
    if is_person_list(first):  # "A, B, and C, Title": three or more, the last after "and"
        last = next((k for k, p in enumerate(parts[1:-1], 1) if p.startswith(("and ", "& "))), 0)
        names = ", ".join(parts[: last + 1])
        if last and is_person_list(names) and not _TITLE_WORDS & set(names.lower().split()):
            return names, parts[last + 1 :]
    if is_person_list(first) or _is_org(first):
        n = 1
        while n < len(parts) - 1 and _is_unit(parts[n]) and _is_org(first):
            n += 1  # "United Kingdom, Foreign and Commonwealth Office, Title"
        return ", ".join(parts[:n]), parts[n:]
    if " and " in first or "," in first:
        return None, parts
    return None, parts


def book(raw: str, locator: str | None, head: str, facts: dict[str, str]) -> ParsedWork | None:
    """ "Author, Title, trans. X, 2 vols. (Place: Publisher, Year)": head is before the facts."""
    author, rest = split_author(pieces(head))
    editors = None
    if author and rest and re.fullmatch(r"eds?\.", rest[0]):  # "Jane Doe, ed., Title"
        editors, author, rest = author, None, rest[1:]
    if author and rest and _INVERTED.match(rest[0]):
        return None  # "Waltz, Kenneth N. Theory of …": bibliography form, read elsewhere
    title_parts, extra = [], {}
    for i, part in enumerate(rest):
        role = _ROLE.match(part)
        if i and role:
            names = ", ".join([role["names"], *rest[i + 1 :]])
            names = re.split(r",\s+(?=\d+\s+vols?\.?$|vol\.|\w+\s+ed\.?$)", names)[0]
            slot = "translator" if role["role"].lower().startswith("trans") else "editor"
            extra[slot] = authors_field(names)
            for later in rest[i + 1 :]:
                _facet(later, extra)
            break
        if i and _facet(part, extra):
            continue
        title_parts.append(part)
    title = ", ".join(title_parts).strip()
    if not title or (author is None and len(rest) > 1 and not title_parts):
        return None
    author_field = authors_field(author)
    if author and author in facts.get("publisher", ""):
        author_field = "{" + author + "}"  # "Amnesty International" published by itself
    if editors:
        extra["editor"] = authors_field(editors)
    if "translator" in extra:
        extra["note"] = "Translated by " + _plain(extra.pop("translator"))
    return make_work(
        "book",
        raw,
        locator or facts.pop("loc", None),
        author=author_field,
        title=title,
        **extra,
        **{k: v for k, v in facts.items() if k != "loc"},
    )


def _plain(names: str | None) -> str:
    people = [" ".join(reversed(n.split(", ", 1))) for n in (names or "").split(" and ")]
    return " and ".join(people)


def _facet(part: str, extra: dict[str, str | None]) -> bool:
    if m := _VOLUME.match(part):
        extra["volume"] = m["n"]
        return True
    if m := _VOLUMES.match(part):
        extra["howpublished"] = f"{m['n']} vols."
        return True
    if m := _EDITION.match(part):
        extra["edition"] = re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", m["ed"])
        return True
    return False


# --- archival items ---------------------------------------------------------------------

_ARCHIVE_WORDS = re.compile(
    r"\b(?:box|folder|file|folio|fol\.|series|record group|RG\s\d|MS\.?\s|MSS|papers|collection"
    r"|archives?|manuscripts?|library|records)\b",
    re.I,
)
_DATE_PIECE = re.compile(
    r"^(?:\d{1,2}\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},\s+\d{4}|\w+\.?\s+\d{4}|\d{4}|n\.d\.)$"
)


def archival(raw: str, locator: str | None, text: str) -> ParsedWork | None:
    """ "Kennan to Acheson, 3 May 1949, box 27, folder 4, Kennan Papers, Mudd Library"."""
    parts = _rejoin_dates(pieces(text))
    dated = [i for i, p in enumerate(parts) if _DATE_PIECE.match(p)]
    if not dated or len(parts) < 3:
        return None
    i = dated[0]
    place = parts[i + 1 :]
    if not i or not place or not _ARCHIVE_WORDS.search(", ".join(place)):
        return None
    item = ", ".join(parts[:i])
    date = S.parse_date(parts[i]) or {}
    where = [
        p
        for p in place
        if not re.match(r"^(?:box|folder|file|folio|fol\.|series|item|no\.)\s", p, re.I)
    ]
    shelf = [p for p in place if p not in where]
    collection = next(
        (p for p in where if re.search(r"\b(?:papers|collection|records|MSS?)\b", p, re.I)), None
    )
    repository = ", ".join(p for p in where if p != collection) or None
    sender = re.split(r"\s+to\s+", item)[0] if " to " in item else None
    author = sender if sender and is_person_list(sender) else None
    return make_work(
        "archival",
        raw,
        locator,
        author=authors_field(author),
        title=item,
        howpublished=collection,
        organization=repository,
        note=", ".join(shelf) or None,
        **date,
    )


def _rejoin_dates(parts: list[str]) -> list[str]:
    """ "March 20", "1999" back together: a US date holds a comma."""
    out: list[str] = []
    for part in parts:
        if (
            out
            and re.fullmatch(r"\d{4}", part)
            and re.fullmatch(r"[A-Z][a-z]+\.?\s+\d{1,2}", out[-1])
        ):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


# --- documents of governments, parliaments, NGOs and international bodies -------------

_NUMBER = re.compile(
    r"^(?:(?:No\.|Doc\.|Document|Report|Resolution|Recommendation|Decision|Regulation|Directive)"
    r"\s+)?[\w().\-/]*\d[\w().\-/]*(?:\s+final)?$"
)
_PARA = re.compile(r"^(?:paras?\.|§|art\.|arts\.|sec\.)\s*\d[\w–\-]*$", re.I)


def official(raw: str, locator: str | None, text: str) -> ParsedWork | None:
    """ "Body[, Organ], Title[, Number], Date": any government, parliament or NGO; a UN
    document symbol is recognised (and linked) only in its real shape."""
    symbol_match = K.UN_DOC_SYMBOL.search(text)
    parts = _rejoin_dates(pieces(text))
    if not parts:
        return None
    author, rest = split_author(parts)
    if author is not None and not _is_org(author.split(", ")[0]):
        author = None if not K.is_un_body(author) else author
        rest = parts if author is None else rest
    date: dict[str, str] = {}
    numbers, title_parts = [], []
    if len(rest) > 1 and re.fullmatch(r"\d{1,3}(?:[-–]\d{1,3})?", rest[-1]):
        locator, rest = locator or rest[-1], rest[:-1]  # "…, S/PV.3988 (24 March 1999), 2"
    for part in rest:
        if symbol_match and symbol_match["symbol"] in part:
            part = part.replace(symbol_match["symbol"], "").strip(" ,")
            if not part:
                continue
        bare = re.sub(r"^(?:of|dated|on)\s+", "", part)
        if not date and (found := S.parse_date(bare.strip("() "))):
            date = found
        elif _PARA.match(part):
            locator = locator or part
        elif title_parts and _NUMBER.match(part) and not re.fullmatch(r"\d{4}", part):
            numbers.append(part)
        else:
            inner = re.search(r"\s*\(([^()]*\d{4})\)$", part)
            if inner and not date and (found := S.parse_date(inner[1])):
                date, part = found, part[: inner.start()]
            title_parts.append(part)
    if symbol_match:
        return _un_symbol(raw, locator, author, title_parts, symbol_match["symbol"], date)
    if not author or not title_parts or not (date or numbers):
        return None
    title = ", ".join(title_parts)
    press = re.fullmatch(r"press release[:.]?\s*(.*)", title, re.I)
    kind = "government-document"
    if K.is_un_body(author):
        kind = "un-document"
    return make_work(
        kind,
        raw,
        locator,
        author=authors_field(author),
        title=(press[1] or title) if press else title,
        howpublished="Press release" if press else None,
        number=", ".join(numbers) or None,
        **date,
    )


def _un_symbol(
    raw: str,
    locator: str | None,
    author: str | None,
    title_parts: list[str],
    symbol: str,
    date: dict[str, str],
) -> ParsedWork:
    symbol = re.sub(r"\s+", " ", symbol)
    kind = "un-resolution" if "/RES/" in symbol else "un-document"
    year = re.search(r"\((\d{4})\)", symbol)
    fields = {"year": year[1]} if year and "year" not in date else {}
    title = ", ".join(title_parts) or symbol
    number = re.search(r"/RES/(\d+(?:/\d+)?)", symbol)
    return make_work(
        kind,
        raw,
        locator,
        author=authors_field(author),
        title=title,
        number=number[1] if number else None,
        un_symbol=symbol,
        url=K.undocs_url(symbol),
        **date | fields,
    )
