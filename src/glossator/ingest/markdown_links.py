"""Links within the essay (`[the method](#method)`), checked once every anchor is given.

A link names the anchor as its author knew it: the heading's own `{#id}`, Pandoc's
automatic identifier (`#1-introduction` is Pandoc's `introduction`; `#dont-stop` our
`don-t-stop`), a figure's or table's label (Quarto's `#fig-map`). Each such name leads
to the anchor the page gives, and a link that names nothing on the page is told with
its line, for a reader would land at the top.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from urllib.parse import unquote

from glossator.diagnostics import Diagnostic, warning
from glossator.ingest.inline_rewrite import rewrite_inlines
from glossator.model import Document, marker_anchors, walk_blocks
from glossator.model.document import Block, RawBlock
from glossator.model.ids import PAGE_IDS
from glossator.model.inline import Inline, Link, RawInline

RAW_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""")


def pandoc_ids(headings: Iterable[str | None]) -> list[str | None]:
    """Pandoc's automatic identifier of each heading (None: no heading), numbered
    apart as Pandoc does (`notes`, `notes-1`): its letters, digits, `_`, `-` and `.`,
    lower-cased, spaces as hyphens, from its first letter on; `section` if none."""
    seen: dict[str, int] = {}
    out: list[str | None] = []
    for heading in headings:
        if heading is None:
            out.append(None)
            continue
        kept = "".join(
            c.lower() if c.isalnum() or c in "_-." else "-" if c.isspace() else ""
            for c in " ".join(heading.split())
        )
        start = next((n for n, c in enumerate(kept) if c.isalpha()), len(kept))
        base = kept[start:] or "section"
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(base if count == 0 else f"{base}-{count}")
    return out


def link_fragments(
    doc: Document,
    labels: dict[str, Block],
    given: dict[str, str],
    diagnostics: list[Diagnostic],
) -> None:
    """Each `#name` link of the essay's body and notes made to lead to its anchor, or
    told (`link.no-target`). `labels`: figures and tables by the author's label;
    `given`: each heading's own `{#id}` by the section's anchor it went to."""
    known: list[tuple[set[str], dict[str, str]]] = []  # made at the first such link

    def anchors() -> tuple[set[str], dict[str, str]]:
        if not known:
            known.append(_names(doc, labels, given))
        return known[0]

    def change(node: Inline, line: int) -> list[Inline] | None:
        assert isinstance(node, Link)  # the only kind asked for
        url = node.url
        if not url.startswith("#") or len(url) == 1:
            return None
        name = unquote(url[1:])
        targets, aliases = anchors()
        if name in aliases:
            return [dataclasses.replace(node, url="#" + aliases[name])]
        if name not in targets:
            _tell(diagnostics, doc.path, line, name, targets)
        return None

    rewrite_inlines(doc, (Link,), change)


def _names(
    doc: Document, labels: dict[str, Block], given: dict[str, str]
) -> tuple[set[str], dict[str, str]]:
    """The page's anchors, and the other names a link may give them."""
    targets = _anchors(doc)
    aliases: dict[str, str] = {}
    headed = [s for s in doc.sections if s.heading is not None]
    for section, pandoc in zip(headed, pandoc_ids(s.heading for s in headed), strict=True):
        if pandoc and pandoc not in targets:
            aliases.setdefault(pandoc, section.id)
    for name, anchor in given.items():
        if name not in targets:
            aliases.setdefault(name, anchor)
    for name, block in labels.items():
        if name not in targets and getattr(block, "id", ""):
            aliases.setdefault(name, block.id)
    return targets, aliases


def _anchors(doc: Document) -> set[str]:
    """Every id the essay's page has: its own, each section's, block's, note's and
    marker's, and any the essay's raw HTML gives."""
    found = set(PAGE_IDS) | {s.id for s in doc.sections} | {n.id for n in doc.notes}
    for section in doc.sections:
        for block in walk_blocks(section.blocks):
            if getattr(block, "id", ""):
                found.add(block.id)
            if isinstance(block, RawBlock):
                found.update(RAW_ID.findall(block.text))
    found.update(anchor for _, _, anchor in marker_anchors(doc))
    for paragraph in doc.paragraphs():
        for node in paragraph.content:
            if isinstance(node, RawInline):
                found.update(RAW_ID.findall(node.text))
    return found


def _tell(diagnostics: list[Diagnostic], path: str, line: int, name: str, targets: set[str]):
    near = difflib.get_close_matches(name, sorted(targets - PAGE_IDS), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(f'`#{n}`' for n in near)}?" if near else ""
    diagnostics.append(
        warning(
            path,
            line,
            "link.no-target",
            f"the link `#{name}` leads nowhere on the page: no heading, figure, table or "
            f"note has that id; give the heading it means `{{#{name}}}`{hint}",
        )
    )
