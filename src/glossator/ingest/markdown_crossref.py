"""Cross-references to figures and tables, as Quarto and pandoc-crossref write them:
`@fig-map` or `[@fig-map]` (Quarto: "Figure 1"), `@fig:map` ("fig. 1", `@Fig:map`
"Fig. 1", pandoc-crossref's defaults), `-@fig-map` (the number alone).

The reader leaves such citations in the text, never in a note (`cite_notes`); once the
document's figures and tables have their anchors (`ids.assign_ids`), each becomes a
link to its target. One whose label names nothing, or a kind glossator does not
number (`@sec-intro`, `@eq:energy`), is shown as written, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from glossator.diagnostics import Diagnostic, warning
from glossator.ingest.inline_rewrite import rewrite_inlines
from glossator.ingest.markdown_inline import crossref_only
from glossator.model import Document, Figure, Table
from glossator.model.document import Block
from glossator.model.inline import Citation, CiteItem, Inline, Link, Text

# kind (as written, lower case) -> Quarto's name, pandoc-crossref's
NAMES = {"fig": ("Figure", "fig."), "tbl": ("Table", "tbl.")}
PREFIX = re.compile(r"([A-Za-z]+)([:-])")


def link_crossrefs(
    doc: Document, labels: dict[str, Block], lines: dict[int, int], diagnostics: list[Diagnostic]
) -> None:
    """Each cross-reference citation in `doc` made a link to its figure or table (or
    its text as written); `labels` are the blocks by the label the author gave them,
    `lines` each citation's line by its `id` (else its block's is told): none, and
    the document has no cross-reference to link."""
    if not lines:
        return
    targets = {name: block for name, block in labels.items() if getattr(block, "id", "")}

    def change(node: Inline, line: int) -> list[Inline] | None:
        assert isinstance(node, Citation)  # the only kind asked for
        if not crossref_only(node):
            return None
        at = lines.get(id(node), line)
        return _resolved(node, targets, partial(_warn, diagnostics, doc, at))

    rewrite_inlines(doc, (Citation,), change)


def _resolved(
    citation: Citation, targets: dict[str, Block], warn: Callable[[str], None]
) -> list[Inline]:
    """The citation's items as links, joined as Pandoc joins a group's items; the
    whole group as written if one of them cannot be linked."""
    parts: list[list[Inline]] = []
    for item in citation.items:
        found = _link(item, targets)
        if isinstance(found, str):
            warn(found)
        else:
            parts.append(found)
    if len(parts) < len(citation.items):
        return [Text(citation.source)]
    out: list[Inline] = []
    for n, part in enumerate(parts):
        if n:
            out.append(Text("; "))
        out.extend(part)
    return out


def _link(item: CiteItem, targets: dict[str, Block]) -> list[Inline] | str:
    """One item as its link (with its prefix and suffix), or why it cannot be one."""
    key = item.key
    kind, separator = PREFIX.match(key).groups()  # type: ignore[union-attr]
    names = NAMES.get(kind.lower())
    if names is None:
        return (
            f"`@{key}` is a cross-reference (pandoc-crossref or Quarto) to a kind of element "
            "glossator does not number (it numbers figures and tables); it is shown as "
            "written. Link to the element with [text](#id) instead"
        )
    block = targets.get(key) or targets.get(kind.lower() + key[len(kind) :])
    wanted = Figure if names[0] == "Figure" else Table
    if not isinstance(block, wanted):
        what = "figure" if wanted is Figure else "table"
        how = "![caption](file){#%s}" if wanted is Figure else ": caption {#%s}"
        return (
            f"`@{key}` refers to no {what} of this essay; label one `{how % key}` or fix "
            "the reference; it is shown as written"
        )
    number = block.id[3:]
    name = names[0] if separator == "-" else names[1]
    if kind[0].isupper():
        name = name[0].upper() + name[1:]
    text = number if item.mode == "suppress-author" else f"{name}\u00a0{number}"
    out: list[Inline] = [Text(item.prefix + " ")] if item.prefix else []
    out.append(Link(f"#{block.id}", (Text(text),)))
    after = f", {item.locator}" if item.locator else ""
    if item.suffix:  # as the group was written: `[@fig-map, left]`, `[@fig-map a]`
        after += ("" if item.suffix.startswith(",") else " ") + item.suffix
    if after:
        out.append(Text(after))
    return out


def _warn(diagnostics: list[Diagnostic], doc: Document, line: int, message: str) -> None:
    diagnostics.append(warning(doc.path or doc.slug, line, "cite.crossref", message))
