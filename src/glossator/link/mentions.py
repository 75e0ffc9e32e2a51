"""Body-text mentions of cited UN documents (`Resolution 1199`, `Draft Resolution
2014/189`), linked to the work with that symbol.

The works with a UN symbol are indexed once per build, by the number a mention
gives: a corpus of a thousand essays has some 30,000 works and 6,000 paragraphs
with a mention-shaped phrase, and each phrase once walked every work in key order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from glossator.model import Document, Paragraph
from glossator.model.values import frozen_value

UN_MENTION = re.compile(
    r"\b(?P<draft>Draft\s+)?Resolution\s+(?P<number>\d{1,5}(?:/\d{1,5})?)(?:\s*\((?P<year>\d{4})\))?",
    re.I,
)
RESOLUTION = "S/RES/"


@frozen_value
class Mention:
    """A span of body text naming a cited document (`Resolution 1199`)."""

    start: int
    end: int
    key: str


class HasFields(Protocol):
    fields: dict[str, str]


@dataclass(slots=True)
class MentionIndex:
    """The works a mention can name: a draft by its exact symbol (`S/2014/189`), a
    resolution by its number (`S/RES/1199 (1998)` under `1199`), each in key order,
    so the first that fits is the one the walk in key order found."""

    drafts: dict[str, str]  # symbol -> the first key bearing it
    resolutions: dict[str, list[tuple[str, str]]]  # number -> (key, symbol), by key


def mention_index(works: Mapping[str, HasFields]) -> MentionIndex:
    """Index the works' `un_symbol` fields (the other works cannot be mentioned)."""
    drafts: dict[str, str] = {}
    resolutions: dict[str, list[tuple[str, str]]] = {}
    for key in sorted(works):
        symbol = works[key].fields.get("un_symbol", "")
        if not symbol:
            continue
        drafts.setdefault(symbol, key)
        if symbol.startswith(RESOLUTION):
            number, space, _ = symbol[len(RESOLUTION) :].partition(" ")
            if space:  # `S/RES/1199 (1998)`: the number is what comes before the space
                resolutions.setdefault(number, []).append((key, symbol))
    return MentionIndex(drafts, resolutions)


# A mention-shaped phrase: its start and end in the paragraph's text, the number it
# gives, whether it says "Draft", and its year if it gives one.
Span = tuple[int, int, str, bool, str | None]
Spans = list[tuple[str, list[Span]]]  # paragraph id -> its phrases, paragraphs in order


def mention_spans(text: str) -> list[Span]:
    """The mention-shaped phrases of a text: a pure function of it, so a document's
    can be found once, when it is read (scanning 65,000 paragraphs takes a second)."""
    return [
        (m.start(), m.end(), m.group("number"), bool(m.group("draft")), m.group("year"))
        for m in UN_MENTION.finditer(text)
    ]


def document_spans(doc: Document, paragraphs: list[Paragraph] | None = None) -> Spans:
    """The phrases of each paragraph of `doc` that has any, in reading order
    (`paragraphs`: the document's, when the caller has them)."""
    walked = doc.paragraphs() if paragraphs is None else paragraphs
    return [(p.id, found) for p in walked if (found := mention_spans(p.text))]


def find_mentions(spans: list[Span], index: MentionIndex) -> list[Mention]:
    """The phrases that name a cited UN document, by number (and year if given)."""
    found = []
    for start, end, number, draft, year in spans:
        key = None
        if draft:
            if "/" in number:
                key = index.drafts.get(f"S/{number}")
        else:
            fitting = index.resolutions.get(number, ())
            key = next((k for k, symbol in fitting if not year or year in symbol), None)
        if key is not None:
            found.append(Mention(start, end, key))
    return found
