"""A paragraph's inline content to HTML, with its note markers, sidenotes and links
on the sources it mentions (see `render.inline` for how mentions are placed)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from markupsafe import Markup

from glossator.model import Document, Paragraph
from glossator.render.inline import InlineOptions, Mention, inline_html

SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”’\"]))\s+(?=[“‘\"(\[]?[A-Z0-9])")


def paragraph_html(
    paragraph: Paragraph,
    marker_ids: Iterable[str],
    mentions: Iterable[Mention] = (),
    sidenotes: Mapping[int, Markup] | None = None,
    allow_raw_html: bool = False,
) -> Markup:
    """`marker_ids` gives each marker's anchor, in text order; `mentions` are
    (start, end, href) spans of the plain text to link; `sidenotes` the sidenote of
    each note, shown after its marker (in the margin of wide screens, hidden from
    assistive technology, which reaches the note through the marker)."""
    options = InlineOptions(
        mode="body",
        allow_raw_html=allow_raw_html,
        marker_ids=iter(list(marker_ids)),
        sidenotes=sidenotes or {},
    )
    return inline_html(paragraph.content, options, list(mentions))


class LazyParagraphs(Mapping[str, Markup]):
    """Each paragraph's HTML by its id, rendered when a template asks for it: the
    built-in essay template renders the body whole, a site's own may lay out
    paragraphs one by one."""

    def __init__(
        self,
        doc: Document,
        marker_ids: Mapping[str, Sequence[str]],
        mentions: Mapping[str, Sequence[Mention]],
        sidenotes: Mapping[int, Markup],
        allow_raw_html: bool,
    ) -> None:
        self._paragraphs = {p.id: p for p in doc.paragraphs()}
        self._args = (marker_ids, mentions, sidenotes, allow_raw_html)

    def __getitem__(self, paragraph_id: str) -> Markup:
        marker_ids, mentions, sidenotes, raw = self._args
        paragraph = self._paragraphs[paragraph_id]
        return paragraph_html(
            paragraph,
            marker_ids.get(paragraph_id, ()),
            mentions.get(paragraph_id, ()),
            sidenotes,
            raw,
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._paragraphs)

    def __len__(self) -> int:
        return len(self._paragraphs)


def sentence_at(text: str, offset: int) -> str:
    """The sentence that carries a marker at `offset` (the marker follows its last
    character, so the sentence is the one containing offset - 1)."""
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.start() >= offset:
            return text[start : match.start()].strip()
        start = match.end()
    return text[start:].strip()
