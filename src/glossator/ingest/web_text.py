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


def read_web_text(source: Source) -> tuple[Document, list[Diagnostic]]:
    """Turn extracted blog text into a Document with its frame moved into the metadata."""
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

    pos = 0
    if len(items) > 1 and items[0].text == items[1].text:
        meta.title, pos = items[0].text, 2
    elif len(items) > 1 and _is_short(items[1].text, MAX_HEADER_WORDS):
        meta.publication, meta.title, pos = items[0].text, items[1].text, 2
        if pos < len(items) and items[pos].text == meta.title:
            pos += 1
    elif _is_short(items[0].text, MAX_HEADER_WORDS):
        meta.title, pos = items[0].text, 1

    rest = items[pos:]
    for i, item in enumerate(rest):
        credit = _credit(item.text)
        if credit:
            meta.image_credit = credit
            del rest[i]
            break
    if rest and not meta.authors:
        match = BYLINE.match(rest[0].text)
        if match and _is_name_like(match.group("name").strip()):
            meta.authors = [match.group("name").strip()]
            del rest[0]

    end, author, bio = _author_block(rest)
    if author and not meta.authors:
        meta.authors = [author]
    if author:
        meta.author_bio = bio
    body = rest[:end]
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
