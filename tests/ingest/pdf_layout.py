"""Re-typeset an essay in the style of the pdf-text extraction, at a layout of our choosing.

The reader is only trustworthy if it reads a layout it has never seen, so this module
takes an essay as plain data (headings, paragraphs with marker offsets, captions, notes)
and sets it the way the PDF extraction does: lines wrapped at a given width, pages of a
given length whose bottoms carry the notes of the markers on them, captions between the
notes and the next page, and every artefact of the extraction chosen at random:

- a marker inside a line leaves a double space where it stood and its number moves to
  the line end; a marker at the line end is glued to the word or spaced (one or two
  spaces); two or three can share a line; the line may or may not end in a space, and a
  blank line may follow it (the superscript's own line);
- a note's number ends its first line, spaced or glued to a word, a full stop or digits;
  long notes wrap onto continuation lines after a blank line, and a page's last note
  may run onto the next page's foot, where its lines stand without a number before
  that page's own notes;
- headings wrap over two lines; long words break with a soft hyphen, compounds at their
  own hyphen; pages start mid-sentence, with or without a leading space.

What the text itself cannot decide is listed in `Layout.ambiguous`, so a test accepts
either reading there and only there:
- `hyphen`: a line-end hyphen the document gives no other evidence for (the spelling
  appears nowhere else, and the dictionary rule the reader uses cannot tell);
- `break`: a marker line ending a sentence inside a paragraph, followed by the blank
  line the extraction puts after superscripts, reads exactly like a paragraph's end;
- `number`: a prose line ending in a number that continues the marker sequence, or
  that is the number of a note due at this page's foot (`passing 12`, note 12 below):
  such a layout is only checked to read without error;
- `carry`: a lone line right above a page's notes when the note before them (on an
  earlier page) ended without its full stop: it may be that note going on. Only
  checked to read without error, like `number`.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spellchecker import SpellChecker


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    markers: tuple[tuple[int, int], ...] = ()  # (note number, offset in text)


@dataclass(frozen=True)
class Caption:
    """A figure's caption; it belongs after the paragraph before it."""

    text: str


@dataclass(frozen=True)
class Essay:
    blocks: tuple[Heading | Para | Caption, ...]
    notes: dict[int, str]


@dataclass(frozen=True)
class Style:
    """One layout: everything the extraction may vary, chosen up front."""

    seed: int
    width: int = 65  # body line width, 45-90
    page_lines: int = 40  # body lines (and their blanks) per page
    page_space: bool = True  # a page's first line starts with a space
    note_space: bool = True  # a note's first line starts with a space
    marker_blank: bool = True  # a blank line follows a line that carries markers
    trailing_space: float = 0.9  # share of prose lines that end in a space
    hyphenate: float = 0.3  # chance that a long word at a line end is broken
    note_width: int = 140  # longer notes wrap onto continuation lines
    note_carry: float = 0.0  # chance that a page's last note runs onto the next page


@dataclass
class Layout:
    text: str
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # (kind, context)
    carried: int = 0  # notes that run onto the next page's foot


@cache
def _dictionary() -> dict[str, int]:
    return SpellChecker(language="en").word_frequency.dictionary


WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")


@dataclass
class _Token:
    word: str
    notes: list[int]
    broken: str = ""  # the head of a word broken at the line end: `left-right`


def _tokens(para: Para) -> list[_Token]:
    """Words with the markers that follow them (a marker sits at a word's end)."""
    tokens, start = [], 0
    for match in re.finditer(r"\S+", para.text):
        tokens.append(_Token(match.group(0), []))
        start = match.end()
        for note, offset in para.markers:
            if offset == start:
                tokens[-1].notes.append(note)
    return tokens


class Typesetter:
    def __init__(self, essay: Essay, style: Style) -> None:
        self.essay = essay
        self.style = style
        self.rng = random.Random(style.seed)
        self.out: list[str] = []
        self.page_used = 0
        self.page_notes: list[int] = []
        self.ambiguous: list[tuple[str, str]] = []
        self.pending_caption: list[str] = []
        self.next_marker = 1
        self.last_word = ""  # the last word of the paragraph just finished
        self.in_paragraph = False  # inside a paragraph (not after its last line)
        self.line_break = ""  # the word broken at the end of the last line
        self.page_top = False  # the next line starts a page
        self.words: Counter[str] = Counter()
        self.hyphens: list[tuple[str, str, bool]] = []  # (left, right, a real hyphen)
        self.carry: list[str] = []  # a note's lines run onto the next page's foot
        self.carry_note = 0
        self.carried = 0
        self.closing = False
        self.carry_at = 0  # where the carried lines go if the note stays on its page
        self.unstopped = False  # the last page's last note ended without its full stop

    # -- pages -------------------------------------------------------------------------

    def _emit(self, line: str, counts: bool = True) -> None:
        if self.page_top and self.out and line:
            line = (" " if self.style.page_space else "") + line.lstrip()
            self.page_top = False
        self.out.append(line)
        if counts:
            self.page_used += 1
        if self.page_used >= self.style.page_lines:
            self._end_page()

    def _end_page(self) -> None:
        """The notes of this page's markers, then any caption, then the next page."""
        last = next((x for x in reversed(self.out) if x.strip()), "")
        if self.in_paragraph and SENTENCE_END.search(re.sub(r"[\s\d]+$", "", last)):
            # a page break after a finished sentence reads as a paragraph break as well
            self.ambiguous.append(("break", re.sub(r"[\s\d]+$", "", last).split()[-1]))
        if self.carry and (self._isolated_last_line() or not self.page_notes):
            # Kept out: a page whose last line stands alone between blank lines (after a
            # marker line's blank) cannot show where its text ends and the note goes on;
            # on a page that cites nothing, the note's end would stand where a caption or
            # a lone line of text does. The note stays whole on its own page.
            lines = [x for piece in self.carry for x in ("", piece)]
            self.out[self.carry_at : self.carry_at] = lines
            self.unstopped = not SENTENCE_END.search(self.essay.notes[self.carry_note])
            self.carry = []
        if self.unstopped and not self.carry and self._isolated_last_line():
            # the previous page's note may go on here, in the lone line above the foot
            self.ambiguous.append(("carry", next(x for x in reversed(self.out) if x)[-30:]))
        if self.page_notes:
            self.unstopped = False  # (a page that cites nothing leaves the question open)
        if self.page_notes or self.pending_caption or self.carry:
            if self.out and self.out[-1] != "":
                self.out.append("")
            last_note = "."
            if self.carry:  # the last page's note goes on first, without its number
                self.carried += 1
                for piece in self.carry:
                    self.out += [piece, ""]
                last_note = self.essay.notes[self.carry_note]
                self.unstopped = not SENTENCE_END.search(last_note)
                self.carry = []
            for index, number in enumerate(self.page_notes):
                # (not before a caption: it would read as the unfinished note going on)
                last = index + 1 == len(self.page_notes) and not self.pending_caption
                last = last and not self.closing
                self._note(number, carry=last and self.rng.random() < self.style.note_carry)
                self.out.append("")
                last_note = self.essay.notes[number]
            for caption in self.pending_caption:
                # a note without its final full stop may go on in the caption's line;
                # without notes or the next page's leading space, only its length sets it
                # apart from the text around it
                # (with no notes, a caption as long as a line may be a paragraph's first)
                doubtful = not SENTENCE_END.search(last_note) or (
                    not self.page_notes
                    and (not self.style.page_space or len(caption) >= self.style.width * 0.8)
                )
                if doubtful:
                    self.ambiguous.append(("caption", caption))
                if doubtful and self.line_break:
                    # read into the text, the caption decides the broken word's hyphen
                    self.ambiguous.append(("hyphen", self.line_break))
                self.out.append(caption)
            if not self.pending_caption:
                self.out.pop()  # the next page follows the last note directly
        self.page_notes, self.pending_caption = [], []
        self.page_used, self.page_top = 0, True

    def _isolated_last_line(self) -> bool:
        """Whether the page's last line of text stands alone between blank lines."""
        end = len(self.out) - 1
        while end >= 0 and self.out[end] == "":
            end -= 1
        return end >= 1 and self.out[end - 1] == ""

    def _note(self, number: int, carry: bool = False) -> None:
        """The note at the page's foot; with `carry`, its lines after one that stops
        mid-sentence go to the next page's foot, as a long note's do in print."""
        text = self.essay.notes[number]
        first, rest = text, ""
        if len(text) > self.style.note_width:
            cut = text.rfind(" ", 0, self.style.note_width)
            # a first line ending a sentence would read as a whole note: wrap elsewhere
            while cut > 0 and SENTENCE_END.search(text[:cut]):
                cut = text.rfind(" ", 0, cut)
            if cut > 0:
                first, rest = text[:cut], text[cut + 1 :]
        glue = self.rng.choice(["", " ", " ", "  "])
        digits = re.search(r"\d+$", first)
        if not glue and digits and YEAR.search(digits.group(0) + str(number)):
            glue = " "  # `into 199` + 9 would read as the year 1999: the number is spaced
        lead = " " if self.style.note_space else ""
        lines = [f"{lead}{first}{glue}{number}"]
        while rest:
            cut = (
                rest.rfind(" ", 0, self.style.note_width)
                if len(rest) > self.style.note_width
                else -1
            )
            # a note without a final full stop must not wrap after a sentence: its last
            # line, alone before the next page, would read as a caption
            while cut > 0 and not SENTENCE_END.search(text) and SENTENCE_END.search(rest[:cut]):
                cut = rest.rfind(" ", 0, cut)
            piece, rest = (rest, "") if cut <= 0 else (rest[:cut], rest[cut + 1 :])
            lines.append(piece)
        # The page's part must stop mid-sentence (a finished sentence would read as the
        # note's end), and so must its line before (after a finished sentence, the last
        # line would stand alone before the next page like a caption); without the next
        # page's leading space, the next page's first line would read as the note going on.
        cuts = [
            k
            for k in range(1, len(lines))
            if not any(SENTENCE_END.search(line) for line in lines[max(k - 2, 0) : k])
        ]
        keep = self.rng.choice(cuts) if carry and cuts and self.style.page_space else len(lines)
        self.carry, self.carry_note = lines[keep:], number
        self.out += [x for line in lines[:keep] for x in ("", line)][1:]
        self.carry_at = len(self.out)
        self.unstopped = not self.carry and not SENTENCE_END.search(text)

    # -- body --------------------------------------------------------------------------

    def typeset(self) -> Layout:
        blocks = self.essay.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                self._heading(block, index)
            elif isinstance(block, Para):
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                self._paragraph(block, following if isinstance(following, Caption) else None)
            # captions are placed by the paragraph before them
        self.closing = True  # the last page's notes have no next page to run onto
        if self.page_notes or self.pending_caption or self.carry:
            self._end_page()
        text = "\n".join(self.out).rstrip("\n") + "\n"
        lines = text.split("\n")
        if sum(1 for a, b in zip(lines, lines[1:], strict=False) if a and b) < 10:
            # a text of a few lines does not show its line width: no caption is certain
            self.ambiguous += [
                ("caption", b.text) for b in self.essay.blocks if isinstance(b, Caption)
            ]
        # the evidence is what the layout shows: other occurrences may be broken too
        self.words = Counter(w.lower() for w in WORD.findall(text))
        for left, right, real in self.hyphens:
            if not self._hyphen_evident(left, right, real):
                self.ambiguous.append(("hyphen", f"{left}-{right}"))
        return Layout(text, self.ambiguous, self.carried)

    def _blank(self) -> None:
        if self.out and self.out[-1] != "" and not self.page_top:
            self._emit("")

    def _heading(self, heading: Heading, index: int) -> None:
        self.last_word = ""
        self._blank()
        # A heading's larger type wraps it at well under the body's width (over two or
        # three lines); a short one is wrapped or not, at random.
        words, lines = heading.text.split(), [heading.text]
        measure = self.style.width * 0.6
        if len(heading.text) > measure or (len(words) >= 4 and self.rng.random() < 0.5):
            measure = min(measure, len(heading.text) * self.rng.uniform(0.5, 0.9))
            lines, current = [], ""
            for word in words:
                if current and len(current) + 1 + len(word) > measure:
                    lines.append(current)
                    current = word
                else:
                    current = f"{current} {word}".strip()
            lines.append(current)
        if self.page_used + len(lines) + 2 > self.style.page_lines:
            self._end_page()  # a heading never ends a page
        for line in lines:
            self._emit(line + (" " if self.rng.random() < 0.7 else ""))
        if self.rng.random() < 0.5:
            self._emit("")

    def _paragraph(self, para: Para, caption: Caption | None) -> None:
        if self.out and self.out[-1] != "" and not self.page_top:
            self._emit("")
        if self.page_top and self.last_word:
            # a page that starts a paragraph looks like one that continues a sentence
            self.ambiguous.append(("break", self.last_word))
        lines = self._wrap(_tokens(para))
        if caption is not None:
            # the page must end inside this paragraph or right after it
            # (not after a line that ends a sentence: the page break would then read as a
            # paragraph break just as well, and the caption's place with it)
            rooms = [
                r for r in range(1, len(lines)) if not SENTENCE_END.search(lines[r - 1][0][-1].word)
            ]
            room = self.rng.choice(rooms + [len(lines)])
            extra = sum(1 for line in lines[:room] if line[1] and self.style.marker_blank)
            self.page_used = self.style.page_lines - room - extra
            self.pending_caption.append(caption.text)
        for number, (tokens, notes) in enumerate(lines):
            last = number + 1 == len(lines)
            self.in_paragraph = not last
            self._line(tokens, notes, last)
            self.last_word = tokens[-1].word if last else ""
            if notes and self.style.marker_blank and not self.page_top:
                if not last and SENTENCE_END.search(tokens[-1].word):
                    self.ambiguous.append(("break", tokens[-1].word))
                self._emit("")
        if self.pending_caption:
            self._end_page()

    def _wrap(self, tokens: list[_Token]) -> list[tuple[list[_Token], list[int]]]:
        """Greedy wrapping; a long word at the end may break at a (soft or real) hyphen."""
        lines: list[tuple[list[_Token], list[int]]] = []
        current: list[_Token] = []
        width = 0
        queue = list(tokens)
        while queue:
            token = queue.pop(0)
            size = len(token.word) + (1 if current else 0)
            if current and width + size > self.style.width:
                broken = self._break(token, self.style.width - width - 1)
                if broken:
                    head, tail = broken
                    current.append(head)
                    queue.insert(0, tail)
                else:
                    queue.insert(0, token)
                lines.append((current, [n for t in current for n in t.notes]))
                current, width = [], 0
                continue
            current.append(token)
            width += size
        if current:
            lines.append((current, [n for t in current for n in t.notes]))
        return lines

    def _break(self, token: _Token, room: int) -> tuple[_Token, _Token] | None:
        word = token.word
        if room < 4 or self.rng.random() >= self.style.hyphenate:
            return None
        if "-" in word.strip("-"):
            cut = word.index("-", 1) + 1
            if cut > room:
                return None
            head, tail = word[:cut], word[cut:]
            real = True
        else:
            core = re.fullmatch(r"([^\W\d_]{7,})([,.;:]?)", word)
            if not core:
                return None
            cut = self.rng.randrange(3, len(core.group(1)) - 2)
            if cut + 1 > room:
                return None
            head, tail = word[:cut] + "-", word[cut:]
            real = False
        left = re.search(r"([^\W\d_]+)-$", head)
        right = re.match(r"[^\W\d_]+", tail)
        if not left or not right:
            return None
        self.hyphens.append((left.group(1), right.group(0), real))
        pair = f"{left.group(1)}-{right.group(0)}"
        return _Token(head, [], broken=pair), _Token(tail, token.notes)

    def _hyphen_evident(self, left: str, right: str, real: bool) -> bool:
        """Whether the document, or a half that is no word, shows which reading is meant."""
        compound, joined = f"{left}-{right}".lower(), (left + right).lower()
        if self.words[compound] and self.words[joined]:
            return False
        if real:
            if right[0].isupper() or self.words[compound]:
                return True
            return not _dictionary().get(joined, 0) and not self.words[joined]
        if self.words[joined]:
            return not self.words[compound]
        words = _dictionary()
        half_no_word = not words.get(left.lower(), 0) or not words.get(right.lower(), 0)
        return half_no_word and bool(words.get(joined, 0))  # `Ryc-roft`: nothing tells

    def _line(self, tokens: list[_Token], notes: list[int], last: bool) -> None:
        """Render one line: markers inside it leave a double space, numbers go to the end."""
        self.line_break = tokens[-1].broken
        parts: list[str] = []
        glued_end = False
        for index, token in enumerate(tokens):
            parts.append(token.word)
            at_end = index + 1 == len(tokens)
            if token.notes and not at_end:
                parts.append(" ")  # the double space where the marker stood
            if at_end and token.notes:
                glued_end = self.rng.random() < 0.5 and not token.word[-1].isdigit()
        text = " ".join(parts).replace("   ", "  ")
        for note in notes:
            self.page_notes.append(note)
        self.next_marker += len(notes)
        if notes:
            numbers = " ".join(str(n) for n in notes)
            if not tokens[-1].notes:
                text += " " + numbers  # `onto the 2`: the double space is elsewhere
            elif glued_end and len(tokens[-1].notes) == len(notes):
                text += numbers
            else:
                text += self.rng.choice([" ", "  "]) + numbers
            if self.rng.random() < 0.3:
                text += " "
        else:
            ending = re.search(r"(?<![\w-])(\d{1,3})[”’\"')\]]*$", text)
            number = int(ending.group(1)) if ending else 0
            expected = self.next_marker - 1 <= number <= self.next_marker + 3
            if ending and (expected or number in self.page_notes):
                # a marker continuing the sequence, or the number of a note due below
                self.ambiguous.append(("number", text[-30:]))
            if tokens[-1].word.endswith("-") and not tokens[-1].broken:
                text += " "  # `key- and`: the space after the hyphen is the text's own
            elif not tokens[-1].broken and self.rng.random() < self.style.trailing_space:
                text += " "
        self._emit(text)


def typeset(essay: Essay, style: Style) -> Layout:
    """The essay set in one extraction layout, with the breaks only the reader can guess."""
    return Typesetter(essay, style).typeset()
