"""What each note of one document cites, before any bibliography is consulted.

Per document and pure, so it can be cached with the document: full citations are
parsed; `Ibid.` and short notes (`Caporaso, "International Relations Theory," 601.`)
resolve to a work cited earlier in the same document; `[@key]` groups name works by
their bibliography key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossator.model import Document, Note
from glossator.model.citekeys import KeyCitation, find_groups
from glossator.model.document import note_citations
from glossator.notes.names import fold
from glossator.notes.parse_note import ParsedWork, parse_note

IBID = re.compile(r"^\s*ibid(?:em)?\.?\s*(?:,\s*(?P<locator>.*?))?\s*\.?\s*$", re.I)
SHORT_NOTE = re.compile(
    r"^\s*(?P<author>[^,“”\"]{2,80}?),\s*[“\"]?(?P<title>[^“”\"]{2,200}?)[,.]?[”\"]?"
    r"(?:,?\s+(?:pp?\.\s*)?(?P<locator>[\divxlc][\w–-]*))?\s*\.?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Cite:
    """One work cited by one note: parsed from the text, or named by key."""

    work: ParsedWork | None = None
    key: str | None = None
    locator: str | None = None
    group: str | None = None  # the `[@...]` text this came from, to be replaced


@dataclass
class NoteCites:
    note: Note
    cites: list[Cite] = field(default_factory=list)
    unresolved_ibid: bool = False


def _family(work: ParsedWork) -> str:
    author = (work.field("author") or "").split(" and ")[0]
    return fold(author.strip("{}").split(",")[0])


def _short_match(text: str, earlier: list[ParsedWork]) -> Cite | None:
    """A short note names an earlier work by author and the start of its title."""
    match = SHORT_NOTE.match(text)
    if not match:
        return None
    author, title = fold(match.group("author")), fold(match.group("title"))
    for work in reversed(earlier):
        full_title = fold(work.field("title") or "")
        if title and full_title.startswith(title) and author in (_family(work), ""):
            return Cite(work=work, locator=match.group("locator"))
    return None


def resolve_document(doc: Document) -> list[NoteCites]:
    """The cites of every note of `doc`, in note order."""
    results: list[NoteCites] = []
    earlier: list[ParsedWork] = []
    previous: list[Cite] = []
    for note in doc.notes:
        result = NoteCites(note)
        citations = note_citations(note)
        groups = [] if citations else find_groups(note.text)
        if citations:
            result.cites = [
                Cite(key=item.key, locator=item.locator, group=c.source)
                for c in citations
                for item in c.items
            ]
            rest = note.text
            for c in citations:
                rest = rest.replace(c.source, " ", 1)
            result.cites += [Cite(work=w, locator=w.locator) for w in _parse_rest(rest)]
        elif groups:
            result.cites = [
                Cite(key=item.key, locator=item.locator, group=note.text[start:end])
                for start, end, items in groups
                for item in items
            ]
            rest = _without_groups(note.text, groups)
            result.cites += [Cite(work=w, locator=w.locator) for w in _parse_rest(rest)]
        elif ibid := IBID.match(note.text):
            result.cites = [
                Cite(work=c.work, key=c.key, locator=ibid.group("locator") or None)
                for c in previous
            ]
            result.unresolved_ibid = not previous
        elif short := _short_match(note.text, earlier):
            result.cites = [short]
        else:
            result.cites = [Cite(work=w, locator=w.locator) for w in parse_note(note.text)]
        earlier += [c.work for c in result.cites if c.work is not None and c.work.confident]
        if result.cites:
            previous = result.cites
        results.append(result)
    return results


def _without_groups(text: str, groups: list[tuple[int, int, list[KeyCitation]]]) -> str:
    cursor, parts = 0, []
    for start, end, _ in groups:
        parts.append(text[cursor:start])
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def _parse_rest(text: str) -> list[ParsedWork]:
    """Text around `[@key]` groups is usually prose (`See`, `and`); keep real citations."""
    stripped = re.sub(r"[\s.,;:]+", " ", text).strip()
    if len(stripped.split()) < 4:
        return []
    return [w for w in parse_note(text) if w.confident]
