"""The recognisers `parse_note` combines: dates, quoted titles, sentences, UN symbols, kinds.

Kept apart from parse_note.py so each shape can be read (and fixed) on its own; all are
pure functions or compiled patterns over one citation's text.
"""

from __future__ import annotations

import re

from glossator.notes.names import is_corporate, word_set

# --- dates -------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_M = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_FORMS = [
    re.compile(p)
    for p in (
        rf"(?P<day>\d{{1,2}})\s+{_M},?\s+(?P<year>\d{{4}})",
        rf"{_M}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})",
        rf"{_M},?\s+(?P<year>\d{{4}})",
        r"(?:Spring|Summer|Fall|Autumn|Winter)\s+(?P<year>\d{4})",
        r"(?P<year>\d{4})",
    )
]


def _date_fields(m: re.Match[str]) -> dict[str, str]:
    parts = m.groupdict()
    out = {"year": parts["year"]}
    if parts.get("month"):
        out["month"] = str(_MONTHS.index(parts["month"][:3].lower()) + 1)
    if parts.get("day"):
        out["day"] = str(int(parts["day"]))
    return out


def parse_date(text: str) -> dict[str, str] | None:
    """Chicago and day-first dates → year/month/day fields (month as a number)."""
    for form in _DATE_FORMS:
        m = form.fullmatch(text.strip())
        if m:
            return _date_fields(m)
    return None


def split_trailing_date(text: str) -> tuple[str, dict[str, str]]:
    """Split "Container. 13 December 2001." into the container and the date fields."""
    text = text.strip()
    for form in _DATE_FORMS:
        m = re.search(rf"(?:^|[.,]\s*)({form.pattern})\s*\.?$", text)
        if m:
            return text[: m.start()].strip(" ,.;"), _date_fields(m)
    return text, {}


def dashes(pages: str | None) -> str | None:
    """Page ranges in BibTeX form: "599–632" → "599--632"."""
    return re.sub(r"\s*[-–—]+\s*", "--", pages.strip()) if pages else None


# --- text around the citation ----------------------------------------------------------


def split_works(text: str) -> list[str]:
    """Split at ";" outside quotes and parentheses, and before "See also"."""
    pieces, start, depth, closer = [], 0, 0, None
    for i, ch in enumerate(text):
        if ch == "“" and closer is None:
            closer = "”"
        elif ch in '”"' and closer is not None:
            closer = None
        elif ch == '"':
            closer = '"'
        elif closer is None and ch in "()":
            depth = max(0, depth + (1 if ch == "(" else -1))
        elif closer is None and depth == 0 and ch == ";":
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    out = []
    for piece in pieces:
        for part in re.split(r"(?<=[.”\"])\s+(?=(?:See also|Cf\.|Compare)\s)", piece.strip()):
            if re.match(r"(?:[Cc]ompare|[Cc]f\.)\s", part):  # "Compare A, 135, with B, 140."
                out += re.split(r",?\s+with\s+(?=[A-Z“\"])", part, maxsplit=1)
            else:
                out.append(part)
    # "…; and Robert Bosch and Jason Smith, “Title,” …": the list's "and" is not a name's
    out = [
        re.sub(r"^(?:and|&)\s+(?=[A-Z“\"‘])", "", p.strip()) if n else p for n, p in enumerate(out)
    ]
    return [p.strip() for p in out if p.strip()]


QUOTED_IN = re.compile(r"[,.;]?\s+(?=(?:as\s+)?(?:quoted|cited)\s+in\s)", re.I)


def split_quoted_in(text: str) -> tuple[str, str] | None:
    """ "Kennan to Acheson, 3 May 1947, quoted in Gaddis, Strategies, 45." → the original
    and the work it is quoted in, which is what a reader can look up."""
    m = QUOTED_IN.search(text)
    return (text[: m.start()], text[m.end() :]) if m else None


def looks_like_citation(text: str) -> bool:
    """Whether unparsed text still cites something (kept as a fallback) or is prose ([])."""
    if re.search(r"https?://|\bibid\b|\b(?:pp?|vol|no)\.\s*\d|\b[AS]/RES/", text, re.I):
        return True
    outside = re.sub(r"[“\"][^”\"]*[”\"]", " ", text)
    words = re.findall(r"[^\W\d_]+", outside)
    if len(words) >= 5 and sum(w[0].islower() for w in words) >= len(words) / 2:
        return False
    return bool(re.search(r"[“”\"]|\b(?:1[5-9]|20)\d\d\b", text))


# Chicago's signal words (14.20-14.24) and "Quoted in" (14.260): not part of the citation.
_EXAMPLE = r"(?:e\.g\.|for\s+(?:example|instance))"
_SIGNAL = (
    rf"(?:[Ss]ee(?:\s+also|\s+generally|\s+especially)?(?:,?\s+{_EXAMPLE},?)?:?|[Bb]ut\s+see"
    r"|[Cc]f\.|[Cc]ompare|[Cc]ontra|[Ee]\.g\.,?|(?:[Aa]s\s+)?(?:[Qq]uoted|[Cc]ited)\s+in|[Aa]lso"
    r"|[Ff]or\s+(?:example|instance),?(?:\s+see:?)?)"
)
_LEAD_IN = re.compile(rf"(?:^|[,.;:]\s+|\s){_SIGNAL}\s+(?=[A-Z“\"‘]|\w+\s*,)")
_LEADING_SIGNAL = re.compile(rf"^(?:{_SIGNAL},?\s+)+(?=\S)")


def strip_signal(text: str) -> str:
    """ "See also Grafton, Footnote, 45." → "Grafton, Footnote, 45."."""
    return _LEADING_SIGNAL.sub("", text.strip())


def strip_lead_in(text: str) -> str:
    """Drop "See also", "On X, see", "Cf." before the citation proper."""
    quote_at = re.search(r"[“\"]", text)
    head = text[: quote_at.start()] if quote_at else text
    cuts = [m.end() for m in _LEAD_IN.finditer(head)]
    return text[cuts[-1] :] if cuts else text


def take_url_and_access(text: str) -> tuple[str, str | None, str | None]:
    """Lift out a URL and an "Accessed …" date so they cannot pass for a container or date."""
    url = note = None
    m = re.search(r"<?(https?://[^\s>]+?)>?[.,;]?(?=\s|$)", text)
    if m:
        url, text = m[1], text[: m.start()] + text[m.end() :]
        text = re.sub(r"[,.]?\s*Available (?:at|from):?\s*$", "", text.strip())
    m = re.search(r"[,.]?\s*\(?((?:Accessed|Retrieved)\s+[^.()]*?\d{4})\)?\.?", text, re.I)
    if m:
        note, text = m[1], text[: m.start()] + text[m.end() :]
    return text.strip().rstrip(",;").strip(), url, note


def take_locator(text: str) -> tuple[str, str | None]:
    """ "… 1999) p. 348." → ("… 1999)", "348")."""
    m = re.search(r"[,.]?\s*\bpp?\.\s*(\d+(?:\s*[-–—]+\s*\d+)?)\.?\s*$", text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), dashes(m[1])


def find_quoted_title(text: str) -> tuple[str, str, str] | None:
    """The first double-quoted span: (before, title without closing punctuation, after)."""
    opening = re.search(r"[“\"]", text)
    if not opening:
        return None
    closing = re.compile(r"[”\"]").search(text, opening.end())
    if not closing:
        return None
    title = re.sub(r"\s+", " ", text[opening.end() : closing.start()]).strip().rstrip(".,;: ")
    return text[: opening.start()], title, text[closing.end() :].lstrip(" .,;:")


_ABBREVIATIONS = word_set(
    "al c ca cf co dr ed eds inc jr ltd mr mrs ms no p pp sr st trans v vol vs "
    "jan feb mar apr aug sep sept oct nov dec "
    "t bd tomo pt т ч вып изд"  # volume, part and edition in French, German, Spanish, Russian
)


def sentences(text: str) -> list[str]:
    """Split at ". " unless the period ends an initial (T. V.) or an abbreviation (D.C.)."""
    parts, start = [], 0
    for m in re.finditer(r"\.\s+", text):
        nxt = text[m.end() : m.end() + 1]
        words = text[start : m.start()].split()
        last = words[-1] if words else ""
        if not (nxt.isupper() or nxt.isdigit() or nxt in "(“\"‘'"):
            continue
        if re.fullmatch(r"[^\W\d_]|(?:[^\W\d_]\.)+[^\W\d_]", last) and last[0].isupper():
            continue
        if last.lower().strip("(") in _ABBREVIATIONS:
            continue
        parts.append(text[start : m.start()].strip())
        start = m.end()
    parts.append(text[start:].strip().rstrip("."))
    return [p for p in parts if p]


_INVERTED_WITH_INITIAL = re.compile(
    r"(?P<author>[^\W\d_][\w'’\-]+,\s+(?:[^\W\d_][\w'’\-]+\s+)*(?:[A-Z]\.\s*)*[A-Z]\.)"
    r"\s+(?P<title>[^\W_].*)"
)


def split_author_title(elements: list[str]) -> tuple[str | None, str]:
    """Author and title from `Author. Title.`, `Family, Given Q. Title` or `Given Family, Title`."""
    if len(elements) >= 2:
        return elements[0], elements[1]
    only = elements[0]
    m = _INVERTED_WITH_INITIAL.fullmatch(only)
    if m:
        return m["author"], m["title"]
    left, sep, right = only.partition(", ")
    toks = left.split()
    names_only = all(t[0].isupper() or t in ("and", "&") for t in toks)
    if sep and 2 <= len(toks) <= 9 and names_only and not is_corporate(left):
        return left, right
    return None, only


_BOOK_FACTS = re.compile(
    r"\((?:(?P<address>[^:()]+):\s*(?P<publisher>[^():]+?)|(?P<one>[^:()\d]+?)),\s*(?P<year>\d{4})\)"
    r"(?:\s*[,.]?\s*(?P<loc>(?:\d+[:.])?\d+(?:\s*[-–—]+\s*\d+)?(?:n\d+)?|[ivxlc]+"
    r"|preface|introduction|foreword|passim|(?:fol|sig)\.\s*\w+))?\s*\.?$"
)
# A publisher named without its place: a word that names a publishing house.
_PUBLISHER_WORD = re.compile(
    r"\b(?:press|books|publishers?|publishing|verlag|editions?|éditions|editore|editorial"
    r"|university|universität|université|library)\b|出版|書店|书店|書房|社$",
    re.I,
)
_REPRINT = re.compile(r"^(?P<first>\d{4});\s*(?:repr(?:int)?\.?|reprinted),?\s*", re.I)
_BIB_FACTS = re.compile(
    r"(?P<address>[A-Z][^:\d]{0,40}?):\s*(?P<publisher>[^:]+?),\s*(?P<year>\d{4})"
)


# Bibliography form without a place ("Academic Press, 2009"), and the page a note cites
# after the year ("2009: 8", "2009, 8").
_BIB_PUBLISHER = re.compile(r"(?P<publisher>[^:\d][^:]*?),\s*(?P<year>\d{4})")
_BIB_LOC = re.compile(r"(?<=\d{4})\s*[:,]\s*(?P<loc>\d+(?:\s*[-–—]+\s*\d+)?)\.?$")


def take_book_facts(text: str) -> tuple[str, dict[str, str] | None]:
    """Publication facts "(Place: Publisher, Year)" or a final "Place: Publisher, Year."."""
    m = _BOOK_FACTS.search(text)
    if m:
        facts = {k: v.strip() for k, v in m.groupdict().items() if v}
        if one := facts.pop("one", None):  # "(Paris, 1882)" or "(Harvard University Press, 1997)"
            facts |= place_or_publisher(one)
        if reprint := _REPRINT.match(facts.get("address", "")):  # "(1939; repr., London: …)"
            facts["address"] = facts["address"][reprint.end() :]
            facts["note"] = f"First published {reprint['first']}"
        if "loc" in facts:
            facts["loc"] = dashes(facts["loc"])
        return text[: m.start()].strip(" ,."), facts
    els = sentences(text)
    if len(els) < 2:
        return text, None
    last, loc = els[-1], None
    if cited := _BIB_LOC.search(last):  # "Academic Press, 2009: 8": the page cited
        last, loc = last[: cited.start()], dashes(cited["loc"])
    m = _BIB_FACTS.fullmatch(last) or _BIB_PUBLISHER.fullmatch(last)
    if m is None or (m.re is _BIB_PUBLISHER and not _PUBLISHER_WORD.search(m["publisher"])):
        return text, None  # "Norton, 1994" alone could be a place: not read as a publisher
    facts = {k: v.strip() for k, v in m.groupdict().items()}
    return ". ".join(els[:-1]), facts | ({"loc": loc} if loc else {})


# --- article shapes after the quoted title ----------------------------------------------

_PAGES = r"\d+(?:\s*[-–—]+\s*\d+)?"
_TAIL = rf"(?:\s*[:,]\s*(?P<pages>{_PAGES})(?:\s*,\s*(?:at\s+)?(?P<loc>{_PAGES}))?)?\s*\.?$"
JOURNAL = re.compile(
    r"^(?P<journal>.+?)[,.]?\s+"
    r"(?:(?:[Vv]ol\.\s*)?(?P<volume>\d+)"  # "16, no. 4", "16, no 4", "16:4", "16(4)", "38.1"
    r"(?:(?:\s*(?:,\s*[Nn]o\.?\s*|:\s*|\(\s*)|\.)(?P<number>\d+(?:[-–/]\d+)?)\)?)?"
    r"|[Nn]o\.\s*(?P<number_only>\d+))"
    r",?\s*\((?P<date>[^()]*?\d{4})\)" + _TAIL  # "40, (2006)": a stray comma
)
JOURNAL_NO_VOLUME = re.compile(
    rf"^(?P<journal>.+?)[,.]?\s*\((?P<date>[^()]*?\d{{4}})\)\s*:\s*(?P<pages>{_PAGES})"
    rf"(?:\s*,\s*(?P<loc>{_PAGES}))?\s*\.?$"
)
IN_OWN_BOOK = re.compile(  # "(Place: Publisher, Year)", or British "(Place, Year)"
    r"^[Ii]n\s+(?P<booktitle>[^()]+?)\s*\((?:(?P<address>[^:()]+):\s*(?P<publisher>[^()]+?)"
    r"|(?P<one>[^:()\d]+?)),"
    rf"\s*(?P<year>\d{{4}})\)(?:,\s*(?:pp?\.\s*)?(?P<pages>{_PAGES}))?\.?$"
)


def place_or_publisher(one: str) -> dict[str, str]:
    """ "(Paris, 1882)" names a place, "(Harvard University Press, 1997)" a publisher."""
    return {"publisher" if _PUBLISHER_WORD.search(one) else "address": one.strip()}


SPEECH = re.compile(r"^\((?P<inner>[^()]+?\d{4})\)[.,]?\s*(?P<org>[^()]*)$")
IN_BOOK = re.compile(
    r"^[Ii]n\s+(?P<booktitle>.+?),\s*(?:edited by|eds?\.)\s+(?P<editors>[^\d()]+?)"
    rf"(?:[.,]\s+|\s*(?=\())(?:(?P<pages>{_PAGES})[.,]\s*)?"
    r"\(?(?P<address>(?:(?!\.\s)[^:()\d])+):\s*(?P<publisher>[^()]+?),\s*(?P<year>\d{4})\)?"
    rf"(?:,\s*(?P<loc>{_PAGES}))?\.?$"
)
