"""Reader for text copied out of a blog page (one paragraph per line).

Such pages have a fixed frame around the article: the site name, the title (often
printed twice), a photo credit, the body, then the author's name alone on a line
followed by a bio that starts with that name. The frame is recognised by shape, not
by this or that site's wording, so any post laid out this way reads correctly; what
cannot be recognised is left empty rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossator.diagnostics import Diagnostic, error
from glossator.ingest.source import Source
from glossator.ingest.web_frame import (
    SEPARATORS,
    TIME,
    credit_line,
    is_date_line,
    is_footer,
    is_prose,
    is_reading_time,
    is_stray,
    words,
)
from glossator.model import Document, Metadata, Paragraph, Section, assign_ids

CREDIT_PATTERNS = (
    re.compile(
        r"^(?:featured\s+)?(?:photo(?:graph)?|image|picture|img)s?"
        r"(?:\s+(?:source|sources|credit|credits|courtesy))?\s*[:：]\s*(?P<credit>\S.*)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:photo(?:graph)?|image|picture)\s+(?:by|courtesy\s+of|via)\s+(?P<credit>\S.*)$",
        re.IGNORECASE,
    ),
)
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "da", "di", "bin", "al"})
BYLINE = re.compile(r"^by\s+(?P<name>\S.*)$", re.IGNORECASE)
# `By A`, `Words by A`, `Posted on March 3, 2012 by A`, `Story by A, Reuters`
BYLINE_ANYWHERE = re.compile(
    r"^(?:(?:words|story|text|reporting|posted|published|written)\b.*?\s)?by\s+(?P<name>[^|·•]+?)"
    r"(?:,\s*(?:reuters|ap|afp|staff|correspondent|contributor|staff writer))?\s*$",
    re.IGNORECASE,
)
CAPTION_CREDIT = re.compile(
    r"(?:^|\s|\()(?:photo(?:graph)?|image|illustration|picture)(?:\s+credit)?\s*(?::|by)\s*"
    r"(?P<credit>[^()]+?)\)?$",
    re.IGNORECASE,
)
HEADER_WINDOW = 15
MAX_NAME_WORDS = 6
MAX_HEADER_WORDS = 30
# Abbreviations a name may end with ("Jr.", "J.") although they end in a full stop.
NAME_FINAL_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|Dr|St)\.$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def collapse(text: str) -> str:
    """Pages carry non-breaking and doubled spaces that must not reach the text."""
    return " ".join(text.split())


def _lines(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Line(i, collapse(t)) for i, t in enumerate(raw, start=1) if collapse(t)]


def _is_short(text: str, limit: int) -> bool:
    return len(text.split()) <= limit


def _is_name_like(text: str) -> bool:
    """A name is a few words without sentence punctuation ("Jr." allowed)."""
    if not text or not _is_short(text, MAX_NAME_WORDS) or any(c.isdigit() for c in text):
        return False
    if text[-1] in "!?:;," or '"' in text or "“" in text:
        return False
    return not text.endswith(".") or bool(NAME_FINAL_ABBREVIATION.search(text))


def _is_bare_name(text: str) -> bool:
    """Without a bio to confirm it, a last line counts as a name only if it looks like one."""
    words = text.split()
    return (
        _is_name_like(text)
        and len(words) >= 2
        and all(w[0].isupper() or w.lower() in NAME_PARTICLES for w in words)
    )


def _credit(text: str) -> str | None:
    if not _is_short(text, 15):
        return None
    for pattern in CREDIT_PATTERNS:
        match = pattern.match(text)
        if match:
            return match.group("credit").strip()
    return None


def _starts_with_name(text: str, name: str) -> bool:
    return text.startswith(name) and (len(text) == len(name) or not text[len(name)].isalnum())


def _byline_name(text: str) -> str:
    match = BYLINE.match(text)
    return match.group("name").strip() if match else text


def _author_block(items: list[Line]) -> tuple[int, str | None, str | None]:
    """Where the author block starts, the author and the bio (end of `items` if none).

    The author is a short name-like line that the next paragraph (the bio) begins
    with; failing that, a name-like last line with no bio. Nothing else is taken.
    """
    for i in range(len(items) - 2, max(len(items) - 5, 0) - 1, -1):
        name = _byline_name(items[i].text)
        if _is_name_like(name) and _starts_with_name(items[i + 1].text, name):
            bio = " ".join(item.text for item in items[i + 1 :])
            return i, name, bio
    if items and _is_bare_name(_byline_name(items[-1].text)):
        return len(items) - 1, _byline_name(items[-1].text), None
    return len(items), None, None


def _caption_credit(text: str) -> str | None:
    """`Boats at dawn. Photograph: A. Person/Agency`: a caption that ends in a credit."""
    match = CAPTION_CREDIT.search(text)
    if match and _is_short(text, 40):
        return match.group("credit").strip().rstrip(")")
    return None


def _byline_authors(text: str) -> list[str] | None:
    """The names of `By A and B`, `Posted on <date> by A`, `A | <date>`, else None."""
    parts = [part for part in SEPARATORS.split(text) if part]
    dated = len(parts) > 1 and all(is_date_line(p) or is_reading_time(p) for p in parts[1:])
    if dated and _is_bare_name(parts[0]):
        return [parts[0]]  # `A | March 3, 2012 | 5 min read`
    for part in parts:
        match = BYLINE_ANYWHERE.match(part)
        if match:
            names = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", match.group("name").strip())
            names = [n.strip() for n in names if n.strip()]
            if names and all(_is_name_like(n) for n in names):
                return names
    return None


def _is_header_marker(text: str) -> bool:
    return bool(
        _credit(text)
        or _caption_credit(text)
        or _byline_authors(text)
        or is_date_line(text)
        or is_reading_time(text)
        or is_stray(text)
    )


def _header(items: list[Line], meta: Metadata) -> int:
    """Read the frame above the article into `meta`; return where the body starts.

    The frame's lines are short and of known kinds (a byline, a date, a credit, a
    share bar) or come before them (site name, kicker, title, dek); the body starts
    at the first paragraph of prose after the last of them.
    """
    window = []
    for item in items[:HEADER_WINDOW]:
        if words(item.text) > MAX_HEADER_WORDS:
            break  # a long paragraph: the article has begun
        window.append(item)
    texts = [item.text for item in window]
    repeated = [
        i for i in range(1, len(texts)) if texts[i] == texts[i - 1] and not is_prose(texts[i])
    ][:1]
    markers = [i for i, text in enumerate(texts) if _is_header_marker(text)] + repeated
    # a name alone on its line right above the date is the author's (a `Follow` button
    # may stand between); right under the title only if a reading time marks the line
    named_authors = []
    for i in markers:
        above = i - 1 - int(i > 1 and texts[i - 1].lower() == "follow")
        if (
            above >= 0
            and is_date_line(texts[i])
            and _is_bare_name(texts[above])
            and above not in markers
            and (above > 1 or repeated or (above == 1 and "min read" in texts[i].lower()))
        ):
            named_authors.append(above)
    markers += named_authors
    start, last, dek = None, -1, None
    for i, text in enumerate(texts):
        if i in repeated:
            continue
        if i in markers:
            if dek is not None and is_stray(text) and i not in named_authors:
                start = dek  # share buttons after prose: that prose was the article
                break
            last, dek = i, None  # prose before a byline or a date was the dek
        elif is_prose(text):
            if last >= 0 or dek is not None:
                start = i if dek is None else dek
                break
            dek = i
    if start is None:
        start = dek if dek is not None else len(window)
    markers = [i for i in markers if i < start]
    first_marker = min([i for i in markers if i not in repeated] + [start])
    named = [
        i
        for i in range(first_marker)
        if not is_prose(texts[i]) and (not repeated or i <= repeated[0])
    ]
    # `Saturday, November 1, 2008` above the title, as Blogger sets it
    dated = first_marker + 1
    dated_title = (
        first_marker < start
        and is_date_line(texts[first_marker])
        and dated < start
        and dated not in markers
        and not is_prose(texts[dated])
        and not is_footer(texts[dated])
        and len(named) <= 1
    )
    if repeated:
        meta.title = texts[repeated[0]]
        before = [i for i in named if i < repeated[0] - 1]
        meta.publication = texts[before[0]] if before else None
    elif dated_title:
        meta.title = texts[dated]
        meta.publication = texts[named[0]] if named else None
    elif named:
        meta.title = texts[named[-1]]
        meta.publication = texts[named[0]] if len(named) > 1 else None
    elif start > 0 and _is_short(texts[0] if texts else "", MAX_HEADER_WORDS):
        meta.title = items[0].text
    deks = [i for i in range(first_marker) if is_prose(texts[i])]
    if deks and meta.title:
        meta.subtitle = texts[deks[0]]
    if named_authors and not meta.authors:
        meta.authors = [texts[named_authors[0]]]
    for text in texts[: last + 1]:
        credit = _credit(text) or _caption_credit(text)
        if credit and not meta.image_credit:
            meta.image_credit = credit
        authors = _byline_authors(text)
        if authors and not meta.authors:
            meta.authors = authors
    if start == 0 and len(items) > 1 and not meta.title:
        start = 0
    return start


def _body_and_author(items: list[Line], meta: Metadata) -> list[Line]:
    """The body: up to the footer, without stray frame lines, without the author block."""
    end = next((i for i, item in enumerate(items) if is_footer(item.text)), len(items))
    credits = [c for c in (credit_line(x.text) for x in items[:end]) if c]
    if credits and not meta.image_credit:
        meta.image_credit = credits[0]
    body = [x for x in items[:end] if not is_stray(x.text) and not credit_line(x.text)]
    footer = items[end:]
    if footer and not meta.authors:
        # `Posted by A at 11:52 PM` or `Written by A` opens the footer
        byline = BYLINE_ANYWHERE.match(re.sub(rf"\s+at\s+{TIME}$", "", footer[0].text))
        if byline and _is_name_like(byline.group("name").strip()):
            meta.authors = [byline.group("name").strip()]
    cut, author, bio = _author_block(body)
    if author:
        if not meta.authors:
            meta.authors = [author]
        meta.author_bio = bio
        return body[:cut]
    # A paragraph that starts with the byline's name is a bio only past the article's
    # end (`About the author`): in the body it may be a sentence about the author.
    named = meta.authors[:1]
    for item in footer:
        if named and _starts_with_name(item.text, named[0]) and words(item.text) >= 6:
            meta.author_bio = item.text
            break
    return body


def read_web_text(source: Source) -> tuple[Document, list[Diagnostic]]:
    """Turn extracted page text into a Document with its frame moved into the metadata."""
    meta = Metadata()
    doc = Document(slug=source.slug, format="web-text", meta=meta, path=source.path)
    items = _lines(source.text)
    if not items:
        return doc, [
            error(
                source.path,
                1,
                "web.empty",
                "the file is empty; paste the article's text into it, one paragraph per line",
            )
        ]
    while len(items) > 1 and is_stray(items[0].text):
        items = items[1:]  # `Skip to main content` above the site's name
    start = _header(items, meta)
    body = _body_and_author(items[start:], meta)
    if not body:
        return doc, [
            error(
                source.path,
                items[-1].number,
                "web.empty",
                "no body paragraphs found after the title and photo credit; put the "
                "article's text one paragraph per line",
            )
        ]

    paragraphs = [Paragraph(id="", text=item.text, line=item.number) for item in body]
    doc.sections = [Section(id="", heading=None, blocks=list(paragraphs), line=body[0].number)]
    return assign_ids(doc), []
