"""Essays to re-typeset: the seed's expected document, and essays composed at random.

The composed essays are built from sentences, headings, captions and citations written
for these tests (about subjects far from the seed's), so the reader is tested on text
nobody tuned it to. `canonical` turns an Essay or a read Document into one string
(headings, paragraphs with their markers in place, captions, notes) for comparison.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import strategies as st
from pdf_layout import Caption, Essay, Heading, Para
from seed_expected import expected_blocks, expected_notes

from glossator.model import Document, Figure, Paragraph


@cache
def seed_essay() -> Essay:
    """The seed's expected document as checked by hand against its source lines
    (seed_expected.py), not as the reader reads it."""
    blocks: list[Heading | Para | Caption] = []
    for kind, value in expected_blocks():
        if kind == "para":
            blocks.append(Para(*value))  # type: ignore[misc]
        else:
            blocks.append(Heading(value) if kind == "heading" else Caption(value))  # type: ignore[arg-type]
    return Essay(tuple(blocks), expected_notes())


def essay_of(document: Document) -> Essay:
    blocks: list[Heading | Para | Caption] = []
    for section in document.sections:
        if section.heading:
            blocks.append(Heading(section.heading))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                blocks.append(Para(block.text, tuple((m.note, m.offset) for m in block.markers)))
            elif isinstance(block, Figure):
                blocks.append(Caption(block.caption))
    return Essay(tuple(blocks), {n.number: n.text for n in document.notes})


def canonical(essay: Essay | Document) -> str:
    """Headings as `# `, markers as `[^n]` at their offsets, captions as `![...]`."""
    if isinstance(essay, Document):
        essay = essay_of(essay)
    out = []
    for block in essay.blocks:
        if isinstance(block, Heading):
            out.append(f"# {block.text}")
        elif isinstance(block, Caption):
            out.append(f"![{block.text}]")
        else:
            text = block.text
            for note, offset in sorted(block.markers, key=lambda m: -m[1]):
                text = f"{text[:offset]}[^{note}]{text[offset:]}"
            out.append(text)
    out += [f"[^{n}]: {t}" for n, t in sorted(essay.notes.items())]
    return "\n\n".join(out)


def relax(text: str, ambiguous: list[tuple[str, str]]) -> str:
    """Erase the differences the layout's ambiguous breaks allow: a hyphen either kept or
    dropped, a paragraph break after a sentence-ending marker line either there or not."""
    for kind, context in ambiguous:
        if kind == "hyphen":
            left, right = context.split("-", 1)
            text = re.sub(rf"{re.escape(left)}-?{re.escape(right)}", left + right, text)
        elif kind == "caption":
            text = text.replace(f"\n\n![{context}]", "").replace(f"\n\n{context}\n\n", "\n\n")
            text = re.sub(rf"\n\n{re.escape(context)}$", "", text)
            caption = re.escape(context)
            text = re.sub(rf"-{caption} ", "-", text)  # inside a word broken at the line end
            text = re.sub(rf" {caption}(?=\s|$)| ?{caption} ", "", text)
    breaks = [context for kind, context in ambiguous if kind == "break"]
    return "\n\n".join(_join_breaks(text.split("\n\n"), breaks)) if breaks else text


def _join_breaks(blocks: list[str], breaks: list[str]) -> list[str]:
    """Join a paragraph ending at an ambiguous break with the next paragraph; captions
    between them move after the joined paragraph, as the reader places them."""
    ends = tuple(breaks)
    out: list[str] = []
    waiting: list[str] = []
    for block in blocks:
        if block.startswith("!["):
            (waiting if out and _ends_at(out[-1], ends) else out).append(block)
            continue
        if out and not block.startswith(("#", "[^")) and _ends_at(out[-1], ends):
            out[-1] = f"{out[-1]} {block}"
        else:
            out += waiting
            waiting = []
            out.append(block)
            continue
    return out + waiting


def _ends_at(block: str, ends: tuple[str, ...]) -> bool:
    bare = re.sub(r"(?:\[\^\d+\])+$", "", block)
    return not block.startswith(("#", "![", "[^")) and bare.endswith(ends)


# -- composed essays ------------------------------------------------------------------

SUBJECTS = [
    "The beekeepers of the upper valley",
    "Most surviving ledgers",
    "A later generation of glaciologists",
    "The harbour authority",
    "Municipal archivists",
    "The orchestra’s first conductor",
    "Several nineteenth-century surveyors",
    "The cooperative’s accounts",
    "Her correspondence with the printers",
    "The well-known survey of 1911",
]
VERBS = [
    "recorded",
    "questioned",
    "reorganised",
    "documented in detail",
    "consistently underestimated",
    "returned to",
    "catalogued",
    "misread",
]
OBJECTS = [
    "the seasonal movement of the hives",
    "the thickness of the ice at the terminus",
    "a decade of unreliable weather",
    "the long-term costs of dredging",
    "the price of imported paper",
    "some 40 disputed boundary stones",
    "the reconstruction of the eastern quay",
    "an extraordinary quantity of correspondence",
    "the administrative consequences of the flood",
    "the self-governing parishes along the river",
]
TAILS = [
    "",
    " in 1848",
    " for the first time",
    ", despite the objections of the council",
    " with remarkable persistence",
    " during the winter of 1962",
    " across three administrations",
    " after the cross-border agreement",
]
HEADINGS = [
    "Origins of the Survey",
    "Ledgers and Their Readers",
    "Measuring the Retreat of the Glacier",
    "Harbour Works and Municipal Finance",
    "An Orchestra Without a Hall",
    "Conclusion",
    "Sources and Methods",
    "The Cooperative Movement in the Valley Towns",
]
CAPTIONS = [
    "The eastern quay before its reconstruction",
    "A beekeeper’s ledger with marginal notes",
    "Survey stakes on the glacier in winter",
    "The orchestra rehearsing in a borrowed church",
]
CITATIONS = [
    "Eisenstein, Elizabeth L. The Printing Press as an Agent of Change (Cambridge: "
    "Cambridge University Press, 1979), 45.",
    "Crane, Eva. The World History of Beekeeping and Honey Hunting (New York: Routledge, "
    "1999), 112-18.",
    "Cronon, William. Nature’s Metropolis: Chicago and the Great West (New York: Norton, 1991).",
    "Darnton, Robert. “What Is the History of Books?” Daedalus 111, no. 3 (1982): 65-83.",
    "Thompson, E. P. “The Moral Economy of the English Crowd in the Eighteenth Century.” "
    "Past & Present 50 (1971): 76-136.",
    "Ostrom, Elinor. Governing the Commons (Cambridge: Cambridge University Press, 1990), 88",
    "Scott, James C. Seeing Like a State. New Haven: Yale University Press, 1998.",
    "Ibid., 34.",
    "Blair, Ann M. Too Much to Know: Managing Scholarly Information before the Modern Age "
    "(New Haven: Yale University Press, 2010), 11-12.",
    "Cruikshank, Julie. Do Glaciers Listen? Local Knowledge, Colonial Encounters, and "
    "Social Imagination (Vancouver: UBC Press, 2005), 2005",
    # long enough to wrap, and so to run onto the next page's foot
    "Hobsbawm, Eric, and Terence Ranger, eds. The Invention of Tradition (Cambridge: "
    "Cambridge University Press, 1983), 1-14, on which the argument of this section draws "
    "throughout, though with more weight on the ledgers than on the ceremonies.",
    "Le Roy Ladurie, Emmanuel. Times of Feast, Times of Famine: A History of Climate since "
    "the Year 1000, trans. Barbara Bray (Garden City, NY: Doubleday, 1971), 80-95; the "
    "figures for the glacier are those of the survey, not of the later estimates.",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    subject, verb, obj = (
        draw(st.sampled_from(SUBJECTS)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(OBJECTS)),
    )
    return f"{subject} {verb} {obj}{draw(st.sampled_from(TAILS))}."


@st.composite
def composed_essays(draw: st.DrawFn) -> Essay:
    """Sections of paragraphs of composed sentences; markers after sentences or commas,
    numbered in reading order, each with a citation for its note."""
    blocks: list[Heading | Para | Caption] = []
    notes: dict[int, str] = {}
    captions = list(CAPTIONS)
    for heading in draw(st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=4, unique=True)):
        blocks.append(Heading(heading))
        for _ in range(draw(st.integers(1, 4))):
            parts = draw(st.lists(sentences(), min_size=1, max_size=6))
            text, markers = "", []
            for part in parts:
                text = f"{text} {part}" if text else part
                if draw(st.integers(0, 2)) == 0:
                    markers.append(len(text))
            numbered = []
            for offset in markers:
                number = len(notes) + 1
                notes[number] = draw(st.sampled_from(CITATIONS))
                numbered.append((number, offset))
            blocks.append(Para(text, tuple(numbered)))
            if captions and draw(st.integers(0, 5)) == 0:
                blocks.append(Caption(captions.pop(0)))
    return Essay(tuple(blocks), notes)
