"""Parse the text of one Chicago-style footnote into structured works.

Research essays cite in bibliography form, note form or a mix of both, with straight or
curly quotes; the parser reads the shape (quoted title, "(Place: Publisher, Year)",
"Vol, no. N (Year): pages", a trailing date) rather than trusting one template. It
never raises: a note that looks like a citation but fits no shape comes back as one
`misc` work with `confident=False`, so later stages can report it instead of losing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossator.notes import shapes as S
from glossator.notes.names import (
    bibtex_author_field,
    is_corporate,
    looks_like_name_or_org,
    parse_authors,
)

FIELD_ORDER = (
    *("author", "editor", "title", "booktitle", "journal", "volume", "number", "pages"),
    *("year", "month", "day", "publisher", "address", "howpublished", "organization"),
    *("institution", "note", "un_symbol", "url"),
)


@dataclass(frozen=True)
class ParsedWork:
    """One cited work. `fields` use BibTeX names; month and day are numbers ("9", "23")."""

    entry_type: str
    kind: str
    fields: tuple[tuple[str, str], ...]
    raw: str
    locator: str | None = None
    confident: bool = True

    def field(self, name: str) -> str | None:
        """The value of a field, or None when the note did not give it."""
        return next((v for k, v in self.fields if k == name), None)


ENTRY_TYPES = {
    "journal-article": "article",
    "newspaper-article": "article",
    "magazine-article": "article",
    "news-agency": "article",
    "book": "book",
    "incollection": "incollection",
    "web-page": "online",
}


def _work(kind: str, raw: str, locator: str | None, **fields: str | None) -> ParsedWork:
    items = tuple((k, fields[k]) for k in FIELD_ORDER if fields.get(k))
    entry_type = ENTRY_TYPES.get(kind, "misc")
    kind = "book" if kind == "incollection" else kind
    return ParsedWork(entry_type, kind, items, raw, locator, True)


def _fallback(raw: str) -> ParsedWork:
    return ParsedWork("misc", "other", (("note", raw),), raw, None, False)


def _authors(text: str | None) -> str | None:
    return bibtex_author_field(parse_authors(text)) or None if text else None


def parse_note(text: str) -> list[ParsedWork]:
    """All works one note cites, in order; [] for a purely discursive note."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    if not text:
        return []
    segments = S.split_works(text)
    parsed = [_parse_segment(s) for s in segments]
    if len(segments) > 1 and None in parsed:
        whole = _parse_segment(text)  # a ";" may belong to an unquoted title
        if whole is not None:
            return [whole]
    works = []
    for seg, work in zip(segments, parsed, strict=True):
        if work is None and S.looks_like_citation(seg):
            work = _fallback(seg)
        if work is not None:
            works.append(work)
    return works


def _parse_segment(raw: str) -> ParsedWork | None:
    text, url, note = S.take_url_and_access(S.strip_lead_in(raw))
    text, locator = S.take_locator(text)
    quoted = S.find_quoted_title(text)
    try:
        if quoted:
            work = _parse_quoted(raw, locator, *quoted)
        else:
            work = _parse_unquoted(raw, locator, text)
    except (ValueError, IndexError):  # defensive: a shape that half-fits is just unparsed
        return None
    if work is None:
        return None
    extra = tuple((k, v) for k, v in (("note", note), ("url", url)) if v and not work.field(k))
    if extra:
        merged = dict(work.fields) | dict(extra)
        fields = tuple((k, merged[k]) for k in FIELD_ORDER if k in merged)
        work = ParsedWork(work.entry_type, work.kind, fields, raw, work.locator, True)
    return work


def _parse_quoted(
    raw: str, locator: str | None, pre: str, title: str, post: str
) -> ParsedWork | None:
    """Article-like works: `Author. "Title." Container ...`."""
    pre = pre.strip().rstrip(",;:").strip()
    if pre and not looks_like_name_or_org(pre):
        return None
    if not title:
        return None
    author = _authors(pre)
    m = S.SPEECH.match(post)
    if m:
        rest, date = S.split_trailing_date(m["inner"])
        genre, _, place = rest.partition(",")
        org = m["org"].strip(" .")
        return _work(
            "speech",
            raw,
            locator,
            author=author,
            title=title,
            howpublished=genre.strip(),
            address=place.strip(),
            organization=org,
            **date,
        )
    m = S.IN_BOOK.match(post)
    if m:
        return _work(
            "incollection",
            raw,
            locator or m["loc"],
            author=author,
            title=title,
            booktitle=m["booktitle"],
            editor=_authors(m["editors"]),
            pages=S.dashes(m["pages"]),
            publisher=m["publisher"].strip(),
            address=m["address"].strip(),
            year=m["year"],
        )
    m = S.JOURNAL.match(post) or S.JOURNAL_NO_VOLUME.match(post)
    if m:
        parts = m.groupdict()
        pages, loc = parts.get("pages"), parts.get("loc")
        if pages and not re.search(r"[-–—]", pages):
            pages, loc = None, loc or pages  # a single page in a note is the page cited
        elif not pages and locator and "--" in locator:
            pages, locator = locator, None  # "(2005), pp. 7-45": the article's range
        date = S.parse_date(parts["date"]) or {}
        return _work(
            "journal-article",
            raw,
            locator or loc,
            author=author,
            title=title,
            journal=parts["journal"].strip(" ,."),
            volume=parts.get("volume"),
            number=parts.get("number") or parts.get("number_only"),
            pages=S.dashes(pages),
            **date,
        )
    rest, date = S.split_trailing_date(post)
    container = rest.strip(" .,;:")
    if container and not (looks_like_name_or_org(container) and re.search(r"[^\W\d]", container)):
        return None
    if not pre and not container and not date:
        return None
    kind = S.container_kind(pre, container, title)
    slot = "journal" if kind.endswith(("article", "agency")) else "organization"
    return _work(kind, raw, locator, author=author, title=title, **{slot: container}, **date)


def _parse_unquoted(raw: str, locator: str | None, text: str) -> ParsedWork | None:
    """Works whose title is not quoted: UN documents, laws, books, reports, pages."""
    text, facts = S.take_book_facts(text)
    elements = S.sentences(text)
    if not elements:
        return None
    if facts:
        author, title = S.split_author_title(elements)
        if not title or (author and not looks_like_name_or_org(author)):
            return None
        return _work(
            "book",
            raw,
            locator or facts.pop("loc", None),
            author=_authors(author),
            title=title,
            **facts,
        )
    un = _parse_un(raw, locator, elements)
    if un is not None:
        return un
    law = _parse_legislation(raw, locator, elements)
    if law is not None:
        return law
    return _parse_generic(raw, locator, elements)


def _parse_un(raw: str, locator: str | None, elements: list[str]) -> ParsedWork | None:
    hits = [i for i, el in enumerate(elements) if S.is_un_document(el)]
    if not hits:
        return None
    i = hits[0]
    el = elements[i]
    res, draft, press = S.UN_RES.match(el), S.UN_DRAFT.match(el), S.UN_PRESS.match(el)
    author_text = ". ".join(elements[:i])
    if author_text and not looks_like_name_or_org(author_text):
        return None
    rest, date = S.split_trailing_date(". ".join(elements[i + 1 :]))
    if rest.strip(" ."):
        return None
    common = dict(author=_authors(author_text), **date)
    if res:
        year = res["year"] or date.get("year")
        if "/" in res["num"]:  # General Assembly: the session is in the number, "70/1"
            symbol = f"A/RES/{res['num']}"
        else:
            symbol = f"S/RES/{res['num']}" + (f" ({year})" if year else "")
        return _work(
            "un-resolution",
            raw,
            locator,
            title=el,
            number=res["num"],
            un_symbol=symbol,
            url=S.undocs_url(symbol),
            **common | {"year": year},
        )
    if draft:
        symbol = f"S/{draft['year']}/{draft['num']}"
        return _work(
            "un-draft-resolution",
            raw,
            locator,
            title=el,
            un_symbol=symbol,
            url=S.undocs_url(symbol),
            **common | {"year": date.get("year") or draft["year"]},
        )
    rest = press["rest"].strip()
    if S.UN_SYMBOL.fullmatch(rest):
        url = S.press_release_url(rest, date)
        return _work(
            "un-press-release",
            raw,
            locator,
            title=el,
            howpublished="Press release",
            un_symbol=rest,
            url=url,
            **common,
        )
    return _work(
        "un-press-release", raw, locator, title=rest, howpublished="Press release", **common
    )


def _parse_legislation(raw: str, locator: str | None, elements: list[str]) -> ParsedWork | None:
    bills = [e for e in elements if S.BILL.fullmatch(e)]
    sessions = [e for e in elements if S.CONGRESS.fullmatch(e)]
    acts = [e for e in elements if re.search(r"\bAct\b", e)]
    if not acts or not (bills or sessions):
        return None
    title = acts[0]
    author = ". ".join(elements[: elements.index(title)])
    rest = [e for e in elements[elements.index(title) + 1 :] if e not in bills + sessions]
    rest_text, date = S.split_trailing_date(". ".join(rest))
    if rest_text.strip(" ."):
        return None
    return _work(
        "legislation",
        raw,
        locator,
        author=_authors(author),
        title=title,
        number=bills[0] if bills else None,
        note=", ".join(sessions) or None,
        **date,
    )


def _parse_generic(raw: str, locator: str | None, elements: list[str]) -> ParsedWork | None:
    """`Author. Title. Publisher. Date.` with any of author, publisher, date missing."""
    rest, date = S.split_trailing_date(". ".join(elements))
    parts = S.sentences(rest) if rest else []
    if not parts:
        return None
    author_parts: list[str]
    publisher = None
    if len(parts) == 1:
        author, title = S.split_author_title(parts)
        author_parts = [author] if author else []
        if not author or not date:
            return None
    elif len(parts) == 2:
        first, second = parts
        # "Title. Publisher." when the second part names an organisation and the first
        # cannot be an author; otherwise Chicago's "Author. Title."
        no_author = not is_corporate(first) and "," not in first
        if S.is_publisher(second) or (no_author and is_corporate(second)):
            author_parts, title, publisher = [], first, second
        else:
            author_parts, title = [first], second
    elif is_corporate(parts[-1]):
        author_parts, title, publisher = parts[:-2], parts[-2], parts[-1]
    else:
        author_parts, title = parts[:-1], parts[-1]
    author = ". ".join(author_parts)
    if any(not looks_like_name_or_org(p) for p in author_parts + [publisher or "X"]):
        return None
    if not date and not (len(parts) >= 3 and is_corporate(author)):
        return None  # too little evidence that this is a citation rather than prose
    kind = S.unquoted_kind(author, publisher, title)
    return _work(
        kind, raw, locator, author=_authors(author), title=title, organization=publisher, **date
    )


def work_key(work: ParsedWork) -> str:
    """A readable, stable BibTeX key: name + year + first significant title word."""
    year = work.field("year") or ""
    author = (work.field("author") or "").split(" and ")[0]
    body = S.un_body(author.strip("{}"), work.field("un_symbol"))
    symbol = work.field("un_symbol")
    if symbol and body:
        if work.kind == "un-resolution":
            return f"{body}{year}res{S.ascii_alnum(symbol.split('/RES/')[1].split(' (')[0])}"
        if work.kind == "un-draft-resolution":
            return f"{body}{year}draft{symbol.rsplit('/', 1)[1]}"
        return f"{body}{year}{S.ascii_alnum(symbol)}"
    skip: set[str] = set()
    if author.startswith("{"):
        words = S.significant_words(author)
        skip = set(words)
        name = body or (words[0] if words else "")
    else:
        name = S.ascii_alnum(author.split(",")[0])
    title_words = [w for w in S.significant_words(work.field("title") or "") if w not in skip]
    if not name and not title_words and work.field("note"):
        words = S.significant_words(work.field("note") or "")[:2]
        return "note" + "".join(words) + year
    if not name:
        name = title_words.pop(0) if title_words else "anon"
    title_words = [w for w in title_words if w != name]
    return name + year + (title_words[0] if title_words else "")
