"""Inline content: the marks inside a paragraph, heading, caption or note.

Nodes are frozen values in the spirit of Pandoc's AST. Every one has a plain-text form
(`plain_text`), which is what search, meta descriptions, feeds, the note parser and the
paragraph offsets of markers see: a `NoteRef` has no text, so a marker's offset is the
length of the plain text before it.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from typing import Literal, TypeVar

from glossator.model.values import frozen_value

CiteMode = Literal["normal", "author-in-text", "suppress-author"]
N = TypeVar("N")


@frozen_value
class Text:
    text: str


@frozen_value
class Emph:
    content: tuple[Inline, ...]


@frozen_value
class Strong:
    content: tuple[Inline, ...]


@frozen_value
class Strikeout:
    content: tuple[Inline, ...]


@frozen_value
class Superscript:
    content: tuple[Inline, ...]


@frozen_value
class Subscript:
    content: tuple[Inline, ...]


@frozen_value
class SmallCaps:
    content: tuple[Inline, ...]


@frozen_value
class Span:
    """`[text]{.class}`: kept with its classes; no meaning of its own but its language
    (`[la plume]{lang=fr}`: a language tag), which a screen reader and hyphenation use."""

    content: tuple[Inline, ...]
    classes: tuple[str, ...] = ()
    lang: str = ""


@frozen_value
class Code:
    text: str


@frozen_value
class Link:
    url: str
    content: tuple[Inline, ...]
    title: str = ""


@frozen_value
class Image:
    """An image inside running text; an image alone in its paragraph is a Figure."""

    src: str
    alt: str = ""
    title: str = ""


@frozen_value
class LineBreak:
    pass


@frozen_value
class Math:
    """TeX source as written; `display` for `$$…$$`. Rendered to MathML at build time."""

    tex: str
    display: bool = False


@frozen_value
class RawInline:
    """Inline HTML as the author wrote it: shown as text unless site.yaml allows HTML."""

    text: str


@frozen_value
class NoteRef:
    """A footnote marker: the note's number."""

    note: int


@frozen_value
class CiteItem:
    """One work in a Pandoc citation: `[see @key, pp. 33-35 and passim]`."""

    key: str
    prefix: str = ""
    locator: str | None = None
    suffix: str = ""
    mode: CiteMode = "normal"


@frozen_value
class Citation:
    """A Pandoc citation group. `source` is what the author wrote; `text` and `html` are
    the style's form, filled by the formatting stage (None until then)."""

    items: tuple[CiteItem, ...]
    source: str
    text: str | None = None
    html: str | None = field(default=None, compare=False)


Inline = (
    Text
    | Emph
    | Strong
    | Strikeout
    | Superscript
    | Subscript
    | SmallCaps
    | Span
    | Code
    | Link
    | Image
    | LineBreak
    | Math
    | RawInline
    | NoteRef
    | Citation
)
CONTAINERS = (Emph, Strong, Strikeout, Superscript, Subscript, SmallCaps, Span, Link)
# The node classes are final (never subclassed), so the walks below, which run over
# every paragraph of every essay several times, test the exact type first.
_CONTAINER_TYPES = frozenset(CONTAINERS)


def plain_text(content: tuple[Inline, ...] | list[Inline]) -> str:
    """The text a reader sees, without marks; note markers add nothing."""
    return "".join([node.text if type(node) is Text else _plain(node) for node in content])


def _plain(node: Inline) -> str:
    if isinstance(node, (Text, Code, RawInline)):
        return node.text
    if isinstance(node, CONTAINERS):
        return plain_text(node.content)
    if isinstance(node, Math):
        return node.tex
    if isinstance(node, Citation):
        return node.text if node.text is not None else node.source
    if isinstance(node, LineBreak):
        return " "
    if isinstance(node, Image):
        return node.alt
    return ""  # NoteRef


def normalize(content: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent text joined and empty text dropped, so equal content compares equal
    however a reader happened to split it."""
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return tuple(out)


def note_refs(content: tuple[Inline, ...]) -> list[tuple[int, int]]:
    """(note number, offset in the plain text) of each marker, in reading order."""
    found: list[tuple[int, int]] = []
    _walk_refs(content, 0, found)
    return found


def note_numbers(content: tuple[Inline, ...]) -> list[int]:
    """The note number of each marker, in reading order: `note_refs` without the
    offsets, for the renderer's anchors (it walks every paragraph of every page)."""
    found: list[int] = []
    for node in content:
        kind = type(node)
        if kind is NoteRef:
            found.append(node.note)
        elif kind in _CONTAINER_TYPES:
            found += note_numbers(node.content)
    return found


def _walk_refs(content: tuple[Inline, ...], offset: int, found: list[tuple[int, int]]) -> int:
    for node in content:
        node_type = type(node)
        if node_type is Text:
            offset += len(node.text)
        elif node_type is NoteRef:
            found.append((node.note, offset))
        elif node_type in _CONTAINER_TYPES:
            offset = _walk_refs(node.content, offset, found)
        else:
            offset += len(_plain(node))
    return offset


SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(url: str) -> str:
    """The URL's scheme in lower case ("" for a relative one), as `urlsplit` gives it
    but without its ValueError on a malformed host (`http://[x`): the renderer and the
    image check both ask, on whatever a reader let through."""
    match = SCHEME.match(url.strip())
    return match.group(1).lower() if match else ""


def is_remote(src: str) -> bool:
    """Whether an image's `src` is loaded from elsewhere (any scheme but `data:`, a
    protocol-relative `//host/x`, a UNC `\\\\host`): the site never does; the reader
    warns and the renderer links to it instead."""
    scheme = url_scheme(src)
    return (bool(scheme) and scheme != "data") or src.startswith(("//", "\\\\"))


BARE_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]}'’”]")


def from_text(text: str, markers: list[tuple[int, int]] = ()) -> tuple[Inline, ...]:
    """Plain text with markers at offsets, bare URLs made links: what the pdf-text and
    web-text readers know of a paragraph."""
    cuts = sorted(markers, key=lambda m: m[1])
    out: list[Inline] = []
    cursor = 0
    for note, offset in cuts:
        out.extend(_linked(text[cursor:offset]))
        out.append(NoteRef(note))
        cursor = offset
    out.extend(_linked(text[cursor:]))
    return normalize(out)


def _linked(text: str) -> list[Inline]:
    out: list[Inline] = []
    cursor = 0
    for match in BARE_URL.finditer(text):
        out.append(Text(text[cursor : match.start()]))
        out.append(Link(match[0], (Text(match[0]),)))
        cursor = match.end()
    out.append(Text(text[cursor:]))
    return out


def renumber_refs(content: tuple[Inline, ...], numbers: dict[int, int]) -> tuple[Inline, ...]:
    """The same content with each marker's note number mapped through `numbers`."""
    out: list[Inline] = []
    for node in content:
        if isinstance(node, NoteRef):
            node = NoteRef(numbers.get(node.note, node.note))
        elif isinstance(node, CONTAINERS):
            node = replace(node, content=renumber_refs(node.content, numbers))
        out.append(node)
    return tuple(out)


def nodes_of(content: tuple[Inline, ...], kind: type[N]) -> list[N]:
    """The nodes of one kind in inline content, in reading order, inside marks too."""
    found: list[N] = []
    for node in content:
        node_type = type(node)
        if node_type is kind:
            found.append(node)
        elif node_type in _CONTAINER_TYPES:
            found.extend(nodes_of(node.content, kind))
    return found


def citations(content: tuple[Inline, ...]) -> list[Citation]:
    """The citations in inline content, in reading order, inside marks too."""
    return nodes_of(content, Citation)
