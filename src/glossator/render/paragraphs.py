"""Paragraph text to HTML: escaped text, marker links, and links on mentioned sources.

Offsets in the model are code points into plain text, so spans are cut from the text
and escaped piece by piece; nothing a document says can become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from glossator.model import Paragraph

SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”’\"]))\s+(?=[“‘\"(\[]?[A-Z0-9])")


def paragraph_html(
    paragraph: Paragraph,
    marker_ids: Iterable[str],
    mentions: Iterable[tuple[int, int, str]] = (),
    notes: Mapping[int, str] | None = None,
) -> Markup:
    """`marker_ids` gives each marker's anchor, in text order; `mentions` are
    (start, end, href) spans to link (never crossing a marker); `notes` the text of each
    note, repeated after its marker as a sidenote (shown in the margin of wide screens,
    hidden from assistive technology, which reaches the note through the marker)."""
    events: list[tuple[int, int, object]] = []
    for marker, ref_id in zip(
        sorted(paragraph.markers, key=lambda m: m.offset), marker_ids, strict=True
    ):
        events.append((marker.offset, 0, (marker.note, ref_id)))
    for start, end, href in mentions:
        events.append((start, 1, ("open", href)))
        events.append((end, -1, ("close", href)))
    # At one offset: a link closes, then a marker sits, then a link opens (never nested).
    events.sort(key=lambda e: (e[0], e[1]))
    parts, cursor = [], 0
    text = paragraph.text
    for offset, _, payload in events:
        parts.append(escape(text[cursor:offset]))
        cursor = offset
        if payload[0] == "open":
            parts.append(Markup('<a class="mention" href="{}">').format(payload[1]))
        elif payload[0] == "close":
            parts.append(Markup("</a>"))
        else:
            note, ref_id = payload
            parts.append(
                Markup(
                    '<sup><a class="noteref" href="#fn{n}" id="{ref}" role="doc-noteref">'
                    "{n}</a></sup>"
                ).format(n=note, ref=ref_id)
            )
            if notes is not None and note in notes:
                parts.append(
                    Markup(
                        '<span class="sidenote" aria-hidden="true"><sup>{n}</sup> {text}</span>'
                    ).format(n=note, text=notes[note])
                )
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def sentence_at(text: str, offset: int) -> str:
    """The sentence that carries a marker at `offset` (the marker follows its last
    character, so the sentence is the one containing offset - 1)."""
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.start() >= offset:
            return text[start : match.start()].strip()
        start = match.end()
    return text[start:].strip()
