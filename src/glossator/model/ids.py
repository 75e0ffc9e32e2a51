"""Anchors: the ids of sections, blocks, notes and markers, given the same way by
every reader, so links into an essay (permalinks, citing places, back-links) stay
stable across rebuilds and across its raw text and its Markdown."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from glossator.model.document import Document, Figure, Paragraph, Section, Table, walk_blocks
from glossator.model.inline import note_numbers

# Ids the essay page uses itself, and the shape of the ids given to blocks and notes:
# a heading's anchor never takes one of them.
_PAGE_IDS = """main content top toc toc-h abstract-h notes notes-h note-popover cite cite-h
cite-corpus sources about-author about-author-h editorial-note search search-form search-input
search-results search-status"""
PAGE_IDS = frozenset(_PAGE_IDS.split())
# An id a reader found written for a heading (Pandoc's `{#intro}`): any without
# whitespace or markup characters; one the page uses, or shaped like a generated one,
# is not taken (the heading gets its own).
GIVEN_ID = re.compile(r"[^\s<>\"'&]{1,200}")
GENERATED_ID = re.compile(r"^(p|fn|fnref|fig|tbl)\d+(-\d+)?$")

# A language tag's shape (BCP 47: `en`, `pt-BR`, `zh-Hant-TW`): it becomes `lang=""`.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)  # fullmatch


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: readable, URL-safe anchors. A letter with an
    ASCII form takes it ("Über" is `uber`, as before); one without keeps itself, as
    Pandoc's identifiers do ("Цель работы" is `цель-работы`, not the bare `section`
    every such heading got, numbered apart)."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        kept.append(folded or (char if char.isalnum() else " "))
    words = "".join(c.lower() if c.isalnum() else " " for c in "".join(kept)).split()
    return "-".join(words)


def assign_ids(doc: Document) -> Document:
    """Give every section, block and note its anchor, the same way for every reader.

    Ids depend only on the document's own content and order, so an unchanged document
    keeps its anchors across rebuilds and across readers (raw text vs its Markdown).
    A section that comes with an id (the Markdown reader's `{#intro}`) keeps it where
    it may: the first section giving it, not one the page or a block uses.
    """
    used: set[str] = set(PAGE_IDS)
    given: dict[int, str] = {}  # ids a reader found written ({#intro}): the first kept
    for section in doc.sections:
        taken = section.id in used or GENERATED_ID.match(section.id)
        if GIVEN_ID.fullmatch(section.id) and not taken:
            used.add(section.id)
            given[id(section)] = section.id
    paragraph_count = figure_count = table_count = 0
    for section in doc.sections:
        section.id = given.get(id(section)) or _heading_id(section, used)
        for block in walk_blocks(section.blocks):
            paragraph_count, figure_count, table_count = _block_id(
                block, paragraph_count, figure_count, table_count
            )
    for note in doc.notes:
        note.id = f"fn{note.number}"
    return doc


def heading_base(heading: str | None) -> str:
    """The anchor a heading gives its section before it is numbered apart from
    others (`notes`, then `notes-2`): a writer of the section keeps any other id."""
    base = slugify(heading) if heading else "start"
    base = base or "section"
    return f"s-{base}" if GENERATED_ID.match(base) else base  # "P1" is not a paragraph's


def _heading_id(section: Section, used: set[str]) -> str:
    """The section's anchor from its heading, numbered apart from those `used`."""
    base = heading_base(section.heading)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _block_id(block: object, paragraphs: int, figures: int, tables: int) -> tuple[int, int, int]:
    """A block's anchor by its kind's count so far; the counts after it."""
    if isinstance(block, Figure):
        figures += 1
        block.id = f"fig{figures}"
    elif isinstance(block, Table):
        tables += 1
        block.id = f"tbl{tables}"
    elif isinstance(block, Paragraph):
        paragraphs += 1
        block.id = f"p{paragraphs}"
    return paragraphs, figures, tables


def marker_anchors(
    doc: Document, paragraphs: list[Paragraph] | None = None
) -> list[tuple[Paragraph, int, str]]:
    """Every marker in reading order, as (paragraph, note number, anchor id): `fnref3`,
    then `fnref3-2` for a second reference to note 3, so every back-link has its own
    target. `paragraphs` saves a walk of the document when the caller has them."""
    counts: dict[int, int] = defaultdict(int)
    anchors = []
    for paragraph in doc.paragraphs() if paragraphs is None else paragraphs:
        for note in note_numbers(paragraph.content):
            counts[note] += 1
            count = counts[note]
            anchors.append((paragraph, note, f"fnref{note}" + (f"-{count}" if count > 1 else "")))
    return anchors
