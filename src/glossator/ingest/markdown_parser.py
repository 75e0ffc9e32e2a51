"""The markdown-it parser for essays, configured once: Pandoc's Markdown as authors use it.

CommonMark with pipe tables, `~~strikeout~~`, `^super^`, `~sub~`, `[spans]{.class}`,
`$math$` and `$$display$$` (Pandoc's rules: no space inside the dollars, no digit
after the closing one), footnotes (`[^label]`, `^[inline]`), front matter, Pandoc
citations, fenced divs (`::: {.class}` … `:::`, nestable; the fences are dropped and
the content kept) and smart typography. `PARSER` holds no per-document state (each
parse gets its own `env`), so one instance serves every essay.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from glossator.ingest.markdown_cite import citations_plugin
from glossator.ingest.markdown_smart import smart_rule

DIV_OPEN = re.compile(r"^:{3,}\s*(\{[^{}]*\}|[^\s:{}]+)\s*:*\s*$")
DIV_CLOSE = re.compile(r"^:{3,}\s*$")
# A Pandoc title block: `% Title`, `% Author; Author`, `% Date` at the very top.
TITLE_LINE = re.compile(r"^%(?:[ \t]+(.*))?$")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def fenced_div(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A fenced div's content as blocks between `div_open` and `div_close` tokens; a
    closing fence with no div open is dropped too, so no stray colons show."""
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(":::", pos) or state.sCount[start] - state.blkIndent >= 4:
        return False
    first = _line(state, start)
    if DIV_CLOSE.match(first):
        if not silent:
            state.line = start + 1
        return True
    match = DIV_OPEN.match(first)
    if match is None:
        return False
    if silent:
        return True
    depth, line, closed = 1, start, False
    while line + 1 < end:
        line += 1
        text = _line(state, line)
        if text and state.sCount[line] < state.blkIndent:
            break
        if state.sCount[line] - state.blkIndent >= 4:
            continue
        if DIV_CLOSE.match(text):
            depth -= 1
            if depth == 0:
                closed = True
                break
        elif DIV_OPEN.match(text):
            depth += 1
    else:
        line = end
    parent, line_max = state.parentType, state.lineMax
    state.parentType = "div"  # type: ignore[assignment]
    state.lineMax = line
    token = state.push("div_open", "div", 1)
    token.map, token.info = [start, line], match.group(1)
    state.md.block.tokenize(state, start + 1, line)
    state.push("div_close", "div", -1)
    state.parentType, state.lineMax = parent, line_max
    state.line = line + 1 if closed else line
    return True


def other_attributes(state: StateInline, silent: bool) -> bool:
    """Attributes after an image, link, code or span that the attrs plugin cannot read
    (Pandoc's `{width=50%}`: `%` opens a comment there) are dropped, not shown: the
    model keeps no attributes but a span's classes, and an image's `#id` (a figure's
    label, `{#fig-map width=80%}`)."""
    src, pos = state.src, state.pos
    if src[pos] != "{" or state.pending or not state.tokens:
        return False
    if state.tokens[-1].type not in ("image", "link_close", "code_inline", "span_close"):
        return False
    end = src.find("}", pos, state.posMax)
    if end < 0 or "\n" in src[pos:end]:
        return False
    found = re.search(r"(?:^|\s)#([^\s{}]+)", src[pos + 1 : end])
    if found and state.tokens[-1].type == "image" and not state.tokens[-1].attrGet("id"):
        state.tokens[-1].attrSet("id", found.group(1))
    state.pos = end + 1
    return True


# markdown-it reads no deeper than this many levels of blocks (quotations, lists, their
# items) and drops what is deeper; the reader warns when a text reaches it (commonmark's
# 20 would cut a list nested ten deep). Deep enough for any essay, shallow enough for
# Python's recursion limit.
MAX_NESTING = 50


def too_deep(tokens: list) -> int | None:
    """The source line (0-based) where the blocks reach markdown-it's nesting limit, or
    None: from there on, deeper content was not read."""
    for token in tokens:
        if token.level >= MAX_NESTING - 1:
            return token.map[0] if token.map else 0
    return None


def _parser() -> MarkdownIt:
    # Definitions stay in place (move_to_end=False) so their lines are known, and
    # escapes stay separate tokens (no text_join) so `\[^x]` is not taken for a reference.
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.options["maxNesting"] = MAX_NESTING
    md.use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False)
    md.use(deflist_plugin)  # Pandoc's definition_lists
    md.use(attrs_plugin, spans=True, span_after="footnote_ref")
    _only_before_braces(md, "span")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(sub_plugin)
    md.use(superscript_plugin)
    md.use(citations_plugin)
    md.inline.ruler.after("attr", "other_attributes", other_attributes)
    md.block.ruler.before(
        "fence", "fenced_div", fenced_div, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.core.ruler.push("smart", smart_rule)
    md.disable("text_join")
    _references_before_links(md)
    # Every destination is kept as written (not percent-encoded, so `%20` stays `%20`
    # and `é` stays `é`); the reader decides which make links (`markdown_inline`).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


def _references_before_links(md: MarkdownIt) -> None:
    """`[^x]` and `[@key]` tried before links: the link rule would first scan each as a
    link text, asking every inline rule at every character of it."""
    rules = md.inline.ruler.__rules__
    first = [r for r in rules if r.name in ("footnote_ref", "citation", "text_citation")]
    rest = [r for r in rules if r not in first]
    at = next(i for i, r in enumerate(rest) if r.name == "link")
    rules[:] = rest[:at] + first + rest[at:]
    md.inline.ruler.__cache__ = None


def _only_before_braces(md: MarkdownIt, name: str) -> None:
    """Try the span rule only where a `]{` follows: it would otherwise scan the rest of
    the paragraph at every `[` (every note reference) and fail."""
    rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
    span = rule.fn

    def guarded(state: StateInline, silent: bool) -> bool:
        return (
            state.src.startswith("[", state.pos)
            and "]{" in state.src[state.pos : state.posMax]
            and span(state, silent)
        )

    md.inline.ruler.at(name, guarded)


PARSER = _parser()


def title_block(text: str) -> tuple[list[str | None], str]:
    """The fields of a Pandoc title block (title, authors, date; None where a line is
    missing or empty) and the text with the block blanked out, so lines still count
    from the top of the file."""
    if not text.startswith("%"):
        return [], text
    lines = text.split("\n")
    fields: list[str | None] = []
    i = 0
    while i < len(lines) and len(fields) < 3:
        match = TITLE_LINE.match(lines[i])
        if match is None:
            break
        parts = [match.group(1) or ""]
        i += 1
        while i < len(lines) and lines[i][:1] in (" ", "\t") and lines[i].strip():
            parts.append(lines[i].strip())
            i += 1
        fields.append(" ".join(" ".join(parts).split()) or None)
    return fields, "\n" * i + "\n".join(lines[i:])
