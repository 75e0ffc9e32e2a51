"""Parse the text of one Chicago-style footnote into structured works.

Research essays cite in bibliography form, note form or a mix of both, with straight or
curly quotes; the parser reads the shape (quoted title, "(Place: Publisher, Year)",
"Vol, no. N (Year): pages", a trailing date) rather than trusting one template. It
never raises: a note that looks like a citation but fits no shape comes back as one
`misc` work with `confident=False`, so later stages can report it instead of losing it.
"""

from __future__ import annotations

import re

from glossator.notes import kinds as K
from glossator.notes import note_form as NF
from glossator.notes import shapes as S
from glossator.notes.legal import case_or_statute
from glossator.notes.names import is_corporate, looks_like_name_or_org
from glossator.notes.official import parse_legislation, parse_un, work_key
from glossator.notes.work import FIELD_ORDER, ParsedWork, authors_field, make_work

__all__ = ["FIELD_ORDER", "ParsedWork", "normalize", "parse_note", "unread_reason", "work_key"]


def unread_reason(raw: str) -> str:
    """What part of a citation the parser could not read, said so the author can fix it."""
    text, _, _ = S.take_url_and_access(S.strip_lead_in(S.strip_signal(raw)))
    text, _ = S.take_locator(text)
    quoted = S.find_quoted_title(text)
    if quoted:
        pre, title, post = quoted
        pre = pre.strip().rstrip(",;:").strip()
        if pre and not looks_like_name_or_org(pre):
            return f"the text before the quoted title, “{_clip(pre)}”, is not an author's name"
        if not title:
            return "the quotation marks hold no title"
        return (
            f"after the title, “{_clip(post)}” is neither a journal with volume and year, "
            "nor “in Book, ed. Editor (Place: Publisher, Year)”, nor a container and date"
        )
    if re.search(r"\([^()]*:[^()]*\)", text):
        return (
            "the publication facts in parentheses are not “(Place: Publisher, Year)”, "
            "or the author and title before them cannot be told apart"
        )
    return (
        "no title was found: neither a “quoted” title, nor one followed by "
        "“(Place: Publisher, Year)”, nor an author, title and date"
    )


def _clip(text: str, size: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= size else text[: size - 1] + "…"


def _fallback(raw: str) -> ParsedWork:
    return ParsedWork("misc", "other", (("note", raw),), raw, None, False)


# Chinese and Japanese citations read as their ASCII shape: full-width punctuation;
# 『Book』 and 《Book》 are titles as italics are, 「Article」 and 〈Article〉 quoted titles;
# 1961年5月3日 a date; 第12页, 12頁, 12ページ a page.
_WIDE = str.maketrans(
    {"，": ", ", "、": ", ", "：": ": ", "（": " (", "）": ") ", "。": ". ", "；": "; ", "〜": "-"}
)
_MONTHS = "January February March April May June July August September October November December"
_MONTH = dict(enumerate(_MONTHS.split(), start=1))


def _cjk_date(m: re.Match[str]) -> str:
    month = _MONTH.get(int(m["m"])) if m["m"] else None
    if not month:
        return ", " + m["y"]
    return f", {month} {m['d']}, {m['y']}" if m["d"] else f", {month} {m['y']}"


_EDITORS_FIRST = re.compile(r"^(?P<editors>[^,()]+(?:,\s*[^,()]+)*?),\s*eds?\.,\s*(?P<title>.+)$")
_DOUBLE_QUOTE = re.compile(r"[“”\"]")
# A title in single quotes: opened after a space, "(" or the note's start, closed before
# punctuation or a space; an apostrophe before a letter ("Joyce's") is part of it.
_SINGLE_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[]))['‘]((?:[^'‘’]|['’](?=\w))+?)['’](?=[,.;:)\]]|\s|$)"
)
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_HYPHEN_LIKE = re.compile("(?<=\\d)[\u2010\u2011\u2012\u2212](?=\\d)")


def normalize(text: str) -> str:
    """The note's text in the ASCII shapes the readers below expect."""
    text = text.replace("\u00a0", " ")
    text = _INVISIBLE.sub("", text)  # a soft hyphen or zero-width space a PDF left
    text = _HYPHEN_LIKE.sub("-", text)  # "132‑40": a non-breaking hyphen in a range
    if not _DOUBLE_QUOTE.search(text):  # British style: 'Title', double quotes inside
        text = _SINGLE_QUOTED.sub(r"“\1”", text)
    if re.search(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]", text):
        text = _normalize_cjk(text)
    return re.sub(r"\s+", " ", text).strip()


def _normalize_cjk(text: str) -> str:
    text = re.sub(
        r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?[号號]?",
        _cjk_date,
        text,
    )
    text = re.sub(r"第\s*(\d+(?:[-–~〜]\d+)?)\s*[页頁]", r"\1", text)
    text = re.sub(r"(\d+(?:[-–~〜]\d+)?)\s*(?:[页頁]|ページ)", r"\1", text)
    text = re.sub(r"\s*[『《]\s*(.+?)\s*[』》]", r", \1", text)
    text = re.sub(r"\s*[「〈]\s*(.+?)\s*[」〉]", r', "\1," ', text)
    text = text.translate(_WIDE)
    text = re.sub(r"\s+([,.;)])", r"\1", text)
    text = re.sub(r"(,\"?)(?:\s*[,:])+", r"\1", text)  # "Author:, Title", "Title,", Book"
    text = re.sub(r":\s*,", ",", text)
    text = re.sub(r"\(\s*,\s*", "(", text)
    return re.sub(r"^\s*,\s*", "", text)


def parse_note(text: str) -> list[ParsedWork]:
    """All works one note cites, in order; [] for a purely discursive note."""
    text = normalize(text)
    if not text:
        return []
    parts = citation_parts(text)
    parsed = [_parse_segment(s) for s, _ in parts]
    failed = [seg for (seg, _), work in zip(parts, parsed, strict=True) if work is None]
    # "Title; Subtitle (…)" may be one citation, but "Commentary; Author, Title (…)" is not
    rejoin = all(S.looks_like_citation(seg) for seg in failed)
    if len(parts) > 1 and failed and rejoin and not any(optional for _, optional in parts):
        whole = _parse_segment(text)  # a ";" may belong to an unquoted title
        if whole is not None:
            return [whole]
    works = []
    for (seg, optional), work in zip(parts, parsed, strict=True):
        if work is None and not optional and S.looks_like_citation(seg):
            work = _fallback(seg)
        if work is not None:
            works.append(work)
    return works


def citation_parts(text: str) -> list[tuple[str, bool]]:
    """The citations of a note, each with whether it may be left out: the original of
    a "quoted in" citation (a letter, a speech) counts only when it reads as a work."""
    parts: list[tuple[str, bool]] = []
    for seg in S.split_works(text):
        quoted = S.split_quoted_in(seg)
        if quoted and quoted[0].strip(" ,.;"):
            parts += [(quoted[0], True), (quoted[1], False)]
        else:
            parts.append((quoted[1] if quoted else seg, False))
    return parts


# "George Orwell [Eric Blair], …", "Publius [pseud.], …" (CMOS 14.81): the name as
# published is the author; the real name, when given, is kept as a note.
_PSEUDONYM = re.compile(
    r"^[\"“]?(?P<name>[^\[\],.\"“”]{1,80}?)[\"”]?\s*\[(?P<real>[^\[\]]{2,80})\](?=[,.])"
)


def _take_pseudonym(text: str) -> tuple[str, str | None]:
    m = _PSEUDONYM.match(text)
    if not m:
        return text, None
    real = m["real"].strip()
    note = None if re.fullmatch(r"pseud\.?|pseudonym", real, re.I) else f"Pseudonym of {real}"
    return m["name"] + text[m.end() :], note


def _parse_segment(raw: str) -> ParsedWork | None:
    text, url, note = S.take_url_and_access(S.strip_lead_in(S.strip_signal(raw)))
    text, real_name = _take_pseudonym(text)
    note = "; ".join(n for n in (real_name, note) if n) or None
    text, locator = S.take_locator(text)
    quoted = S.find_quoted_title(text)
    try:
        work = _parse_quoted(raw, locator, *quoted, online=bool(url)) if quoted else None
        if work is None and (not quoted or S.take_book_facts(text)[1]):
            work = _parse_unquoted(raw, locator, text)  # quotation marks inside a title
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


_NO_DATE = re.compile(r"\s*\(?\bn\.\s?d\.\)?", re.I)
# What Chicago puts after a site's name for its kind (14.208): not part of the name.
_SITE_GENRE = re.compile(r"\s*\((?:blog|podcast|video|website|web\s+site)\)$", re.I)


def _facts_of(m: re.Match) -> dict[str, str]:
    """A match's place and publisher, or the one it names (`shapes.place_or_publisher`)."""
    if m["one"]:
        return S.place_or_publisher(m["one"])
    return {"publisher": m["publisher"].strip(), "address": m["address"].strip()}


def _parse_quoted(
    raw: str, locator: str | None, pre: str, title: str, post: str, *, online: bool = False
) -> ParsedWork | None:
    """Article-like works: `Author. "Title." Container ...`; `online` when a URL was given."""
    pre = pre.strip().rstrip(",;:").strip()
    if pre and not looks_like_name_or_org(pre):
        return None
    if not title:
        return None
    author = authors_field(pre)
    m = S.SPEECH.match(post)
    if m:
        rest, date = S.split_trailing_date(m["inner"])
        genre, _, place = rest.partition(",")
        org = m["org"].strip(" .")
        return make_work(
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
        return make_work(
            "incollection",
            raw,
            locator or m["loc"],
            author=author,
            title=title,
            booktitle=m["booktitle"],
            editor=authors_field(m["editors"]),
            pages=S.dashes(m["pages"]),
            publisher=m["publisher"].strip(),
            address=m["address"].strip(),
            year=m["year"],
        )
    m = S.IN_OWN_BOOK.match(post)
    if m:  # a chapter in the author's own book: no editor, unless named before the title
        pages = S.dashes(m["pages"])
        single = pages and "--" not in pages
        booktitle, editor = m["booktitle"].strip(" ,"), None
        named = _EDITORS_FIRST.match(booktitle)  # British: "in J. Smith, ed., Title"
        if named and NF.is_person_list(named["editors"]):
            booktitle, editor = named["title"], authors_field(named["editors"])
        return make_work(
            "incollection",
            raw,
            locator or (pages if single else None),
            author=author,
            title=title,
            editor=editor,
            booktitle=booktitle,
            pages=None if single else pages,
            **_facts_of(m),
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
        return make_work(
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
    post = re.sub(
        r"^(?:last (?:modified|updated)|updated|published|posted)\s+", "", post, flags=re.I
    )
    if paged := re.match(r"^(.*\d{4})\s*,\s*((?:sec\.\s*\w+,\s*)?[A-Z]?\d+(?:[-–]\d+)?)\.?$", post):
        post, locator = paged[1], locator or paged[2]  # a newspaper's page after its date
    post = _NO_DATE.sub("", post)  # "NCSS Statistical Software (n.d.)"
    rest, date = S.split_trailing_date(post)
    container = _SITE_GENRE.sub("", rest.strip(" .,;:")).strip(" .,;:")  # "OpenAI (blog)"
    if container and not (looks_like_name_or_org(container) and re.search(r"[^\W\d]", container)):
        return None
    if not pre and not container and not date:
        return None
    if not container and set(date) == {"year"} and not re.search(r"\(\d{4}\)", post):
        return None  # "Siegel, “Equality Talk,” 1475.": a page, not a year
    kind = K.container_kind(pre, container, title)
    if kind == "web-page" and not online and "month" in date and K.may_be_periodical(container):
        kind = "magazine-article"  # "Title," Container, May 23, 2011: a web page has a URL
    slot = "journal" if kind.endswith(("article", "agency")) else "organization"
    return make_work(kind, raw, locator, author=author, title=title, **{slot: container}, **date)


def _parse_unquoted(raw: str, locator: str | None, text: str) -> ParsedWork | None:
    """Works whose title is not quoted: UN documents, laws, books, reports, pages."""
    text, facts = S.take_book_facts(text)
    elements = S.sentences(text)
    if not elements:
        return None
    if facts and len(elements) == 1 and (work := NF.book(raw, locator, elements[0], dict(facts))):
        return work
    if facts:
        author, title = S.split_author_title(elements)
        if not title or (author and not looks_like_name_or_org(author)):
            return None
        return make_work(
            "book",
            raw,
            locator or facts.pop("loc", None),
            author=authors_field(author),
            title=title,
            **facts,
        )
    un = parse_un(raw, locator, elements)
    if un is not None:
        return un
    law = parse_legislation(raw, locator, elements)
    if law is not None:
        return law
    readers = [case_or_statute, NF.archival]
    if len(elements) == 1 or K.UN_DOC_SYMBOL.search(text):
        readers.append(NF.official)
    for reader in readers:
        if work := reader(raw, locator, text.strip().rstrip(".")):
            return work
    return _parse_generic(raw, locator, elements)


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
        if K.is_publisher(second) or (no_author and is_corporate(second)):
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
    kind = K.unquoted_kind(author, publisher, title)
    return make_work(
        kind,
        raw,
        locator,
        author=authors_field(author),
        title=title,
        organization=publisher,
        **date,
    )
