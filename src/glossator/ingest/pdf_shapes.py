"""The shapes of PDF-extracted lines, and the plain data the page walk produces.

A line's text, its trailing marker or note numbers (`the 16 17`, `201331`), where its
markers stood, whether a run of lines is a heading, and how wide the body's lines
run: what `pdf_lines` needs to sort the lines, and `pdf_assemble` to join them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")
TERMINAL_PUNCTUATION = re.compile(r"[.!?;,:”\"]$")
NOTE_END = re.compile(r"[.!?][”’\")]*$")  # a citation ends with a full stop
YEAR = re.compile(r"(?<!\d)(1[5-9]|20)\d\d$")
MAX_HEADING_LINES = 3
MIN_BLOCK_LINES = 10  # lines that run on, needed to measure the body's width
LOOK_AHEAD = 12  # lines searched for the note a body number might be taken for
OPEN_CITATION = re.compile(r"(?:[,:;(“‘\-–]|\b(?:and|of|the|in|on|for|to|by|with|at))\s*$")


@dataclass
class Line:
    number: int  # 1-based line in the source
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def page_start(self) -> bool:
        """The extraction starts each page's (and each note's) first line with a space."""
        return self.raw[:1].isspace() and not self.blank


def split_trailing_numbers(
    raw: str, first: int, most: int, after_digits: bool = False
) -> tuple[str, list[int]] | None:
    """Split `text 16 17` into the text and its trailing numbers `first`, `first+1`, ...

    Only numbers that continue the expected sequence count, which is what tells a
    marker from a number in the prose; white space after the last one is ignored.
    A number glued to digits is split off only after a year (`201331`), or anywhere
    when the caller knows the line must end with this number (`after_digits`, a note).
    """
    raw = raw.rstrip()
    if not raw:
        return None
    for count in range(most, 0, -1):
        numbers = list(range(first, first + count))
        found = _before_numbers(raw, numbers)
        if found is None:
            continue
        text, gap = found
        if not text.strip():
            continue
        glued = not gap and text[-1].isdigit()
        if glued and not YEAR.search(text):
            if not after_digits:
                continue  # `...at 11` is not `at 1` + note 1; only a year takes a glued number
            if YEAR.search(raw):
                continue  # `into 1999` is a year, not `199` + note 9
            if not re.search(r"(?:[\s\-–:(]\d+|\d\d)$", text):
                continue  # `hives.11` is note 11 (or marker 11), not `hives.1` + note 1
        return text, numbers
    return None


def _before_numbers(raw: str, numbers: list[int]) -> tuple[str, str] | None:
    r"""What `re.match(r"^(.*?)(\s*)N1\s+N2…$", raw)` gives (the text, the white space
    before the numbers), read back from the end without a pattern for each sequence
    (hundreds of them, each compiled, were a tenth of a small site's reading)."""
    end = len(raw)
    for n, number in enumerate(reversed(numbers)):
        if n:  # white space between two numbers
            start = _spaces_from(raw, end)
            if start == end:
                return None
            end = start
        digits = str(number)
        if not raw.endswith(digits, 0, end):
            return None
        end -= len(digits)
    start = _spaces_from(raw, end)
    text = raw[:start]
    return None if "\n" in text else (text, raw[start:end])


def _spaces_from(raw: str, end: int) -> int:
    """Where the white space that ends `raw[:end]` begins (`end` if there is none)."""
    while end and raw[end - 1].isspace():
        end -= 1
    return end


@dataclass
class TextLine:
    """A body line with its marker numbers placed where they stood."""

    number: int
    pieces: list[str | int]  # text, and note numbers at their places
    spaced_end: bool = False  # white space followed the last character (`key- `)

    @property
    def ends_sentence(self) -> bool:
        """A blank line after this one may be a paragraph break (markers aside)."""
        text = "".join(p for p in self.pieces if isinstance(p, str)).rstrip()
        return bool(SENTENCE_END.search(text))


def place_markers(line_number: int, text: str, numbers: list[int]) -> TextLine:
    """Markers sit at the line's double spaces, in order; the rest at the line end."""
    stripped = text.rstrip()
    gaps = [m.start() for m in re.finditer(r"\S(\s{2,})(?=\S)", stripped)]
    gaps = [g + 1 for g in gaps][-len(numbers) :] if numbers else []
    pieces: list[str | int] = []
    cursor = 0
    for gap, note in zip(gaps, numbers, strict=False):
        pieces += [stripped[cursor:gap], note]
        cursor = gap
    pieces.append(stripped[cursor:])
    pieces += numbers[len(gaps) :]
    return TextLine(line_number, pieces, spaced_end=text[-1:].isspace())


@dataclass
class Events:
    """The page stream sorted into its parts, still in reading order."""

    items: list[tuple] = field(default_factory=list)  # (kind, line, payload)
    notes: list[tuple[int, int, list[str]]] = field(default_factory=list)  # number, line, lines
    unexpected: list[int] = field(default_factory=list)  # lines after notes starting no page
    guesses: list[int] = field(default_factory=list)  # captions known by their length alone
    carried: list[tuple[int, int]] = field(default_factory=list)  # (line, note) read as going on


def is_heading(lines: list[Line], body_width: float) -> bool:
    text = " ".join(line.text for line in lines)
    if TERMINAL_PUNCTUATION.search(text) or any(len(x.text) > body_width * 0.7 for x in lines):
        return False
    if any(SENTENCE_END.search(re.sub(r"\s*\d+$", "", x.text)) for x in lines):
        return False  # `United Nations.` or `Malta Summit.13` ends a sentence
    if text.count("(") != text.count(")") or text[:1].islower():
        return False  # `(Royal Institute of` is part of a note; `end of` goes on a sentence
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return bool(words) and all(w[0].isupper() for w in words)


def heading_lines(lines: list[Line], start: int, body_width: float) -> int:
    """How many lines from `start` form a heading (0 if none): the longest title run
    followed by body text, a blank line or the end."""
    for count in range(MAX_HEADING_LINES, 0, -1):
        run = lines[start : start + count]
        if len(run) < count or any(line.blank for line in run):
            continue
        if count > 1 and any(line.page_start for line in run[1:]):
            continue
        if is_heading(run, body_width):
            return count
    return 0


def block_width(lines: list[Line], share: float = 0.5) -> float:
    """The body's line width (the median, or another quantile): of lines that run on into
    the next line (the inside of paragraphs), leaving out long note lines and short last
    lines."""
    widths = sorted(
        len(a.text) for a, b in zip(lines, lines[1:], strict=False) if not a.blank and not b.blank
    )
    if len(widths) < MIN_BLOCK_LINES:  # too few to tell: every line counts
        widths = sorted(len(x.text) for x in lines if not x.blank)
    return float(widths[min(len(widths) - 1, int(len(widths) * share))]) if widths else 60.0
