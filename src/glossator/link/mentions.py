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

from glossator.model import Paragraph

UN_MENTION = re.compile(
    r"\b(?P<draft>Draft\s+)?Resolution\s+(?P<number>\d{1,5}(?:/\d{1,5})?)(?:\s*\((?P<year>\d{4})\))?",
    re.I,
)
RESOLUTION = "S/RES/"


@dataclass(frozen=True)
class Mention:
    """A span of body text naming a cited document (`Resolution 1199`)."""

    start: int
    end: int
    key: str


class HasFields(Protocol):
    fields: dict[str, str]


@dataclass
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


def find_mentions(paragraph: Paragraph, index: MentionIndex) -> list[Mention]:
    """Body-text mentions of cited UN documents, matched by number (and year if given)."""
    found = []
    for match in UN_MENTION.finditer(paragraph.text):
        number, year = match.group("number"), match.group("year")
        key = None
        if match.group("draft"):
            if "/" in number:
                key = index.drafts.get(f"S/{number}")
        else:
            fitting = index.resolutions.get(number, ())
            key = next((k for k, symbol in fitting if not year or year in symbol), None)
        if key is not None:
            found.append(Mention(match.start(), match.end(), key))
    return found
