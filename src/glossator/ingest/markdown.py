"""Reader for Markdown essays as authors write them for Pandoc: front matter (or a `%`
title block), headings, footnotes, citations, and the inline and block markup the
model keeps (`markdown_parser` says which).

This is the editable form of every document (`glossator import` writes it), so the
reader reports every footnote that does not pair up, with the line to fix. Raw HTML is
kept as literal text (the renderer escapes it) with a warning, never silently dropped.
A citation in the body becomes a note, as Pandoc makes one for a note style.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from glossator.diagnostics import Diagnostic, error, sort_diagnostics, warning
from glossator.ingest.markdown_blocks import read_blocks
from glossator.ingest.markdown_crossref import link_crossrefs
from glossator.ingest.markdown_examples import number_examples
from glossator.ingest.markdown_inline import Context, convert, line_of
from glossator.ingest.markdown_links import link_fragments
from glossator.ingest.markdown_parser import MAX_NESTING, PARSER, title_block, too_deep
from glossator.ingest.metadata import parse_metadata, read_date
from glossator.ingest.source import Source
from glossator.model import (
    Block,
    BlockQuote,
    Document,
    Figure,
    ListBlock,
    Metadata,
    Note,
    Paragraph,
    Section,
    Table,
    assign_ids,
    walk_blocks,
)
from glossator.model.document import rewrite_contents
from glossator.model.inline import CONTAINERS, Citation, Inline, NoteRef, renumber_refs
from glossator.yamlmap import load_yaml_mapping

# Provisional ids for notes made from citations, above any footnote id.
KEY_NOTE_BASE = 1_000_000


@dataclass
class _State:
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # notes made from citations in the body, by provisional id: (citation, line)
    key_notes: dict[int, tuple[Citation, int]] = field(default_factory=dict)
    inline_note_lines: dict[int, int] = field(default_factory=dict)
    labels: dict[str, Block] = field(default_factory=dict)  # figures and tables, by label
    crossref_lines: dict[int, int] = field(default_factory=dict)  # `Context`'s
    unreadable_metadata: bool = False  # reported already: no second "title missing"

    def key_note(self, citation: Citation, line: int) -> int:
        note_id = KEY_NOTE_BASE + len(self.key_notes)
        self.key_notes[note_id] = (citation, line)
        return note_id

    def context(self, body: bool = False) -> Context:
        make_note = self.key_note if body else None
        found = (self.inline_note_lines, self.labels, self.crossref_lines)
        return Context(self.source.path, self.diagnostics, make_note, False, *found)


def markdown_blocks(text: str, path: str, first_line: int = 1) -> tuple[list[Block], list]:
    """Markdown (an abstract in front matter) as blocks, its lines counted from
    `first_line` of the file; citations stay inline, as in a note."""
    diagnostics: list[Diagnostic] = []
    tokens = PARSER.parse("\n" * (first_line - 1) + text, {})
    ctx = Context(path, diagnostics)
    return read_blocks(tokens, ctx), diagnostics


def _definitions(state: _State, tokens: list[Token]) -> tuple[dict, list[Token]]:
    """Footnote definitions by label (first wins): (line, tokens); and the body tokens."""
    defined: dict[str, tuple[int, list[Token]]] = {}
    body: list[Token] = []
    depth, label, line, inner = 0, "", 0, []
    for token in tokens:
        if token.type == "footnote_reference_open":
            if depth == 0:
                label, line, inner = token.meta["label"], line_of(token), []
            depth += 1
            continue
        if token.type == "footnote_reference_close":
            depth -= 1
            if depth == 0:
                if label in defined:
                    first = defined[label][0]
                    state.diagnostics.append(
                        error(
                            state.source.path,
                            line,
                            "note.duplicate",
                            f"footnote `[^{label}]` is already defined at line {first}; "
                            "delete one definition or give it another label",
                        )
                    )
                else:
                    defined[label] = (line, inner)
            continue
        (inner if depth else body).append(token)
    return defined, body


def _title_block(state: _State, fields: list[str | None]) -> Metadata:
    """A Pandoc title block's title, authors (separated by `;`) and date."""
    title, authors, date = (fields + [None, None, None])[:3]
    names = [a.strip() for a in (authors or "").split(";") if a.strip()]
    meta = Metadata(title=title or "", authors=names)
    if date:
        line = len(fields)  # the date is the block's last line
        state.diagnostics += read_date(meta, date, state.source.path, line, sidecar=False)
    return meta


def _metadata(state: _State, tokens: list[Token], title_fields: list[str | None]) -> Metadata:
    path = state.source.path
    matter = next((t for t in tokens if t.type == "front_matter"), None)
    if title_fields:  # a title block starts the file, so there is no front matter
        meta = _title_block(state, title_fields)
    elif matter is not None:
        meta = Metadata()
        mapping, diags = load_yaml_mapping(matter.content, path, first_line=2)
        state.diagnostics += diags
        if mapping is None:
            state.unreadable_metadata = True
            return meta
        meta, _, diags = parse_metadata(
            mapping, path, expect_format=False, markdown=markdown_blocks
        )
        state.diagnostics += diags
    elif state.source.text.startswith("---"):
        state.diagnostics.append(
            error(
                path,
                1,
                "meta.missing",
                "the front matter is not closed, so `title` cannot be read; end it with a "
                "`---` line",
            )
        )
        state.unreadable_metadata = True
        return Metadata()
    else:
        return Metadata()  # no front matter: the title may be the first heading
    return meta


def _title(state: _State, meta: Metadata, sections: list[Section], has_matter: bool) -> None:
    """A file without a title in its metadata takes its first heading as the title when
    that heading is a `#` one and starts the text, as many Markdown files are written;
    otherwise the title is missing."""
    if meta.title or state.unreadable_metadata:
        return
    first = next((s for s in sections if s.heading is not None or s.blocks), None)
    if first is not None and first.title is not None and first.level == 1 and first.heading:
        meta.title = first.heading
        first.title = None
        state.diagnostics.append(
            warning(
                state.source.path,
                first.line,
                "meta.title-from-heading",
                f"no `title` in the front matter, so the first heading, “{meta.title}”, is "
                "the title; add `title: ...` to the front matter to set it",
            )
        )
        return
    if has_matter:
        message = "required field `title` is missing; add `title: ...` to the front matter"
    elif state.source.text.startswith("%"):
        message = (
            "required field `title` is missing; write it on the title block's first line: `% Title`"
        )
    else:
        message = (
            "required field `title` is missing; start the file with front matter: a `---` "
            "line, `title: ...`, and another `---` line (or a `# Title` heading)"
        )
    state.diagnostics.append(error(state.source.path, 1, "meta.missing", message))


def read_markdown(source: Source) -> tuple[Document, list[Diagnostic]]:
    """Read a Markdown essay; notes are numbered in order of first reference."""
    title_fields, text = title_block(source.text)
    text = number_examples(text)  # Pandoc's `(@)` lists, which markdown-it lacks
    env: dict = {}
    tokens = PARSER.parse(text, env)
    state = _State(source)
    deep = too_deep(tokens)
    if deep is not None:
        state.diagnostics.append(
            warning(
                source.path,
                deep + 1,
                "markdown.too-deep",
                f"quotations and lists are nested too deeply here (markdown-it reads {MAX_NESTING} "
                "levels, a list and its item counting two); what lies deeper is not read: "
                "nest them less",
            )
        )
    meta = _metadata(state, tokens, title_fields)
    defined, body = _definitions(state, tokens)

    sections: list[Section] = []
    read_blocks(body, state.context(body=True), sections)
    notes = _notes(state, env, defined)
    notes += [
        Note(
            number=note_id,
            id="",
            line=line,
            blocks=[Paragraph("", line=line, content=(citation,))],
            generated=True,
        )
        for note_id, (citation, line) in state.key_notes.items()
    ]
    _title(state, meta, sections, any(t.type == "front_matter" for t in tokens))
    sections = [s for s in sections if s.heading is not None or s.blocks]
    _renumber(sections, notes)
    doc = Document(
        slug=source.slug,
        format="markdown",
        meta=meta,
        sections=sections,
        notes=notes,
        path=source.path,
    )
    written = [(section, section.id) for section in sections if section.id]  # {#id}
    link_crossrefs(assign_ids(doc), state.labels, state.crossref_lines, state.diagnostics)
    given: dict[str, str] = {}
    for section, name in written:
        given.setdefault(name, section.id)
    link_fragments(doc, state.labels, given, state.diagnostics)
    return doc, sort_diagnostics(state.diagnostics)


def _notes(state: _State, env: dict, defined: dict[str, tuple[int, list[Token]]]) -> list[Note]:
    listed = env.get("footnotes", {}).get("list", {})
    notes, used = [], set()
    for footnote_id, data in sorted(listed.items()):
        if "content" in data:
            line = state.inline_note_lines.get(footnote_id, 1)
            content = convert(data.get("tokens", []), line, state.context())
            blocks: list[Block] = [Paragraph("", line=line, content=content)] if content else []
        else:
            used.add(data["label"])
            line, inner = defined.get(data["label"], (1, []))
            blocks = read_blocks(inner, state.context())
        if not any(_has_text(b) for b in blocks):
            state.diagnostics.append(
                error(
                    state.source.path,
                    line,
                    "note.empty",
                    "footnote has no text; write the note after its label",
                )
            )
        notes.append(Note(number=footnote_id + 1, id="", line=line, blocks=blocks))
    for label, (line, _) in defined.items():
        if label not in used:
            state.diagnostics.append(  # Pandoc warns and drops it; a PDF's is an error
                warning(
                    state.source.path,
                    line,
                    "note.unreferenced",
                    f"footnote `[^{label}]` is defined but never referenced, so it is not "
                    f"shown (as Pandoc drops it); add `[^{label}]` after the word it "
                    "annotates, or delete the definition",
                )
            )
    return notes


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return any(not isinstance(n, NoteRef) for n in block.content)
    return not isinstance(block, BlockQuote | ListBlock) or any(
        _has_text(b) for b in walk_blocks([block]) if b is not block
    )


def _refs(content: tuple[Inline, ...], found: list[int]) -> list[int]:
    """The note numbers of the markers in `content`, in reading order."""
    for node in content:
        if type(node) is NoteRef:
            found.append(node.note)
        elif isinstance(node, CONTAINERS):
            _refs(node.content, found)
    return found


def _renumber(sections: list[Section], notes: list[Note]) -> None:
    """Number notes by first reference, so citation notes fall into sequence."""
    order: dict[int, int] = {}
    marked: list[Block] = []
    for section in sections:
        for block in walk_blocks(section.blocks):
            found: list[int] = []
            for cell in _contents(block):
                _refs(cell, found)
            if found:
                marked.append(block)
            for note in found:
                order.setdefault(note, len(order) + 1)
    for note in sorted(notes, key=lambda n: n.number):
        order.setdefault(note.number, len(order) + 1)
    for note in notes:  # a note may refer to another one
        for block in walk_blocks(note.blocks):
            found = []
            for cell in _contents(block):
                _refs(cell, found)
            if found:
                marked.append(block)
    for block in marked:
        rewrite_contents(block, lambda content: renumber_refs(content, order))
    for note in notes:
        note.number = order[note.number]
    notes.sort(key=lambda n: n.number)


def _contents(block: Block) -> list:
    if isinstance(block, Paragraph):
        return [block.content]
    if isinstance(block, Figure):
        return [block.caption_content]
    if isinstance(block, Table):
        return [*block.header, *(c for row in block.rows for c in row), block.caption]
    return []
