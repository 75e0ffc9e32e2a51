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

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from markupsafe import Markup

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
    is_remote,
    plain_text,
    url_scheme,
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


def esc(text: str) -> str:
    """`markupsafe.escape` as a plain `str` (the same five characters, the same
    entities): text in the hot path is escaped here and the Markup is made once, at
    the end, since creating a Markup per node was much of the cost of rendering."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )
    return text


def join_markup(separator: str, parts: Iterable[Markup | str]) -> Markup:
    """`Markup(separator).join(parts)`, without re-wrapping parts that are already
    Markup (most of them): that wrapping was much of the cost of rendering."""
    return Markup(separator.join(p if isinstance(p, Markup) else esc(p) for p in parts))


def inline_html(
    content: Sequence[Inline],
    options: InlineOptions | None = None,
    mentions: Sequence[Mention] = (),
) -> Markup:
    options = options or InlineOptions()
    renderer = InlineRenderer(options.mode, options.allow_raw_html, options.sidenotes)
    return Markup(renderer.html(content, options.marker_ids, mentions))


def _disjoint(mentions: Sequence[Mention]) -> list[Mention]:
    """Non-empty mentions in text order; one overlapping an earlier one is dropped."""
    kept: list[Mention] = []
    for start, end, href in sorted(mentions, key=lambda m: (m[0], m[1])):
        if start < end and (not kept or start >= kept[-1][1]):
            kept.append((start, end, href))
    return kept


def length(node: Inline) -> int:
    return len(plain_text((node,)))


# An address in a formatted citation's escaped HTML, up to a space or a tag; what
# punctuation ends it is the sentence's ("…/realism/." or "(https://x.org/a)").
_URL = re.compile(r"(?<![\w/\"=])https?://[^\s<>\"]+")
_URL_END = ".,;:!?’”'\")]»"


def linked_urls(html: str, hidden: bool = False) -> str:
    """Each web address of a formatted citation a link to it, as Pandoc's citeproc
    links them: a reader follows a note's URL or DOI. `hidden`: out of the tab order
    (a sidenote's, said again in the notes list)."""
    if "://" not in html:
        return html
    tab = ' tabindex="-1"' if hidden else ""

    def link(match: re.Match) -> str:
        url = match[0]
        while url[-1] in _URL_END:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # Wikipedia's "…_(novel)" keeps its parenthesis
            url = url[:-1]
        if url.endswith(("&amp", "&lt", "&gt")) or not url.split("://", 1)[1]:
            return match[0]
        return f'<a href="{url}" rel="external"{tab}>{url}</a>{match[0][len(url) :]}'

    return _URL.sub(link, html)


def _holds_anchor(node: Inline) -> bool:
    """Whether the node renders an `<a>`: a link, a marker, or a container of one."""
    if isinstance(node, Link | NoteRef):
        return True
    if isinstance(node, Citation):
        return "<a" in (node.html or "") or "://" in (node.html or "")
    return isinstance(node, CONTAINERS) and any(_holds_anchor(n) for n in node.content)


class InlineRenderer:
    """Renders inline content to a plain `str` of escaped HTML. Made once per page
    part and reused for each paragraph (`html`), since a renderer and its options
    per paragraph cost more than rendering the paragraph's text."""

    def __init__(
        self,
        mode: Mode = "body",
        allow_raw_html: bool = False,
        sidenotes: Mapping[int, str] | None = None,
    ) -> None:
        self.mode = mode
        self.allow_raw_html = allow_raw_html
        self.sidenotes = sidenotes if sidenotes is not None else {}
        self.marker_ids: Iterator[str] = iter(())
        self.in_link = False  # a link inside a link shows as its text

    def html(self, content: Sequence[Inline], marker_ids: Iterable[str] = (), mentions=()) -> str:
        """The content's HTML; `marker_ids` are its markers' anchors in reading order."""
        self.marker_ids = iter(marker_ids)
        self.in_link = False
        if not mentions:
            return "".join([self.node(node, 0, []) for node in content])
        return "".join(self.sequence(tuple(content), 0, _disjoint(mentions)))

    def sequence(self, nodes: tuple[Inline, ...], base: int, mentions: list[Mention]) -> list[str]:
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
            [(s, 1, f'<a class="mention" href="{esc(h)}">') for s, _, h in here]
            + [(e, 0, "</a>") for _, e, _ in here],
            key=lambda ev: (ev[0], ev[1]),
        )
        out: list[str] = []
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
                    out.append(esc(node.text[cursor - start : at - start]))
                    out.append(tag)
                    cursor = at
                out.append(esc(node.text[cursor - start :]))
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

    def node(self, node: Inline, start: int, mentions: list[Mention]) -> str:
        kind = type(node)
        if kind is Text:
            return esc(node.text)
        tag = TAGS.get(kind)
        if tag is not None:
            inner = "".join(self.sequence(node.content, start, mentions))
            return f"<{tag}>{inner}</{tag}>"
        if kind is NoteRef:
            return self.marker(node.note)
        if isinstance(node, SmallCaps | Span):
            classes = ("smallcaps",) if isinstance(node, SmallCaps) else node.classes
            inner = "".join(self.sequence(node.content, start, mentions))
            lang = f' lang="{esc(node.lang)}"' if isinstance(node, Span) and node.lang else ""
            if not classes:
                return f"<span{lang}>{inner}</span>"
            return f'<span class="{esc(" ".join(classes))}"{lang}>{inner}</span>'
        if isinstance(node, Link):
            return self.link(node, start)
        if isinstance(node, Code):
            return f"<code>{esc(node.text)}</code>"
        if isinstance(node, Image):
            if is_remote(node.src):  # the site loads nothing from elsewhere: a link to it
                label = f"Image: {node.alt}" if node.alt else "Image"
                return self.link(Link(node.src, (Text(label),), node.title), start)
            title = f' title="{esc(node.title)}"' if node.title else ""
            return f'<img src="{esc(node.src)}" alt="{esc(node.alt)}"{title}>'
        if isinstance(node, LineBreak):
            return "<br>"
        if isinstance(node, Math):
            return math_html(node.tex, node.display)
        if isinstance(node, RawInline):
            return node.text if self.allow_raw_html else esc(node.text)
        if isinstance(node, Citation):
            keys = esc(" ".join(item.key for item in node.items))
            text = node.html if node.html is not None else esc(node.source)
            if node.html and not self.in_link and self.mode != "heading":
                text = linked_urls(text, hidden=self.mode == "hidden")
            return f'<span class="citation" data-cites="{keys}">{text}</span>'
        raise TypeError(f"not an inline node: {node!r}")

    def link(self, node: Link, start: int) -> str:
        content, markers = _without_markers(node.content)
        outer, self.in_link = self.in_link, True
        inner = "".join(self.sequence(content, start, []))
        self.in_link = outer
        after = "".join(self.marker(n.note) for n in markers)
        scheme = url_scheme(node.url)
        if self.mode == "heading" or outer or scheme in SCRIPT_SCHEMES:
            return inner + after
        attrs = f' href="{esc(node.url)}"'
        if node.title:
            attrs += f' title="{esc(node.title)}"'
        if scheme in ("http", "https"):
            attrs += ' rel="external"'
        if self.mode == "hidden":
            attrs += ' tabindex="-1"'
        return f"<a{attrs}>{inner}</a>{after}"

    def marker(self, note: int) -> str:
        mode = self.mode
        if mode == "heading":
            return ""
        if mode == "hidden":
            return f"<sup>{int(note)}</sup>"
        anchor = next(self.marker_ids, None)
        ref_id = f' id="{esc(anchor)}"' if anchor else ""
        n = int(note)
        sidenote = self.sidenotes.get(note, "")
        return (
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
