"""Inline markdown-it tokens as plain text with offsets: where each note reference
stands in the collapsed text, and on which source line each token starts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from markdown_it.token import Token

from glossator.model.citekeys import find_groups

COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.S)


def collapse_with_offsets(raw: str, positions: list[int]) -> tuple[str, list[int]]:
    """Collapse whitespace and strip, moving each raw position to the collapsed text."""
    out: list[str] = []
    pending = sorted(range(len(positions)), key=lambda i: positions[i])
    result = [0] * len(positions)
    k = 0
    for index, char in enumerate(raw):
        while k < len(pending) and positions[pending[k]] <= index:
            result[pending[k]] = len(out)
            k += 1
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(char)
    while k < len(pending):
        result[pending[k]] = len(out)
        k += 1
    if out and out[-1] == " ":
        out.pop()
    return "".join(out), [min(r, len(out)) for r in result]


def plain_text(children: list[Token]) -> tuple[str, list[int]]:
    """Text of inline tokens and the footnote ids found in it, in order (ids only)."""
    text, ids = raw_text(children)
    return collapse_with_offsets(text, [])[0], [i for i, _ in ids]


def raw_text(
    children: list[Token], cite: Callable[[str, int], int] | None = None
) -> tuple[str, list[tuple[int, int]]]:
    """Raw text and (footnote id, offset) of each reference; with `cite`, each Pandoc
    citation group in the text becomes a reference to the note `cite` makes for it."""
    parts: list[str] = []
    refs: list[tuple[int, int]] = []
    length = breaks = 0
    for token in children:
        piece = ""
        if token.type == "text" and cite is not None:
            cursor = 0
            for start, end, _ in find_groups(token.content):
                # As Pandoc does for note styles, the note goes after following punctuation.
                punctuation = re.match(r"[.,;:!?]*", token.content[end:]).group(0)
                piece = (
                    (piece + token.content[cursor:start]).rstrip()
                    if punctuation
                    else (piece + token.content[cursor:start])
                )
                piece += punctuation
                refs.append((cite(token.content[start:end], breaks), length + len(piece.rstrip())))
                cursor = end + len(punctuation)
            piece += token.content[cursor:]
        elif token.type in ("text", "text_special", "code_inline", "html_inline"):
            # Inline HTML stays as the literal text the author wrote (`_scan` warns);
            # an HTML comment is the author's note to self and is left out, as it is
            # in every Markdown renderer.
            piece = "" if is_comment(token) else token.content
            breaks += token.content.count("\n") if token.type == "html_inline" else 0
        elif token.type in ("softbreak", "hardbreak"):
            piece = " "
            breaks += 1
        elif token.type == "image":
            piece = raw_text(token.children or [])[0]
        elif token.type == "footnote_ref":
            refs.append((token.meta["id"], length))
        parts.append(piece)
        length += len(piece)
    return "".join(parts), refs


def line_of(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _breaks(token: Token) -> int:
    """How many line breaks an inline token spans."""
    if token.type in ("softbreak", "hardbreak"):
        return 1
    if token.type == "html_inline":
        return token.content.count("\n")  # a tag may span lines: `<a\nhref="x">`
    if token.type == "image":
        return sum(_breaks(t) for t in token.children or [])
    return 0


def token_lines(children: list[Token], first_line: int) -> Iterator[tuple[Token, int]]:
    """Each inline token (also those in an image's alt text) with the line it starts on."""
    line = first_line
    for token in children:
        yield token, line
        if token.type == "image":
            yield from token_lines(token.children or [], line)
        line += _breaks(token)


def is_comment(token: Token) -> bool:
    return token.type in ("html_inline", "html_block") and bool(COMMENT.fullmatch(token.content))
