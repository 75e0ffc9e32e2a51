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
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt

from glossator.ingest.markdown_inline import PUNCTUATION, cite_notes
from glossator.ingest.markdown_inline import _suppressed as suppressed_citation
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
    normalize,
    plain_text,
)

# Escaped wherever they stand: each can open inline syntax (emphasis, code, links,
# images, autolinks/HTML, entities, inline notes, super/subscript, math) or close a
# heading (`#`); quotes would be read as typographer's quotes.
INLINE_SPECIAL = frozenset("\\`*_[]<>&!|^~#$\"'")
# Runs a typographer turns into other characters (`--` a dash, `...` or `. . .` an
# ellipsis, `(c)` ©), and `@key` that Pandoc reads as a citation: their marks escaped.
TYPOGRAPHY = re.compile(
    r"-{2,}|\.{2,}|\.(?: \.){2,}|,{2,}|!{4,}|\?{4,}|\+(?=-)|\((?=(?:c|r|tm|p)\))"
    r"|(?<!\w)@(?=[\w{])",
    re.I,
)
# At the start of a line these open a list, a heading underline or a definition.
LINE_START_MARK = re.compile(r"^([-+=:~])")
LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
# After `[^N]` an opening `(` would make a link, and `:` (at line start) a definition.
AFTER_MARKER = frozenset("(:")
# After a citation `(` would make a link of it, `:` a definition, `{` a span; and a
# key's punctuation before a letter would lengthen its key (`@a` then `.b`).
AFTER_CITATION = frozenset("(:{")
KEY_PUNCTUATION = frozenset(".#$%&-+?<>~/")
# The punctuation after a citation, which the reader puts its note's marker after.
TRAILING_PUNCTUATION = re.compile(r"[.,;:!?]+$")
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
        span = range(match.start(), max(match.end(), match.start() + 1))
        escaped.update(i for i in span if text[i] != " ")  # `. . .`: its dots
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
        elif isinstance(node, Citation):
            after = "citation"
        else:
            after = ""
    return "".join(parts)


def _node(node: Inline, after: str) -> str:
    if isinstance(node, Text):
        return _text(node.text, after)
    if type(node) in DELIMITED:
        delimiter = DELIMITED[type(node)]
        if isinstance(node, Superscript | Subscript) and node.content:
            # Pandoc: no bare space inside ^...^, so spaces are escaped, at the edges too.
            written = inline_markdown(node.content, line_start=False).replace(" ", "\\ ")
            return delimiter + written + delimiter
        lead, inner, trail = _outside(node.content)
        if not inner:
            return _text(lead + trail, after)
        written = inline_markdown(_underscored(node, inner), line_start=False)
        return _text(lead, after) + delimiter + written + delimiter + _text(trail, "")
    if isinstance(node, SmallCaps):
        return f"[{inline_markdown(node.content, line_start=False)}]{{.smallcaps}}"
    if isinstance(node, Span):
        attributes = [f".{c}" for c in node.classes] + ([f"lang={node.lang}"] if node.lang else [])
        return f"[{inline_markdown(node.content, line_start=False)}]{{{' '.join(attributes)}}}"
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
        # Display math read from `$$ $$` has no TeX: a space keeps it math.
        return f"$${node.tex or ' '}$$" if node.display else f"${node.tex}$"
    if isinstance(node, RawInline):
        return node.text
    if isinstance(node, NoteRef):
        return f"[^{node.note}]"
    if isinstance(node, Citation):
        return node.source
    raise TypeError(f"not an inline node: {node!r}")


@dataclass(frozen=True)
class _UnderscoreEmph(Emph):
    pass


@dataclass(frozen=True)
class _UnderscoreStrong(Strong):
    pass


UNDERSCORED = {Emph: _UnderscoreEmph, Strong: _UnderscoreStrong}
DELIMITED.update({_UnderscoreEmph: "_", _UnderscoreStrong: "__"})


def _underscored(node: Inline, inner: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """`inner` with an emphasis at its edge written with `_` where `*` would run into
    the parent's own (`**x**` is strong, not emphasis in emphasis; `***x***` is strong
    in emphasis): `*_x_*`, `**_x_**`. Not beside a letter, where `_` cannot close."""
    if type(node) not in UNDERSCORED:
        return inner
    nodes = list(inner)
    for index in (0, -1):
        child = nodes[index]
        if type(child) not in UNDERSCORED:
            continue
        both = len(nodes) == 1
        runs = type(child) is type(node) or (isinstance(node, Strong) and (index == 0 or both))
        beside = "" if both else plain_text((nodes[index + 1 if index == 0 else index - 1],))
        letter = beside[:1] if index == 0 else beside[-1:]
        if runs and not _word(letter):
            nodes[index] = UNDERSCORED[type(child)](child.content)
    return tuple(nodes)


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _text(text: str, after: str) -> str:
    if after == "line":
        return escape_line(text)
    if (
        (after == "marker" and text[:1] in AFTER_MARKER)
        or (after == "attributes" and text[:1] == "{")
        or (after == "citation" and text[:1] in AFTER_CITATION)
        or (after == "citation" and text[:1] in KEY_PUNCTUATION and _word(text[1:2]))
    ):
        return "\\" + text[0] + escape_inline(text[1:])
    return escape_inline(text)


def absorb_citations(
    content: tuple[Inline, ...], cited: dict[int, Citation]
) -> tuple[tuple[Inline, ...], set[int]]:
    """Body content with the markers of notes the reader made of citations (`cited`, by
    note) turned back into those citations, and the notes so written. The reader makes a
    note of each citation in the body (`cite_notes`): `[@a]` becomes a marker after any
    punctuation that follows, `@a` stays with a note of `[-@a]` after it. Written back
    only where reading it again gives this content (else the notes stay notes)."""
    # Every citation back in the text, before the punctuation its marker went after or
    # where the marker is; else only the notes of `@a`.
    for inline, before in ((True, True), (True, False), (False, False)):
        written, used = _absorbed(content, cited, inline=inline, before=before)
        if used and _reads_back(written, content, {n: cited[n] for n in sorted(used)}):
            return written, used
    return content, set()


def _absorbed(
    content: tuple[Inline, ...], cited: dict[int, Citation], *, inline: bool, before: bool
) -> tuple[tuple[Inline, ...], set[int]]:
    out: list[Inline] = []
    used: set[int] = set()
    in_text: Citation | None = None  # an author-in-text citation just before
    for node in content:
        if isinstance(node, NoteRef) and node.note in cited:
            citation = cited[node.note]
            if in_text is not None and citation == suppressed_citation(in_text):
                used.add(node.note)
                in_text = None
                continue
            if inline and citation.items[0].mode != "author-in-text":
                used.add(node.note)
                _place(out, citation, before=before)
                in_text = None
                continue
        if isinstance(node, CONTAINERS):
            inner, more = _absorbed(node.content, cited, inline=inline, before=before)
            node, used = replace(node, content=inner), used | more
        if isinstance(node, Citation) and node.items[0].mode == "author-in-text":
            in_text = node
        elif not (isinstance(node, Text) and PUNCTUATION.fullmatch(node.text)):
            in_text = None
        out.append(node)
    return normalize(out), used


def _place(out: list[Inline], citation: Citation, *, before: bool) -> None:
    """`citation` after a space (which the reader drops) and, `before`, ahead of the
    punctuation the text ends in (after which the reader puts its marker)."""
    punctuation = ""
    if out and isinstance(out[-1], Text):
        text = out.pop().text
        if before and (match := TRAILING_PUNCTUATION.search(text)):
            text, punctuation = text[: match.start()], match.group(0)
        out.append(Text(text + " " if text and not text[-1].isspace() else text))
    out.append(citation)
    if punctuation:
        out.append(Text(punctuation))


def _reads_back(
    written: tuple[Inline, ...], content: tuple[Inline, ...], notes: dict[int, Citation]
) -> bool:
    """Whether the reader, making notes of the citations in `written`, gives `content`
    back, each note it makes one of `notes`."""
    left = dict(notes)

    def make_note(citation: Citation, line: int) -> int:
        number = next((n for n, c in left.items() if c == citation), -1)
        left.pop(number, None)
        return number

    read = cite_notes(written, make_note, {})
    first = next((i for i, n in enumerate(read) if not isinstance(n, NoteRef)), None)
    if first is not None and isinstance(read[first], Text):  # as the reader strips it
        read = normalize([*read[:first], Text(read[first].text.lstrip()), *read[first + 1 :]])
    return read == content and not left
