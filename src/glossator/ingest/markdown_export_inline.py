"""Inline content as Pandoc Markdown, for `markdown_export.py`.

Every mark is written in the syntax the Markdown reader reads back to the same node
(`*em*`, `**strong**`, `~~struck~~`, `^sup^`, `~sub~`, `[x]{.smallcaps}`, `` `code` ``,
`[text](url "title")`, `$tex$`, `[^n]`, a citation as its source). Text is escaped
wherever Markdown could take it for syntax, Pandoc's extensions and smart punctuation
included: straight quotes, dashes and dots stay as they are rather than turning into
typographer's quotes, dashes and ellipses.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from glossator.model.inline import (
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
)

# Escaped wherever they stand: each can open inline syntax (emphasis, code, links,
# images, autolinks/HTML, entities, inline notes, super/subscript, math) or close a
# heading (`#`); quotes would be read as typographer's quotes.
INLINE_SPECIAL = frozenset("\\`*_[]<>&!|^~#$\"'")
# Runs a typographer turns into other characters (`--` a dash, `...` an ellipsis,
# `(c)` ©), and `@key` that Pandoc reads as a citation: escaped in full.
TYPOGRAPHY = re.compile(
    r"-{2,}|\.{2,}|,{2,}|!{4,}|\?{4,}|\+(?=-)|\((?=(?:c|r|tm|p)\))|(?<!\w)@(?=[\w{])", re.I
)
# At the start of a line these open a list, a quote or a heading underline.
LINE_START_MARK = re.compile(r"^([-+=])")
LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
# After `[^N]` an opening `(` would make a link, and `:` (at line start) a definition.
AFTER_MARKER = frozenset("(:")
DESTINATION_SPECIAL = re.compile(r"[\s()<>]")
# A URL written `<url>` (CommonMark's autolink): a scheme, then no space or `<>`.
AUTOLINK = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\x00-\x1f\x7f]*$")
# Marks written between two copies of a delimiter.
DELIMITED: dict[type, str] = {
    Emph: "*",
    Strong: "**",
    Strikeout: "~~",
    Superscript: "^",
    Subscript: "~",
}
_LINKS = MarkdownIt("commonmark")


def escape_inline(text: str) -> str:
    escaped = {i for i, c in enumerate(text) if c in INLINE_SPECIAL}
    for match in TYPOGRAPHY.finditer(text):
        escaped.update(range(match.start(), max(match.end(), match.start() + 1)))
    return "".join("\\" + c if i in escaped else c for i, c in enumerate(text))


def escape_line(text: str) -> str:
    """Escape text that starts a line, where block syntax could begin."""
    escaped = escape_inline(text)
    escaped = LINE_START_MARK.sub(r"\\\1", escaped)
    return LINE_START_NUMBER.sub(r"\1\\\2", escaped)


def destination(src: str | None) -> str:
    if not src:
        return ""
    if DESTINATION_SPECIAL.search(src):
        return "<" + re.sub(r"([\\<>])", r"\\\1", src) + ">"
    return src.replace("\\", "\\\\")


def _title(title: str) -> str:
    return ' "' + re.sub(r'([\\"])', r"\\\1", title) + '"' if title else ""


def autolinks(url: str) -> bool:
    """Whether `<url>` reads back as this URL with itself as its text (markdown-it
    decodes percent-escapes and punycode in an autolink's text, so those may not)."""
    return bool(AUTOLINK.match(url)) and _LINKS.normalizeLinkText(url) == url


def _outside(content: tuple[Inline, ...]) -> tuple[str, tuple[Inline, ...], str]:
    """Spaces at the edges of a mark's content, which must stand outside `*...*`."""
    lead = trail = ""
    nodes = list(content)
    if nodes and isinstance(nodes[0], Text) and nodes[0].text[:1].isspace():
        lead = nodes[0].text[: len(nodes[0].text) - len(nodes[0].text.lstrip())]
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text) and nodes[-1].text[-1:].isspace():
        trail = nodes[-1].text[len(nodes[-1].text.rstrip()) :]
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return lead, tuple(n for n in nodes if not (isinstance(n, Text) and not n.text)), trail


def code_markdown(text: str) -> str:
    """Backticks one more than the longest run inside, padded where CommonMark strips."""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = text.startswith("`") or text.endswith("`")
    pad = pad or (text.startswith(" ") and text.endswith(" ") and bool(text.strip()))
    return f"{fence} {text} {fence}" if pad else f"{fence}{text}{fence}"


def inline_markdown(content: tuple[Inline, ...] | list[Inline], *, line_start: bool = True) -> str:
    """Inline content as Markdown; `line_start` when it begins a line (a paragraph's
    first line), where text must not open a block."""
    parts: list[str] = []
    after = "line" if line_start else ""
    for node in content:
        parts.append(_node(node, after))
        if isinstance(node, LineBreak):
            after = "line"
        elif isinstance(node, NoteRef):
            after = "marker"
        elif isinstance(node, Link | Image | Span | SmallCaps | Code):
            after = "attributes"  # `{` here would be read as the node's attributes
        else:
            after = ""
    return "".join(parts)


def _node(node: Inline, after: str) -> str:
    if isinstance(node, Text):
        return _text(node.text, after)
    if type(node) in DELIMITED:
        delimiter = DELIMITED[type(node)]
        lead, inner, trail = _outside(node.content)
        if not inner:
            return _text(lead + trail, after)
        written = inline_markdown(inner, line_start=False)
        if isinstance(node, Superscript | Subscript):
            written = written.replace(" ", "\\ ")  # Pandoc: no bare space inside ^...^
        return _text(lead, after) + delimiter + written + delimiter + _text(trail, "")
    if isinstance(node, SmallCaps):
        return f"[{inline_markdown(node.content, line_start=False)}]{{.smallcaps}}"
    if isinstance(node, Span):
        classes = " ".join(f".{c}" for c in node.classes)
        return f"[{inline_markdown(node.content, line_start=False)}]{{{classes}}}"
    if isinstance(node, Code):
        return code_markdown(node.text) if node.text else ""
    if isinstance(node, Link):
        if node.content == (Text(node.url),) and not node.title and autolinks(node.url):
            return f"<{node.url}>"
        text = inline_markdown(node.content, line_start=False)
        return f"[{text}]({destination(node.url)}{_title(node.title)})"
    if isinstance(node, Image):
        return f"![{escape_inline(node.alt)}]({destination(node.src)}{_title(node.title)})"
    if isinstance(node, LineBreak):
        return "\\\n"
    if isinstance(node, Math):
        return f"$${node.tex}$$" if node.display else f"${node.tex}$"
    if isinstance(node, RawInline):
        return node.text
    if isinstance(node, NoteRef):
        return f"[^{node.note}]"
    if isinstance(node, Citation):
        return node.source
    raise TypeError(f"not an inline node: {node!r}")


def _text(text: str, after: str) -> str:
    if after == "line":
        return escape_line(text)
    if (after == "marker" and text[:1] in AFTER_MARKER) or (
        after == "attributes" and text[:1] == "{"
    ):
        return "\\" + text[0] + escape_inline(text[1:])
    return escape_inline(text)
