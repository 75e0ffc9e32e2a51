"""Reader for Markdown essays: YAML front matter, headings, `[^label]` footnotes.

This is the editable form of every document (`glossator import` writes it), so the
reader keeps exactly what the model holds (plain text, markers, notes, figures) and
reports every footnote that does not pair up, with the line to fix. Raw HTML is kept
as literal text (the renderer escapes it) with a warning, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from glossator.diagnostics import Diagnostic, error, sort_diagnostics, warning
from glossator.ingest.markdown_inline import (
    collapse_with_offsets,
    is_comment,
    line_of,
    plain_text,
    raw_text,
    token_lines,
)
from glossator.ingest.metadata import parse_metadata
from glossator.ingest.source import Source
from glossator.model import Document, Figure, Marker, Metadata, Note, Paragraph, Section, assign_ids
from glossator.model.inline import renumber_refs
from glossator.yamlmap import load_yaml_mapping

# Left as literal text by markdown-it when the label has no definition.
UNDEFINED_REF = re.compile(r"\[\^([^\]\s]+)\]")
# Provisional ids for notes made from citation groups, above any footnote id.
KEY_NOTE_BASE = 1_000_000
INLINE_HTML = "inline HTML is shown as text, not rendered; write it as Markdown"
BLOCK_HTML = "an HTML block is shown as text, not rendered; write the content as Markdown"


def _parser() -> MarkdownIt:
    # Definitions stay in place (move_to_end=False) so their lines are known, and
    # escapes stay separate tokens (no text_join) so `\[^x]` is not taken for a reference.
    md = MarkdownIt("commonmark").use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False)
    md.disable("text_join")
    return md


@dataclass
class _State:
    source: Source
    md: MarkdownIt
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # footnote id -> line of the inline note `^[...]` (definitions are found separately)
    inline_note_lines: dict[int, int] = field(default_factory=dict)
    # notes made from `[@key]` citation groups in the body, by provisional id
    key_notes: dict[int, tuple[str, int]] = field(default_factory=dict)

    def key_note(self, group: str, line: int) -> int:
        note_id = KEY_NOTE_BASE + len(self.key_notes)
        self.key_notes[note_id] = (group, line)
        return note_id

    def add(self, block: Paragraph | Figure) -> None:
        if not self.sections:
            self.sections.append(Section(id="", heading=None, line=block.line))
        self.sections[-1].blocks.append(block)


def _warn_html(state: _State, line: int, message: str = INLINE_HTML) -> None:
    state.diagnostics.append(warning(state.source.path, line, "markdown.html", message))


def _scan(state: _State, children: list[Token], first_line: int) -> None:
    """Report undefined references and inline HTML, and note where each inline note
    `^[...]` stands."""
    for token, line in token_lines(children, first_line):
        if token.type == "html_inline" and not is_comment(token):
            _warn_html(state, line)
        elif token.type == "footnote_ref" and "label" not in token.meta:
            state.inline_note_lines.setdefault(token.meta["id"], line)
        elif token.type == "text":
            for match in UNDEFINED_REF.finditer(token.content):
                label = match.group(1)
                state.diagnostics.append(
                    error(
                        state.source.path,
                        line,
                        "note.missing",
                        f"footnote `[^{label}]` is referenced but never defined; add a line "
                        f"`[^{label}]: ...` with the note, or remove the reference",
                    )
                )


def _block(state: _State, inline: Token, line: int) -> None:
    children = inline.children or []
    _scan(state, children, line)
    visible = [t for t in children if not (t.type == "text" and not t.content.strip())]
    visible = [t for t in visible if t.type not in ("softbreak", "hardbreak")]
    if len(visible) == 1 and visible[0].type == "image":
        image = visible[0]
        caption = plain_text(image.children or [])[0]
        # markdown-it percent-encodes the destination; the model keeps the path as written.
        src = state.md.normalizeLinkText(str(image.attrGet("src") or ""))
        state.add(Figure(id="", caption=caption, src=src or None, line=line))
        return
    raw, refs = raw_text(children, cite=lambda group, breaks: state.key_note(group, line + breaks))
    text, offsets = collapse_with_offsets(raw, [offset for _, offset in refs])
    if not text:
        if refs:
            state.diagnostics.append(
                warning(
                    state.source.path,
                    line,
                    "note.no-text",
                    "a footnote reference stands in a paragraph without text and is "
                    "dropped; move it after the word it annotates",
                )
            )
        return
    markers = [Marker(note=i + 1, offset=o) for (i, _), o in zip(refs, offsets, strict=True)]
    state.add(Paragraph(id="", text=text, markers=markers, line=line))


def _heading(state: _State, inline: Token, line: int) -> None:
    children = inline.children or []
    _scan(state, children, line)
    text, ids = plain_text(children)
    if ids:
        state.diagnostics.append(
            warning(
                state.source.path,
                line,
                "note.in-heading",
                "a footnote reference in a heading is not kept; move it into a paragraph",
            )
        )
    state.sections.append(Section(id="", heading=text, line=line))


def _definitions(
    state: _State, tokens: list[Token]
) -> tuple[dict[str, tuple[int, str]], list[Token]]:
    """Footnote definitions by label (first wins) and the body tokens outside them."""
    defined: dict[str, tuple[int, str]] = {}
    body: list[Token] = []
    depth, label, line, texts = 0, "", 0, []
    for token in tokens:
        if token.type == "footnote_reference_open":
            if depth == 0:
                label, line, texts = token.meta["label"], line_of(token), []
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
                    defined[label] = (line, " ".join(t for t in texts if t))
            continue
        if depth == 0:
            body.append(token)
        elif token.type == "inline":
            _scan(state, token.children or [], line_of(token))
            texts.append(plain_text(token.children or [])[0])
        elif token.type == "html_block" and not is_comment(token):
            _warn_html(state, line_of(token), BLOCK_HTML)
            texts.append(" ".join(token.content.split()))
        elif token.type in ("fence", "code_block"):
            texts.append(" ".join(token.content.split()))  # as the body keeps code blocks
    return defined, body


def _metadata(state: _State, tokens: list[Token]) -> Metadata:
    path = state.source.path
    matter = next((t for t in tokens if t.type == "front_matter"), None)
    meta = Metadata()
    if matter is not None:
        mapping, diags = load_yaml_mapping(matter.content, path, first_line=2)
        state.diagnostics += diags
        if mapping is not None:
            meta, _, diags = parse_metadata(mapping, path, expect_format=False)
            state.diagnostics += diags
            if not meta.title:
                state.diagnostics.append(
                    error(
                        path,
                        1,
                        "meta.missing",
                        "required field `title` is missing; add `title: ...` to the front matter",
                    )
                )
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
    else:
        state.diagnostics.append(
            error(
                path,
                1,
                "meta.missing",
                "required field `title` is missing; start the file with front matter: a "
                "`---` line, `title: ...`, and another `---` line",
            )
        )
    return meta


def read_markdown(source: Source) -> tuple[Document, list[Diagnostic]]:
    """Read a Markdown essay; footnotes are numbered in order of first reference."""
    md = _parser()
    env: dict = {}
    tokens = md.parse(source.text, env)
    state = _State(source, md)
    meta = _metadata(state, tokens)
    defined, body = _definitions(state, tokens)

    for i, token in enumerate(body):
        if token.type == "heading_open":
            _heading(state, body[i + 1], line_of(token))
        elif token.type == "paragraph_open":
            _block(state, body[i + 1], line_of(token))
        elif token.type in ("fence", "code_block") and token.content.strip():
            text = " ".join(token.content.split())
            state.add(Paragraph(id="", text=text, line=line_of(token)))
        elif token.type == "html_block" and not is_comment(token):
            # Kept as a paragraph of literal text, whitespace collapsed, so nothing is lost.
            _warn_html(state, line_of(token), BLOCK_HTML)
            text = " ".join(token.content.split())
            state.add(Paragraph(id="", text=text, line=line_of(token)))

    notes = _notes(state, env, defined)
    notes += [
        Note(number=note_id + 1, id="", text=group, line=line)
        for note_id, (group, line) in state.key_notes.items()
    ]
    sections = [s for s in state.sections if s.heading is not None or s.blocks]
    _renumber(sections, notes)
    doc = Document(
        slug=source.slug,
        format="markdown",
        meta=meta,
        sections=sections,
        notes=notes,
        path=source.path,
    )
    return assign_ids(doc), sort_diagnostics(state.diagnostics)


def _notes(state: _State, env: dict, defined: dict[str, tuple[int, str]]) -> list[Note]:
    listed = env.get("footnotes", {}).get("list", {})
    notes, used = [], set()
    for footnote_id, data in sorted(listed.items()):
        if "content" in data:
            text = plain_text(data.get("tokens", []))[0]
            line = state.inline_note_lines.get(footnote_id, 1)
            for token, token_line in token_lines(data.get("tokens", []), line):
                if token.type == "html_inline" and not is_comment(token):
                    _warn_html(state, token_line)
        else:
            used.add(data["label"])
            line, text = defined.get(data["label"], (1, ""))
        if not text:
            state.diagnostics.append(
                error(
                    state.source.path,
                    line,
                    "note.empty",
                    "footnote has no text; write the note after its label",
                )
            )
        notes.append(Note(number=footnote_id + 1, id="", text=text, line=line))
    for label, (line, _) in defined.items():
        if label not in used:
            state.diagnostics.append(
                error(
                    state.source.path,
                    line,
                    "note.unreferenced",
                    f"footnote `[^{label}]` is defined but never referenced; add `[^{label}]` "
                    "after the word it annotates, or delete the definition",
                )
            )
    return notes


def _renumber(sections: list[Section], notes: list[Note]) -> None:
    """Number notes by first reference, so citation-group notes fall into sequence."""
    order: dict[int, int] = {}
    for section in sections:
        for block in section.blocks:
            for marker in getattr(block, "markers", []):
                order.setdefault(marker.note, len(order) + 1)
    for note in sorted(notes, key=lambda n: n.number):
        order.setdefault(note.number, len(order) + 1)
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                block.content = renumber_refs(block.content, order)
    for note in notes:
        note.number = order[note.number]
    notes.sort(key=lambda n: n.number)
