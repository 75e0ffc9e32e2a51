"""Smart typography as Pandoc's `smart` extension does it, as a markdown-it core rule.

Curly quotes in pairs (`"a"` → “a”, `'a'` → ‘a’), apostrophes (`don't`, `'90s`: ’),
`--` an en dash, `---` an em dash, `...` (or `. . .`) an ellipsis; nothing else (no
`(c)` or `+-`, which markdown-it's own `typographer` would change). Code, math, raw
HTML, autolinks, citations and backslash escapes are left exactly as written.

A paragraph is seen whole, so a quotation may span emphasis or a link: its text tokens
are joined with one stand-in character for each piece that is not text, the quotes are
paired over the joined string in one pass, and each text token gets its characters
back.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

DASHES = re.compile(r"---|--|\.\.\.|\. \. \.")
QUOTE = re.compile("[\"']")
REPLACEMENT = {"---": "\u2014", "--": "\u2013", "...": "\u2026", ". . .": "\u2026"}
# What may stand before an opening quote: nothing (start), a space, or these.
OPENERS = frozenset("([{\u2018\u201c\"'-\u2013\u2014/")
# Stand-ins for inline pieces that are not text: a word character, or a space for a break.
OPAQUE = {"softbreak": " ", "hardbreak": " "}
TRANSPARENT = frozenset(
    [
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "s_open",
        "s_close",
        "sub_open",
        "sub_close",
        "sup_open",
        "sup_close",
        "span_open",
        "span_close",
        "link_open",
        "link_close",
    ]
)


def smarten(text: str) -> str:
    """Plain text with Pandoc's smart substitutions (a citation's prefix or suffix)."""
    if "'" in text or '"' in text:
        text = _quotes(text)
    return _dashes(text)


def _dashes(text: str) -> str:
    if "--" not in text and "..." not in text and ". ." not in text:
        return text
    return DASHES.sub(_dash, text)


def _dash(match: re.Match[str]) -> str:
    return REPLACEMENT[match.group(0)]


def _boundary(char: str | None) -> bool:
    return char is None or char.isspace() or char in OPENERS


def _quotes(joined: str) -> str:
    """`joined` with its quotes paired and curled; only the quote characters are
    visited. Stand-ins for what is not text are never quotes, so every quote is text."""
    chars = list(joined)
    n = len(chars)
    stack: list[tuple[str, int]] = []  # open quotes: (kind, index)
    doubles_left = joined.count('"')
    for match in QUOTE.finditer(joined):
        i = match.start()
        char = joined[i]
        before = joined[i - 1] if i > 0 else None
        after = joined[i + 1] if i + 1 < n else None
        if char == '"':
            doubles_left -= 1
            if stack and stack[-1][0] == '"':
                chars[stack.pop()[1]], chars[i] = "\u201c", "\u201d"
            elif _boundary(before) and after is not None and not after.isspace() and doubles_left:
                stack.append(('"', i))
            continue
        closes = before is not None and not before.isspace() and not (after or " ").isalnum()
        if stack and stack[-1][0] == "'" and closes:
            chars[stack.pop()[1]], chars[i] = "\u2018", "\u2019"
        elif (
            not any(kind == "'" for kind, _ in stack)
            and _boundary(before)
            and after is not None
            and not after.isspace()
            and not after.isdigit()
        ):
            stack.append(("'", i))
        else:
            chars[i] = "\u2019"
    for kind, index in stack:
        if kind == "'":
            chars[index] = "\u2019"
    return "".join(chars)


def smart_inline(children: list[Token]) -> None:
    """Apply the substitutions to one inline token's children in place."""
    parts: list[str] = []
    spans: list[tuple[Token, int, int]] = []  # text token, where its characters lie
    length = autolink = 0
    quoted = False
    for token in children:
        kind = token.type
        if kind == "text" and not autolink:
            content = token.content
            spans.append((token, length, length + len(content)))
            parts.append(content)
            length += len(content)
            quoted = quoted or "'" in content or '"' in content
        elif kind in TRANSPARENT:
            if kind == "link_open" and token.markup == "autolink":
                autolink += 1
            elif kind == "link_close" and autolink:
                autolink -= 1
        elif kind == "image":
            smart_inline(token.children or [])
            parts.append("x")
            length += 1
        else:
            parts.append(OPAQUE.get(kind, "x"))
            length += 1
    if not quoted:
        for token, _, _ in spans:
            token.content = _dashes(token.content)
        return
    joined = _quotes("".join(parts))
    for token, start, end in spans:
        token.content = _dashes(joined[start:end])


def _candidates(source: str) -> bool:
    """Whether the source of an inline holds anything to change (a quick test)."""
    return "'" in source or '"' in source or "--" in source or "..." in source or ". ." in source


def smart_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children and _candidates(token.content):
            smart_inline(token.children)
    listed = state.env.get("footnotes", {}).get("list", {})
    for data in listed.values():
        if "content" in data and data.get("tokens"):
            smart_inline(data["tokens"])
