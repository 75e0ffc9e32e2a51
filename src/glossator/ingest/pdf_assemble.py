"""Second half of the pdf-text reader: the sorted page stream becomes a Document.

Paragraphs are stitched across blank lines, notes and captions until a sentence
ends; captions wait for the paragraph they interrupted to close; then the marker
and note numbers are checked against each other.
"""

from __future__ import annotations

import re

from glossator.diagnostics import Diagnostic, error, warning
from glossator.ingest.hyphenation import HyphenEvidence
from glossator.ingest.pdf_shapes import Events, Line, TextLine
from glossator.model import Document, Figure, Marker, Metadata, Note, Paragraph, Section, assign_ids


def join_lines(
    lines: list[TextLine], evidence: HyphenEvidence
) -> tuple[str, list[tuple[Marker, int]]]:
    """Join visual lines into one text: collapse white space, mend word breaks, and
    keep each marker's offset (with the source line it came from)."""
    out, markers = "", []
    for index, line in enumerate(lines):
        for place, piece in enumerate(line.pieces):
            if isinstance(piece, int):
                markers.append((Marker(piece, len(out.rstrip())), line.number))
                continue
            piece = re.sub(r"\s+", " ", piece)
            if not out or out.endswith(" ") or place == 0:
                piece = piece.lstrip()  # a page's first line starts with a space
            out += piece
        out = out.rstrip()
        if index + 1 == len(lines):
            break
        following = _first_text(lines[index + 1])
        if out.endswith("-") and not line.spaced_end:
            left = re.search(r"([^\W\d_]+)-$", out)
            right = following.lstrip()
            if left and not evidence.keep_hyphen(left.group(1), right):
                out = out[:-1]
                markers = [(Marker(m.note, min(m.offset, len(out))), n) for m, n in markers]
            continue
        out += " "
    return out.strip(), markers


def _first_text(line: TextLine) -> str:
    return next((p for p in line.pieces if isinstance(p, str) and p.strip()), "")


def _plain(lines: list[Line], number: int) -> TextLine:
    return TextLine(number, [" ".join(x.raw for x in lines)])


class Assembler:
    def __init__(self, events: Events, evidence: HyphenEvidence) -> None:
        self.events = events
        self.evidence = evidence
        self.sections = [Section(id="", heading=None)]
        self.open_lines: list[TextLine] = []
        self.waiting_figures: list[Figure] = []
        self.marker_lines: list[tuple[Marker, int]] = []

    def assemble(self) -> list[Section]:
        break_pending = False
        for kind, number, payload in self.events.items:
            if kind == "blank":
                break_pending = True
            elif kind == "text":
                if break_pending and self._sentence_done():
                    self._close_paragraph()
                self.open_lines.append(payload)
                break_pending = False
            elif kind == "heading":
                self._close_paragraph()
                heading, _ = join_lines(
                    [TextLine(x.number, [x.raw]) for x in payload], self.evidence
                )
                self.sections.append(Section(id="", heading=heading, line=number))
            elif kind == "figure":
                figure = Figure(id="", caption=payload, src=None, line=number)
                (self.waiting_figures if self.open_lines else self.sections[-1].blocks).append(
                    figure
                )
        self._close_paragraph()
        return [s for s in self.sections if s.blocks or s.heading is not None]

    def _sentence_done(self) -> bool:
        return not self.open_lines or self.open_lines[-1].ends_sentence

    def _close_paragraph(self) -> None:
        if self.open_lines:
            text, markers = join_lines(self.open_lines, self.evidence)
            self.marker_lines += markers
            self.sections[-1].blocks.append(
                Paragraph(
                    id="",
                    text=text,
                    markers=[m for m, _ in markers],
                    line=self.open_lines[0].number,
                )
            )
        self.sections[-1].blocks.extend(self.waiting_figures)
        self.open_lines, self.waiting_figures = [], []

    def notes(self) -> list[Note]:
        notes = []
        for number, line, texts in self.events.notes:
            pieces = [TextLine(line, [t]) for t in texts]
            text, _ = join_lines(pieces, self.evidence)
            notes.append(Note(number=number, id="", text=text, line=line))
        return notes


def check_numbering(
    path: str, markers: list[tuple[Marker, int]], notes: list[Note]
) -> list[Diagnostic]:
    """Every marker has one note and every note one marker, numbered 1, 2, 3, ..."""
    diagnostics = []
    note_lines: dict[int, int] = {}
    for note in notes:
        if note.number in note_lines:
            diagnostics.append(
                error(
                    path,
                    note.line,
                    "note.duplicate",
                    f"note {note.number} is defined twice "
                    f"(first at line {note_lines[note.number]}); "
                    "renumber the notes so each number is used once",
                )
            )
        else:
            note_lines[note.number] = note.line
    marker_lines: dict[int, int] = {}
    for marker, line in markers:
        if marker.note in marker_lines:
            diagnostics.append(
                error(
                    path,
                    line,
                    "marker.duplicate",
                    f"marker {marker.note} appears twice "
                    f"(first at line {marker_lines[marker.note]}); "
                    "renumber the markers so each number is used once",
                )
            )
        else:
            marker_lines[marker.note] = line
    for number, line in sorted(marker_lines.items()):
        if number not in note_lines:
            diagnostics.append(
                error(
                    path,
                    line,
                    "note.missing",
                    f"marker {number} has no note; add a note ending with {number} to the notes "
                    "at the foot of the page, or remove the marker",
                )
            )
    for number, line in sorted(note_lines.items()):
        if number not in marker_lines:
            diagnostics.append(
                error(
                    path,
                    line,
                    "note.unreferenced",
                    f"note {number} has no marker in the text; put {number} at the end of the "
                    "line that cites it (a double space where it stands), or remove the note",
                )
            )
    known = set(marker_lines) | set(note_lines)
    for number in range(1, max(known, default=0)):
        if number not in known:
            after = min(n for n in known if n > number)
            line = marker_lines.get(after, note_lines.get(after, 1))
            diagnostics.append(
                error(
                    path,
                    line,
                    "note.skipped",
                    f"note numbers skip {number} (the next is {after}); renumber markers and "
                    "notes consecutively from 1",
                )
            )
    return diagnostics


def assemble_document(
    source_slug: str, path: str, text: str, events: Events, fmt: str = "pdf-text"
) -> tuple[Document, list[Diagnostic]]:
    assembler = Assembler(events, HyphenEvidence(text))
    sections = assembler.assemble()
    notes = assembler.notes()
    diagnostics = check_numbering(path, assembler.marker_lines, notes)
    diagnostics += [
        warning(
            path,
            line,
            "pdf.page-start",
            "this line follows a finished note but does not start with a space as a page's "
            "first line does; it is read as body text. If it continues the note above, end "
            "that note's first line without its final period",
        )
        for line in events.unexpected
    ]
    diagnostics += [
        warning(
            path,
            line,
            "pdf.caption-guess",
            "this short line is read as an image caption, since nothing but its length sets "
            "it apart from the text (no notes above it, no leading space on the next page's "
            "first line); if it is text, join it to the line below",
        )
        for line in events.guesses
    ]
    diagnostics += [
        warning(
            path,
            line,
            "pdf.note-carried",
            f"this line is read as note {number} going on from the page before: that note "
            "stops mid-citation and no number starts this line. If it is the page's text, "
            "give it the page's leading space; if the note ends before it, end the note "
            "with its final period",
        )
        for line, number in events.carried
    ]
    unique = {}
    for note in notes:
        unique.setdefault(note.number, note)
    document = Document(
        slug=source_slug,
        format=fmt,
        meta=Metadata(),
        sections=sections,
        notes=sorted(unique.values(), key=lambda n: n.number),
        path=path,
    )
    return assign_ids(document), diagnostics
