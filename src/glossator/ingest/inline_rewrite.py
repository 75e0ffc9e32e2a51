"""Finishing a read document's running text once it is whole: each inline node of a
kind, in its body and its notes, handed over with its block's line and replaced by
what comes back (cross-references linked, links led to their anchors)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

from glossator.model import Document, walk_blocks
from glossator.model.document import rewrite_contents
from glossator.model.inline import CONTAINERS, Inline, normalize

Change = Callable[[Inline, int], list[Inline] | None]  # None: the node as it is


def rewrite_inlines(doc: Document, kinds: tuple[type, ...], change: Change) -> None:
    """Each node of `kinds` in `doc`'s blocks (sections and notes, nested blocks and
    containers too) replaced by `change(node, line)`, or kept where it says None; a
    kept container is walked into."""
    wanted = (*kinds, *CONTAINERS)

    def replace(content: tuple[Inline, ...], line: int) -> tuple[Inline, ...]:
        if not any(isinstance(n, wanted) for n in content):
            return content  # most paragraphs: nothing to rebuild
        out: list[Inline] = []
        for node in content:
            made = change(node, line) if isinstance(node, kinds) else None
            if made is not None:
                out.extend(made)
            elif isinstance(node, CONTAINERS):
                out.append(dataclasses.replace(node, content=replace(node.content, line)))
            else:
                out.append(node)
        return normalize(out)

    blocks = [b for s in doc.sections for b in walk_blocks(s.blocks)]
    blocks += [b for note in doc.notes for b in walk_blocks(note.blocks)]
    for block in blocks:
        rewrite_contents(block, partial(replace, line=getattr(block, "line", 0)))
