"""Inline content to HTML by walking the tree: one element per node, text escaped.

Mention links (spans of the plain text, from the linking stage) are placed by cutting
Text nodes at their boundaries, at the deepest level that holds a mention whole; a
mention that would cross an element's boundary, or hold a link or a note marker (an
`<a>` in an `<a>`), is dropped, so nesting is never broken. Markers inside a link's
text are moved just after the link, for the same reason.

Three modes: `body` (markers with their anchors and sidenotes), `hidden` (inside an
`aria-hidden` sidenote: links leave the tab order, markers are plain numbers) and
`heading` (inside the heading's own anchor link: links keep only their text, markers
are left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from glossator.model.inline import (
    CONTAINERS,
    Citation,
    Code,
    Emph,
    Image,
    Inline,
    LineBreak,
    Link,
    Math,
    NoteRef,
    RawInline,
    SmallCaps,
    Span,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
    plain_text,
)
from glossator.render.math import math_html

Mode = Literal["body", "hidden", "heading"]
Mention = tuple[int, int, str]  # start and end in the plain text, href
SCRIPT_SCHEMES = ("javascript", "vbscript")  # never a link, whatever a reader lets through
TAGS = {Emph: "em", Strong: "strong", Strikeout: "del", Superscript: "sup", Subscript: "sub"}


@dataclass
class InlineOptions:
    """How to render one piece of inline content: `marker_ids` gives each marker's
    anchor in reading order (a marker without one gets no id); `sidenotes` the
    sidenote HTML shown after a note's marker."""

    mode: Mode = "body"
    allow_raw_html: bool = False
    marker_ids: Iterator[str] = field(default_factory=lambda: iter(()))
    sidenotes: Mapping[int, Markup] = field(default_factory=dict)


def join_markup(separator: str, parts: Iterable[Markup | str]) -> Markup:
    """`Markup(separator).join(parts)`, without re-wrapping parts that are already
    Markup (most of them): that wrapping was much of the cost of rendering."""
    return Markup(separator.join(p if isinstance(p, Markup) else escape(p) for p in parts))


def inline_html(
    content: Sequence[Inline],
    options: InlineOptions | None = None,
    mentions: Sequence[Mention] = (),
) -> Markup:
    renderer = _Renderer(options or InlineOptions())
    return join_markup("", renderer.sequence(tuple(content), 0, _disjoint(mentions)))


def _disjoint(mentions: Sequence[Mention]) -> list[Mention]:
    """Non-empty mentions in text order; one overlapping an earlier one is dropped."""
    kept: list[Mention] = []
    for start, end, href in sorted(mentions, key=lambda m: (m[0], m[1])):
        if start < end and (not kept or start >= kept[-1][1]):
            kept.append((start, end, href))
    return kept


def length(node: Inline) -> int:
    return len(plain_text((node,)))


def _holds_anchor(node: Inline) -> bool:
    """Whether the node renders an `<a>`: a link, a marker, or a container of one."""
    if isinstance(node, Link | NoteRef):
        return True
    if isinstance(node, Citation):
        return "<a" in (node.html or "")
    return isinstance(node, CONTAINERS) and any(_holds_anchor(n) for n in node.content)


class _Renderer:
    def __init__(self, options: InlineOptions) -> None:
        self.options = options
        self.in_link = False  # a link inside a link shows as its text

    def sequence(self, nodes: tuple[Inline, ...], base: int, mentions: list[Mention]) -> list:
        if not mentions:  # most content: no offsets to keep
            return [self.node(node, base, mentions) for node in nodes]
        spans, offset = [], base
        for node in nodes:
            spans.append((node, offset, offset + length(node)))
            offset = spans[-1][2]
        here: list[Mention] = []
        below: dict[int, list[Mention]] = {}
        for mention in mentions:
            where = self._place(spans, mention)
            if where == "here":
                here.append(mention)
            elif isinstance(where, int):
                below.setdefault(where, []).append(mention)
        events = sorted(
            [(s, 1, Markup('<a class="mention" href="{}">').format(h)) for s, _, h in here]
            + [(e, 0, Markup("</a>")) for _, e, _ in here],
            key=lambda ev: (ev[0], ev[1]),
        )
        out: list = []
        for index, (node, start, end) in enumerate(spans):
            # before the node: links closing at or before it, links opening before it
            # (or at its start, unless it is a zero-length marker: a link opens after it)
            while events and (
                events[0][0] < start
                or (events[0][0] == start and (events[0][1] == 0 or end > start))
            ):
                out.append(events.pop(0)[2])
            if isinstance(node, Text) and events and events[0][0] < end:
                cursor = start
                while events and events[0][0] < end:
                    at, _, tag = events.pop(0)
                    out.append(escape(node.text[cursor - start : at - start]))
                    out.append(tag)
                    cursor = at
                out.append(escape(node.text[cursor - start :]))
            else:
                out.append(self.node(node, start, below.get(index, [])))
        out.extend(tag for _, _, tag in events)
        return out

    def _place(self, spans: list, mention: Mention) -> str | int | None:
        """Where a mention goes: "here", the index of the child holding it, or None
        (dropped)."""
        start, end, _ = mention
        for index, (node, cs, ce) in enumerate(spans):
            if cs <= start and end <= ce and ce > cs and not isinstance(node, Text):
                if isinstance(node, CONTAINERS) and not isinstance(node, Link):
                    return index
                if not (cs == start and end == ce) or _holds_anchor(node):
                    return None  # inside a link, code, math or a citation
        for node, cs, ce in spans:
            if isinstance(node, Text):
                continue
            if cs < start < ce or cs < end < ce:
                return None  # crosses the element's boundary
            inside = (start <= cs and ce <= end) if ce > cs else start < cs < end
            if inside and _holds_anchor(node):
                return None
        return "here"

    def node(self, node: Inline, start: int, mentions: list[Mention]) -> Markup:
        if isinstance(node, Text):
            return escape(node.text)
        tag = TAGS.get(type(node))
        if tag is not None:
            inner = "".join(self.sequence(node.content, start, mentions))  # all escaped
            return Markup(f"<{tag}>{inner}</{tag}>")
        if isinstance(node, SmallCaps | Span):
            classes = ("smallcaps",) if isinstance(node, SmallCaps) else node.classes
            inner = join_markup("", self.sequence(node.content, start, mentions))
            if not classes:
                return Markup(f"<span>{inner}</span>")
            return Markup(f'<span class="{escape(" ".join(classes))}">{inner}</span>')
        if isinstance(node, Link):
            return self.link(node, start)
        if isinstance(node, Code):
            return Markup(f"<code>{escape(node.text)}</code>")
        if isinstance(node, Image):
            title = Markup(' title="{}"').format(node.title) if node.title else ""
            return Markup('<img src="{}" alt="{}"{}>').format(node.src, node.alt, title)
        if isinstance(node, LineBreak):
            return Markup("<br>")
        if isinstance(node, Math):
            return math_html(node.tex, node.display)
        if isinstance(node, RawInline):
            return Markup(node.text) if self.options.allow_raw_html else escape(node.text)
        if isinstance(node, NoteRef):
            return self.marker(node.note)
        if isinstance(node, Citation):
            keys = " ".join(item.key for item in node.items)
            text = Markup(node.html) if node.html is not None else escape(node.source)
            return Markup('<span class="citation" data-cites="{}">{}</span>').format(keys, text)
        raise TypeError(f"not an inline node: {node!r}")

    def link(self, node: Link, start: int) -> Markup:
        content, markers = _without_markers(node.content)
        outer, self.in_link = self.in_link, True
        inner = join_markup("", self.sequence(content, start, []))
        self.in_link = outer
        after = join_markup("", (self.marker(n.note) for n in markers))
        scheme = urlsplit(node.url.strip()).scheme.lower()
        if self.options.mode == "heading" or outer or scheme in SCRIPT_SCHEMES:
            return inner + after
        attrs = Markup(' href="{}"').format(node.url)
        if node.title:
            attrs += Markup(' title="{}"').format(node.title)
        if scheme in ("http", "https"):
            attrs += Markup(' rel="external"')
        if self.options.mode == "hidden":
            attrs += Markup(' tabindex="-1"')
        return Markup("<a{}>{}</a>").format(attrs, inner) + after

    def marker(self, note: int) -> Markup:
        mode = self.options.mode
        if mode == "heading":
            return Markup("")
        if mode == "hidden":
            return Markup(f"<sup>{int(note)}</sup>")
        anchor = next(self.options.marker_ids, None)
        ref_id = f' id="{escape(anchor)}"' if anchor else ""
        n = int(note)
        sidenote = self.options.sidenotes.get(note, "")
        return Markup(
            f'<sup><a class="noteref" href="#fn{n}"{ref_id} role="doc-noteref">{n}</a></sup>'
            f"{sidenote}"
        )


def _without_markers(content: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], list[NoteRef]]:
    """The content with its markers taken out (at any depth), and those markers."""
    kept: list[Inline] = []
    markers: list[NoteRef] = []
    for node in content:
        if isinstance(node, NoteRef):
            markers.append(node)
        elif isinstance(node, CONTAINERS):
            inner, found = _without_markers(node.content)
            markers.extend(found)
            kept.append(replace(node, content=inner))
        else:
            kept.append(node)
    return tuple(kept), markers
