"""Write any Document as Markdown that the Markdown reader reads back unchanged.

`glossator import` uses this to turn a raw source into an editable file, so the
output must be plain enough to edit by hand and exact enough that nothing moves:
every character Markdown could take for syntax is backslash-escaped, and each
paragraph stays on one line so its footnote markers keep their offsets.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from glossator.model import Document, Figure, Marker, Paragraph

# Escaped wherever they stand: each can open inline syntax (emphasis, code, links,
# images, autolinks/HTML, entities, inline notes) or close a heading (`#`).
INLINE_SPECIAL = frozenset("\\`*_[]<>&!|^~#")
# At the start of a line these open a list, a quote or a heading underline.
LINE_START_MARK = re.compile(r"^([-+=])")
LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
# After `[^N]` an opening `(` would make a link, and `:` (at line start) a definition.
AFTER_MARKER = frozenset("(:")
DESTINATION_SPECIAL = re.compile(r"[\s()<>]")


class _Dumper(yaml.SafeDumper):
    pass


class _Quoted(str):
    pass


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "'")
)


def escape_inline(text: str) -> str:
    return "".join("\\" + c if c in INLINE_SPECIAL else c for c in text)


def escape_line(text: str) -> str:
    """Escape text that starts a line, where block syntax could begin."""
    escaped = escape_inline(text)
    escaped = LINE_START_MARK.sub(r"\\\1", escaped)
    return LINE_START_NUMBER.sub(r"\1\\\2", escaped)


def _front_matter(doc: Document) -> str:
    meta = doc.meta
    data: dict[str, Any] = {}
    if meta.title:
        data["title"] = meta.title
    if meta.authors:
        data["authors"] = list(meta.authors)
    if meta.date:
        data["date"] = _Quoted(meta.date)
    for key in ("publication", "image_credit", "author_bio"):
        if getattr(meta, key):
            data[key] = getattr(meta, key)
    if meta.editorial:
        data["editorial"] = list(meta.editorial)
    if not data:
        return "---\n---\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{body}---\n"


def paragraph_markdown(paragraph: Paragraph) -> str:
    """One line: the escaped text with `[^N]` at each marker's offset."""
    text = paragraph.text
    markers: list[Marker] = sorted(paragraph.markers, key=lambda m: m.offset)
    parts: list[str] = []
    last = 0
    for marker in markers:
        offset = max(last, min(marker.offset, len(text)))
        parts.append(_segment(text[last:offset], at_line_start=not parts))
        parts.append(f"[^{marker.note}]")
        last = offset
    parts.append(_segment(text[last:], at_line_start=not parts))
    return "".join(parts)


def _segment(text: str, *, at_line_start: bool) -> str:
    if at_line_start:
        return escape_line(text)
    if text and text[0] in AFTER_MARKER:
        return "\\" + text[0] + escape_inline(text[1:])
    return escape_inline(text)


def _destination(src: str | None) -> str:
    if not src:
        return ""
    if DESTINATION_SPECIAL.search(src):
        return "<" + re.sub(r"([\\<>])", r"\\\1", src) + ">"
    return src.replace("\\", "\\\\")


def figure_markdown(figure: Figure) -> str:
    return f"![{escape_inline(figure.caption)}]({_destination(figure.src)})"


def export_markdown(doc: Document) -> str:
    """The editable Markdown form of `doc` (front matter, sections, then the notes)."""
    chunks = [_front_matter(doc)]
    for section in doc.sections:
        if section.heading is not None:
            chunks.append(f"## {escape_inline(section.heading)}".rstrip() + "\n")
        for block in section.blocks:
            if isinstance(block, Figure):
                chunks.append(figure_markdown(block) + "\n")
            else:
                chunks.append(paragraph_markdown(block) + "\n")
    if doc.notes:
        chunks.append(
            "".join(f"[^{n.number}]: {escape_line(n.text)}".rstrip() + "\n" for n in doc.notes)
        )
    return "\n".join(chunks)
