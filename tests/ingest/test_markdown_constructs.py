"""One case per Markdown construct, from `tests/fixtures/markdown/constructs.txt`.

The file is in markdown-it's fixture style: a title line, `.`, the Markdown (after a
front matter with only a title), `.`, the expected model in the compact notation of
`show` below, `.`. The expectations were written by hand from Pandoc's manual (and
Pandoc's behaviour where the manual is silent), not copied from the reader's output.

Notation, one block a line, nested blocks indented by two spaces:

    # LEVEL INLINES             a section heading
    p: INLINES                  a paragraph
    figure SRC: INLINES         a figure and its caption
    quote: / list bullet|ordered start=N tight|loose: with `- item:` lines
    definitions: with `- term tight|loose: INLINES` and `definition:` lines
    callout KIND: TITLE         a Quarto callout, its blocks indented
    code LANG: "text" / raw: "text" / rule / works cited
    table align=A,B: with head:, row: (cells separated by `|`) and caption: lines
    note N: its blocks
    ! SEVERITY CODE             a diagnostic

Inlines: "text" (JSON), Emph(...), Strong(...), Strikeout(...), Superscript(...),
Subscript(...), SmallCaps(...), Span.class(...), Code("x"), Math("x"),
DisplayMath("x"), Raw("<b>"), LineBreak, Ref(N), Link<url>(...), Image<src>("alt"),
Cite("source"; key prefix="" locator="" suffix="" mode=...; next item).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import fixture_cases
from glossator.ingest.markdown import read_markdown
from glossator.ingest.source import Source
from glossator.model import (
    BlockQuote,
    Callout,
    CodeBlock,
    DefinitionList,
    Figure,
    ListBlock,
    Paragraph,
    RawBlock,
    Rule,
    Table,
    WorksCited,
)
from glossator.model.inline import (
    CONTAINERS,
    Citation,
    Code,
    Image,
    LineBreak,
    Link,
    Math,
    NoteRef,
    RawInline,
    Span,
    Text,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / "constructs.txt"
FRONT_MATTER = "---\ntitle: T\n---\n\n"


def cases() -> list[tuple[str, str, str]]:
    return fixture_cases(FIXTURE)


def text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def show_inlines(nodes) -> str:
    return " ".join(show_inline(n) for n in nodes)


def show_inline(node) -> str:
    if isinstance(node, Text):
        return text(node.text)
    if isinstance(node, Span):
        return "Span" + "".join("." + c for c in node.classes) + f"({show_inlines(node.content)})"
    if isinstance(node, Link):
        title = f" {text(node.title)}" if node.title else ""
        return f"Link<{node.url}{title}>({show_inlines(node.content)})"
    if isinstance(node, CONTAINERS):
        return f"{type(node).__name__}({show_inlines(node.content)})"
    if isinstance(node, Code):
        return f"Code({text(node.text)})"
    if isinstance(node, Math):
        return f"{'Display' if node.display else ''}Math({text(node.tex)})"
    if isinstance(node, RawInline):
        return f"Raw({text(node.text)})"
    if isinstance(node, LineBreak):
        return "LineBreak"
    if isinstance(node, NoteRef):
        return f"Ref({node.note})"
    if isinstance(node, Image):
        return f"Image<{node.src}>({text(node.alt)})"
    if isinstance(node, Citation):
        items = []
        for item in node.items:
            part = item.key
            for name in ("prefix", "locator", "suffix"):
                if getattr(item, name):
                    part += f" {name}={text(getattr(item, name))}"
            if item.mode != "normal":
                part += f" mode={item.mode}"
            items.append(part)
        return f"Cite({text(node.source)}; {'; '.join(items)})"
    raise AssertionError(f"unexpected inline {node!r}")


def show_blocks(blocks, indent: str = "") -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"{indent}p: {show_inlines(block.content)}")
        elif isinstance(block, Figure):
            out.append(f"{indent}figure {block.src}: {show_inlines(block.caption_content)}")
        elif isinstance(block, BlockQuote):
            out.append(f"{indent}quote:")
            out += show_blocks(block.blocks, indent + "  ")
        elif isinstance(block, ListBlock):
            kind = f"ordered start={block.start}" if block.ordered else "bullet"
            out.append(f"{indent}list {kind} {'tight' if block.tight else 'loose'}:")
            for item in block.items:
                out.append(f"{indent}  - item:")
                out += show_blocks(item, indent + "    ")
        elif isinstance(block, Callout):
            out.append(f"{indent}callout {block.kind}: {show_inlines(block.title)}")
            out += show_blocks(block.blocks, indent + "  ")
        elif isinstance(block, DefinitionList):
            out.append(f"{indent}definitions:")
            for (term, definitions), tight in zip(block.items, block.tight, strict=True):
                kind = "tight" if tight else "loose"
                out.append(f"{indent}  - term {kind}: {show_inlines(term.content)}")
                for definition in definitions:
                    out.append(f"{indent}    definition:")
                    out += show_blocks(definition, indent + "      ")
        elif isinstance(block, CodeBlock):
            language = f" {block.language}" if block.language else ""
            out.append(f"{indent}code{language}: {text(block.text)}")
        elif isinstance(block, RawBlock):
            out.append(f"{indent}raw: {text(block.text)}")
        elif isinstance(block, Rule):
            out.append(f"{indent}rule")
        elif isinstance(block, WorksCited):
            out.append(f"{indent}works cited")
        elif isinstance(block, Table):
            out.append(f"{indent}table align={','.join(a or '-' for a in block.align)}:")
            out.append(f"{indent}  head: " + " | ".join(show_inlines(c) for c in block.header))
            for row in block.rows:
                out.append(f"{indent}  row: " + " | ".join(show_inlines(c) for c in row))
            if block.caption:
                out.append(f"{indent}  caption: {show_inlines(block.caption)}")
        else:
            raise AssertionError(f"unexpected block {block!r}")
    return out


def show(doc, diagnostics) -> str:
    out: list[str] = []
    for section in doc.sections:
        if section.title is not None:
            out.append(f"# {section.level} {show_inlines(section.title)}")
        out += show_blocks(section.blocks)
    for note in doc.notes:
        out.append(f"note {note.number}:")
        out += show_blocks(note.blocks, "  ")
    out += [f"! {d.severity} {d.code}" for d in diagnostics]
    return "\n".join(out)


CASES = cases()


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_construct(markdown, expected):
    doc, diagnostics = read_markdown(Source("case", "case.md", FRONT_MATTER + markdown))
    assert show(doc, diagnostics) == expected


def test_the_fixture_file_has_cases():
    assert len(CASES) >= 30
