"""Inline markdown-it tokens to the model's inline nodes (`glossator.model.inline`).

Whitespace is collapsed as Pandoc does (a line break in the source is a space), so a
paragraph's plain text, and with it every marker's offset, is what a reader sees. The
line of each token is counted from the block's first line, for diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from glossator.diagnostics import Diagnostic, error, warning
from glossator.ingest.markdown_smart import smarten
from glossator.model.citekeys import CROSSREF
from glossator.model.document import Block
from glossator.model.ids import LANGUAGE_TAG
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

COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.S)
# Left as literal text by markdown-it when the label has no definition.
UNDEFINED_REF = re.compile(r"\[\^([^\]\s]+)\]")
# Links kept as links: the web's own schemes and addresses inside the site.
SAFE_URL = re.compile(r"^(?:https?://|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.I)
PUNCTUATION = re.compile(r"^[.,;:!?]+")
# Pandoc's whitespace (a no-break space is a character, kept)
WHITESPACE = re.compile(r"[ \t\r\n]+")
INLINE_HTML = "inline HTML is shown as text, not rendered; write it as Markdown"
CONTAINER_OF = {
    "em": Emph,
    "strong": Strong,
    "s": Strikeout,
    "sup": Superscript,
    "sub": Subscript,
}


@dataclass
class Context:
    """What converting inline tokens needs from the reader: where to report, and (in
    the body) how to make a note of a citation; `heading` drops note references."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    make_note: Callable[[Citation, int], int] | None = None
    heading: bool = False
    inline_note_lines: dict[int, int] = field(default_factory=dict)
    labels: dict[str, Block] = field(default_factory=dict)  # `{#fig-map}`: its figure
    crossref_lines: dict[int, int] = field(default_factory=dict)  # id(citation) -> line

    def warn(self, line: int, code: str, message: str) -> None:
        self.diagnostics.append(warning(self.path, line, code, message))


def is_comment(token: Token) -> bool:
    return token.type in ("html_inline", "html_block") and bool(COMMENT.fullmatch(token.content))


def line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _citation(token: Token) -> Citation:
    """Prefix, locator and suffix with whitespace collapsed, as the source is."""
    items = tuple(
        replace(
            item,
            prefix=smarten(WHITESPACE.sub(" ", item.prefix)),
            suffix=smarten(WHITESPACE.sub(" ", item.suffix)),
            locator=smarten(WHITESPACE.sub(" ", item.locator)) if item.locator else item.locator,
        )
        for item in token.meta["items"]
    )
    return Citation(items=items, source=token.content)


def convert(children: list[Token], line: int, ctx: Context) -> tuple[Inline, ...]:
    """The inline nodes of one block's tokens, whitespace collapsed, notes made of the
    citations when `ctx.make_note` is set."""
    # Each open mark's content so far: text as plain strings (joined into one Text when
    # the mark closes), other inlines as nodes.
    stack: list[tuple[Token | None, list]] = [(None, [])]
    lines: dict[int, int] = {}  # id of each citation -> its line
    for token in children:
        out = stack[-1][1]
        kind = token.type
        if kind == "text":
            if "[^" in token.content:
                _check_refs(token.content, line, ctx)
            out.append(token.content)
        elif kind == "text_special":
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
            line += 1
        elif kind == "hardbreak":
            out.append(LineBreak())
            line += 1
        elif kind == "code_inline":
            out.append(Code(token.content))
        elif kind in ("math_inline", "math_inline_double"):
            out.append(Math(token.content.strip(), display=kind == "math_inline_double"))
        elif kind == "html_inline":
            if not is_comment(token):
                ctx.warn(line, "markdown.html", INLINE_HTML)
                out.append(RawInline(WHITESPACE.sub(" ", token.content)))
            line += token.content.count("\n")  # a tag may span lines: `<a\nhref="x">`
        elif kind == "footnote_ref":
            if ctx.heading:
                ctx.warn(
                    line,
                    "note.in-heading",
                    "a footnote reference in a heading is not kept; move it into a paragraph",
                )
            else:
                if "label" not in token.meta:
                    ctx.inline_note_lines.setdefault(token.meta["id"], line)
                out.append(NoteRef(token.meta["id"] + 1))  # notes count from 1
        elif kind == "citation":
            out.append(_citation(token))
            lines[id(out[-1])] = line
            if crossref_only(out[-1]):  # linked once the figures are known
                ctx.crossref_lines[id(out[-1])] = line
            line += token.meta.get("breaks", 0)
        elif kind == "image":
            alt = convert(token.children or [], line, Context(ctx.path, ctx.diagnostics))
            src = str(token.attrGet("src") or "")
            out.append(Image(src, plain_text(alt), str(token.attrGet("title") or "")))
            line += sum(1 for c in token.children or [] if c.type in ("softbreak", "hardbreak"))
        elif kind.endswith("_open"):
            stack.append((token, []))
        elif kind.endswith("_close") and len(stack) > 1:
            opener, content = stack.pop()
            stack[-1][1].extend(_close(opener, content, line, ctx))
    while len(stack) > 1:  # unbalanced (never from markdown-it): keep the content
        _, content = stack.pop()
        stack[-1][1].extend(content)
    content = collapse(_seal(stack[0][1]))
    if ctx.make_note is not None and lines:
        content = cite_notes(content, ctx.make_note, lines)
        first = next((i for i, n in enumerate(content) if not isinstance(n, NoteRef)), None)
        if first is not None and isinstance(content[first], Text):
            node = content[first]
            content = normalize([*content[:first], Text(node.text.lstrip()), *content[first + 1 :]])
    return content


def _seal(items: list) -> tuple[Inline, ...]:
    """Adjacent strings joined into one Text node."""
    out: list[Inline] = []
    texts: list[str] = []
    for item in items:
        if type(item) is str:
            texts.append(item)
            continue
        if texts:
            out.append(Text("".join(texts)))
            texts = []
        out.append(item)
    if texts:
        out.append(Text("".join(texts)))
    return tuple(out)


def _close(opener: Token, content: list, line: int, ctx: Context) -> list[Inline]:
    inner = _seal(content)
    tag = opener.type[: -len("_open")]
    if tag in CONTAINER_OF:
        return [CONTAINER_OF[tag](inner)]
    if tag == "span":
        classes = tuple(str(opener.attrGet("class") or "").split())
        lang = str(opener.attrGet("lang") or "")
        if lang and not LANGUAGE_TAG.fullmatch(lang):
            ctx.warn(
                line,
                "markdown.lang",
                f"`lang={lang}` is not a language tag such as "
                "`fr` or `pt-BR`; the span keeps the essay's language",
            )
            lang = ""
        if classes == ("smallcaps",) and not lang:
            return [SmallCaps(inner)]
        return [Span(inner, classes, lang)]
    if tag == "link":
        url = str(opener.attrGet("href") or "")
        if SAFE_URL.match(url):
            return [Link(url, inner, str(opener.attrGet("title") or ""))]
        ctx.warn(
            line,
            "markdown.url",
            f"a link to `{url[:40]}` is not kept (only http(s), mailto and relative links "
            "are); its text stays",
        )
    return list(inner)


def _check_refs(text: str, line: int, ctx: Context) -> None:
    if "[^" not in text:
        return
    for match in UNDEFINED_REF.finditer(text):
        label = match.group(1)
        ctx.diagnostics.append(
            error(
                ctx.path,
                line,
                "note.missing",
                f"footnote `[^{label}]` is referenced but never defined; add a line "
                f"`[^{label}]: ...` with the note, or remove the reference",
            )
        )


def collapse(content: list[Inline] | tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Whitespace runs as one space, none at the start or end, across marks too."""
    state = {"space": True}  # at the start, as if after a space: leading space goes
    out = _collapse(tuple(content), state)
    return _rstrip(out)


def _collapse(content: tuple[Inline, ...], state: dict[str, bool]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in content:
        if type(node) is Text:
            text = node.text
            if "  " in text or "\n" in text or "\t" in text:
                text = WHITESPACE.sub(" ", text)
            if state["space"] and text.startswith(" "):
                text = text[1:]
            if text:
                state["space"] = text.endswith(" ")
                out.append(node if text is node.text else Text(text))
        elif isinstance(node, CONTAINERS):
            out.append(_with_content(node, _collapse(node.content, state)))
        elif isinstance(node, LineBreak):
            if out and isinstance(out[-1], Text) and out[-1].text.endswith(" "):
                out[-1] = Text(out[-1].text[:-1])
            out.append(node)
            state["space"] = True
        elif isinstance(node, NoteRef):
            out.append(node)
        else:
            out.append(node)
            state["space"] = False
    return tuple(out)


def _with_content(node: Inline, content: tuple[Inline, ...]) -> Inline:
    if isinstance(node, Span | Link):
        return replace(node, content=content)
    return type(node)(content)  # type: ignore[call-arg]


def _rstrip(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if not content:
        return content
    last = content[-1]
    if isinstance(last, Text) and last.text.endswith(" "):
        return normalize([*content[:-1], Text(last.text.rstrip(" "))])
    if isinstance(last, CONTAINERS):
        return (*content[:-1], _with_content(last, _rstrip(last.content)))
    return content


def cite_notes(
    content: tuple[Inline, ...], make_note: Callable[[Citation, int], int], lines: dict[int, int]
) -> tuple[Inline, ...]:
    """In the body, as Pandoc does for note styles: a citation becomes a note, its
    marker after any punctuation that follows; an author-in-text one stays, with a note
    of its works after it."""
    out: list[Inline] = []
    pending: NoteRef | None = None
    for node in content:
        if pending is not None:
            if isinstance(node, Text) and (match := PUNCTUATION.match(node.text)):
                out.append(Text(match.group(0)))
                node = Text(node.text[match.end() :])
            out.append(pending)
            pending = None
        if isinstance(node, Citation) and not crossref_only(node):  # those stay: linked later
            if node.items[0].mode == "author-in-text":
                out.append(node)
                pending = NoteRef(make_note(_suppressed(node), lines.get(id(node), 1)))
            else:
                if out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text.rstrip())
                pending = NoteRef(make_note(node, lines.get(id(node), 1)))
            continue
        if isinstance(node, CONTAINERS):
            node = replace(node, content=cite_notes(node.content, make_note, lines))
        out.append(node)
    if pending is not None:
        out.append(pending)
    return normalize(out)


def crossref_only(citation: Citation) -> bool:
    """Whether every item is a cross-reference (`@fig-map`), never a note's work."""
    return all(CROSSREF.fullmatch(item.key) for item in citation.items)


def _suppressed(citation: Citation) -> Citation:
    """The note of an author-in-text citation: its works with the author left out (the
    text names them), written as the bracketed group the notes stage reads."""
    items = tuple(replace(item, mode="suppress-author") for item in citation.items)
    parts = []
    for item in items:
        part = f"-@{item.key}" if _bare_key(item.key) else f"-@{{{item.key}}}"
        if item.locator:
            part += f", {item.locator}"
        if item.suffix:
            part += ("" if item.suffix.startswith(",") else " ") + item.suffix
        parts.append(part)
    return Citation(items=items, source="[" + "; ".join(parts) + "]")


def _bare_key(key: str) -> bool:
    return bool(re.fullmatch(r"\w(?:[:.#$%&\-+?<>~/]?\w)*", key))
