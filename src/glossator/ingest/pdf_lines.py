"""Reader for text extracted from a PDF whose footnote superscripts were flattened.

What the extraction does to a page, and how each part is recovered:
- a footnote marker's number moves to the end of its visual line and a double space
  marks where it stood (`multilateralism.  This maps ... the 2`); with no double space
  the number is glued to the line end (`following.3`, `war.”40`); several may share
  a line (`the 16 17`). Numbers are taken in sequence, so prose numbers are not markers.
- the page ends with its notes: each starts with a space and ends with its number
  (glued to a year: `201331` is 2013 + 31); continuation lines follow after blank lines.
  A note cut by the page goes on at the next page's foot, numberless, before its notes.
- an image caption may follow the notes, right before the next page's first line,
  which starts with a space; the text there may continue a sentence cut by the page.
- blank lines are not reliable paragraph breaks: a break needs a finished sentence.
- headings are short title-case lines (maybe wrapped) starting a block.
"""

from __future__ import annotations

import re

from glossator.ingest.pdf_shapes import (
    LOOK_AHEAD,
    NOTE_END,
    OPEN_CITATION,
    TERMINAL_PUNCTUATION,
    Events,
    Line,
    block_width,
    heading_lines,
    place_markers,
    split_trailing_numbers,
)
from glossator.ingest.source import Source


class PageReader:
    """Walks the lines once, tracking which marker and note numbers come next.

    The evidence is the document's, not one layout's spacing: a note is a line after a
    blank that ends with the number of a marker seen and not yet given its note (the
    smallest such, since notes come in order), whether or not it starts with a space; a
    note's continuation follows a blank line while the note stops mid-citation; the
    page's first line follows a note directly.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self.lines = [Line(i + 1, raw) for i, raw in enumerate(source.text.splitlines())]
        self.body_width = block_width(self.lines)
        self.full_width = block_width(self.lines, 0.9)
        self.events = Events()
        self.next_marker = 1
        self.markers_seen: set[int] = set()
        self.notes_seen: set[int] = set()
        self.in_notes = False
        self.sentence_open = False  # the last body text did not end a sentence
        self.carry_open = False  # the last page's last note stopped mid-citation

    def read(self) -> Events:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        return self.events

    def _after_blank(self, i: int) -> bool:
        return i > 0 and self.lines[i - 1].blank

    def _step(self, i: int) -> int:
        line = self.lines[i]
        if line.blank:
            if not self.in_notes:
                self.events.items.append(("blank", line.number, None))
            return i + 1
        note = None
        if (line.page_start or self._after_blank(i)) and not self._note_open():
            note = self._note_number(i)
        if note is not None:
            self._start_note(line, note)
            return i + 1
        if not self.in_notes and self._after_blank(i) and self._continues_last_note(i):
            # the last page's note goes on at this page's foot, before its own notes
            self.events.notes[-1][2].append(line.raw)
            self.events.carried.append((line.number, self.events.notes[-1][0]))
            self.in_notes, self.carry_open = True, False
            return i + 1
        page_start = line.page_start
        if self.in_notes:
            if self._after_blank(i) and not line.page_start:
                # After a blank, between notes: a caption, a note's continuation, or (if
                # a heading stands there) a page that lost its leading space.
                if self._note_incomplete():
                    self.events.notes[-1][2].append(line.raw)
                    return i + 1
                if self._is_caption(i):
                    self.events.items.append(("figure", line.number, line.text))
                    return i + 1
                if not heading_lines(self.lines, i, self.full_width) or self._notes_follow(i):
                    self.events.notes[-1][2].append(line.raw)
                    return i + 1
                self.events.unexpected.append(line.number)
            # The next page begins; without its leading space it is known by following a
            # note (or caption) directly.
            self.carry_open = self._note_incomplete()
            self.in_notes = False
            page_start = True
        elif self._is_caption(i):
            self.events.items.append(("figure", line.number, line.text))
            return i + 1
        if not self.sentence_open:
            count = heading_lines(self.lines, i, self.full_width)
            if count and not (page_start or self._block_start(i)):
                # a page that lost its leading space may start with a heading: one that
                # is set apart from the text below it by a blank line
                after = i + count
                count = count if after >= len(self.lines) or self.lines[after].blank else 0
            if count:
                self.events.items.append(("heading", line.number, self.lines[i : i + count]))
                return i + count
        self._body_line(line)
        return i + 1

    def _block_start(self, i: int) -> bool:
        return i == 0 or self.lines[i].page_start or self.lines[i - 1].blank

    def _note_number(self, i: int) -> int | None:
        """A note ends with the number expected next: the first marker without its note,
        or, between the notes of a block, one near the last note (a note without a
        marker is still seen, and reported)."""
        raw = self.lines[i].raw
        pending = sorted(self.markers_seen - self.notes_seen)
        for candidate in pending[:1]:
            if split_trailing_numbers(raw, candidate, 1, after_digits=True):
                if not self.lines[i].page_start and self._ends_again(i, candidate):
                    return None  # `passing 12` in the body, and note 12 below it
                weak = not split_trailing_numbers(raw, candidate, 1)
                if weak and split_trailing_numbers(raw, self.next_marker, 3):
                    # `hives. 11`: marker 11 as expected, not `hives. 1` + 1 (but
                    # `30: 16` with marker 13 next is `30: 1` + note 6)
                    return None
                later = weak and self.in_notes and self._note_incomplete()
                if later and self._ends_again(i, candidate, glued=True):
                    return None  # `1990), 88` goes on the last note; `no. 38` is 8
                return candidate
        if self.lines[i].page_start or (self.in_notes and not self._note_incomplete()):
            # a later marker's note, the one before it missing (to be reported)
            for candidate in pending[1:]:
                if split_trailing_numbers(raw, candidate, 1):
                    return candidate
        if self.in_notes and self._after_blank(i) and not self._note_incomplete():
            # A note out of turn, to be reported, numbered near the last one: spaced or
            # glued to a year (`1990), 88` is too weak).
            last = max(self.notes_seen, default=0)
            # (without the note's leading space, only a number the markers passed)
            top = last + 3 if self.lines[i].page_start else min(last + 3, self.next_marker)
            for candidate in range(max(last - 1, 1), top):
                if split_trailing_numbers(raw, candidate, 1):
                    return candidate
        return None

    def _continues_last_note(self, i: int) -> bool:
        """Whether line `i` is the last page's unfinished note going on: a note's
        continuation has no number, so it is the numberless run of lone lines (each
        between blank lines, none ending with a marker) that stands right before the
        note expected next. (On a page that cites nothing, the note's end would stand
        where a caption or a lone line of text stands: it is not looked for there.)"""
        pending = sorted(self.markers_seen - self.notes_seen)
        if not self.carry_open or not pending or self.lines[i].page_start:
            return False
        j = i
        # a line ends body text only with the marker expected next: `Herzegovina. 30`
        # (a note's date, broken before its month) is no marker 30 when 27 is due
        while not split_trailing_numbers(self.lines[j].raw, self.next_marker, 3):
            k = j + 1
            if k < len(self.lines) and not self.lines[k].blank:
                return False  # a line that runs on into the next is text
            while k < len(self.lines) and self.lines[k].blank:
                k += 1
            if k == len(self.lines):
                return False
            if split_trailing_numbers(self.lines[k].raw, pending[0], 1, after_digits=True):
                return True
            if self.lines[k].page_start or k - i > 4 * LOOK_AHEAD:
                return False
            j = k
        return False

    def _notes_follow(self, i: int) -> bool:
        """Whether the note block goes on below line `i`: a note expected next follows."""
        pending = sorted(self.markers_seen - self.notes_seen)
        return bool(pending) and self._ends_again(i, pending[0])

    def _ends_again(self, i: int, number: int, glued: bool = False) -> bool:
        """Whether a later line of this block of blank-separated lines (a note block's
        shape; it ends where two lines run on) also ends with `number`. Glued to digits
        (`1990), 88`) is too weak to count unless `glued`: a weak reading weighed
        against a later one as weak."""
        for j in range(i + 2, min(i + 2 + LOOK_AHEAD, len(self.lines))):
            if self.lines[j].blank:
                continue
            if not self.lines[j - 1].blank:
                return False
            if split_trailing_numbers(self.lines[j].raw, number, 1, after_digits=glued):
                return True
        return False

    def _note_incomplete(self) -> bool:
        """A note whose last line stops mid-citation continues on the next line."""
        last_line = self.events.notes[-1][2][-1].strip()
        return not NOTE_END.search(last_line)

    def _note_open(self) -> bool:
        """A note line ending on `,` `:` or `and` certainly goes on: the next line is
        its continuation even if it ends with a number (`... 46, no. 3`)."""
        return self.in_notes and bool(OPEN_CITATION.search(self.events.notes[-1][2][-1]))

    def _start_note(self, line: Line, number: int) -> None:
        found = split_trailing_numbers(line.raw, number, 1, after_digits=True)
        text = found[0] if found else line.raw
        self.events.notes.append((number, line.number, [text]))
        self.notes_seen.add(number)
        self.in_notes, self.carry_open = True, False

    def _is_caption(self, i: int) -> bool:
        """A caption is a lone short line right before the next page's first line: it
        follows a blank, runs straight into that line, and ends no sentence."""
        line = self.lines[i]
        following = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if line.page_start or (following is not None and following.blank):
            return False
        if TERMINAL_PUNCTUATION.search(line.text) or not self._after_blank(i):
            return False
        if self.in_notes:
            return True  # (the last page's caption ends the text)
        if following is None:
            # the text's last line, alone and ending no sentence: the last page's caption
            return not self.sentence_open and not heading_lines(self.lines, i, self.full_width)
        if self.sentence_open and not following.page_start:
            return False  # a blank line inside a sentence; the sentence goes on
        if self.sentence_open and not self._last_line_had_markers():
            # a blank inside a sentence with no marker line to explain it is a page's
            # bottom: what stands alone before the next page is a caption
            return True
        if not self.sentence_open and heading_lines(self.lines, i, self.full_width):
            return False  # (no heading interrupts a sentence)
        # A caption holds no sentence end, and it is no wrapped line: the next line's
        # first word would have fitted on it. Without the next page's leading space to
        # set it apart, it must also be short.
        if re.search(r"[.!?][”’\"')\]]*\s", line.text):
            return False
        if heading_lines(self.lines, i + 1, self.full_width):
            return True  # no sentence runs on into a heading: the next page starts there
        next_word = following.text.split()[0]
        size = len(line.text)
        fits = size + 1 + len(next_word) <= self.body_width or size > self.full_width
        if fits and following.page_start:
            return True
        if fits and len(line.text) < self.body_width * 0.75:
            self.events.guesses.append(line.number)  # only its shortness says so
            return True
        return False

    def _last_line_had_markers(self) -> bool:
        last = next((p for k, _, p in reversed(self.events.items) if k == "text"), None)
        return last is not None and any(isinstance(x, int) for x in last.pieces)

    def _body_line(self, line: Line) -> None:
        found = self._markers(line.raw)
        text, numbers = found if found else (line.raw, [])
        self.markers_seen.update(numbers)
        if numbers:
            self.next_marker = max(numbers) + 1
        text_line = place_markers(line.number, text, numbers)
        self.events.items.append(("text", line.number, text_line))
        self.sentence_open = not text_line.ends_sentence

    def _markers(self, raw: str) -> tuple[str, list[int]] | None:
        """Markers continue the sequence; a repeated or skipped number is kept for the
        checks to report rather than read as prose."""
        for first in [
            self.next_marker,
            self.next_marker - 1,
            *range(self.next_marker + 1, self.next_marker + 4),
        ]:
            if first < 1:
                continue
            found = split_trailing_numbers(raw.rstrip("\n"), first, 3)
            if found:
                return found
        return None
