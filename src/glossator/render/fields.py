"""A bibliography field as readers see it on a source page: no BibTeX syntax.

Fields keep BibTeX's case-protecting braces and `--` page ranges (the CSL mapping
needs them) and the rich-text tags the reader makes of `\\emph{}`; a reader sees the
text, the en dash and the italics.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_TAG = re.compile(r'<(/?)(i|b|sup|sub|span)((?: style="font-variant:small-caps;")?)>')


def _paired(value: str) -> dict[int, re.Match]:
    """The tags that open and close in order, by position; others are text."""
    stack: list[re.Match] = []
    paired: dict[int, re.Match] = {}
    for m in _TAG.finditer(value):
        if not m[1] and (m[2] != "span" or m[3]):
            stack.append(m)
        elif m[1] and stack and stack[-1][2] == m[2]:
            opened = stack.pop()
            paired[opened.start()] = opened
            paired[m.start()] = m
    return paired


def field_text(value: str) -> str:
    """The field as plain text: braces and paired rich-text tags dropped."""
    paired = _paired(value)
    text = _TAG.sub(lambda m: "" if m.start() in paired else m[0], value)
    return " ".join(text.replace("{", "").replace("}", "").split())


def field_html(value: str, name: str = "") -> Markup:
    """The field as HTML: braces dropped, `--` in a range an en dash, and the reader's
    italics, bold, small capitals, super- and subscripts as elements (paired ones only;
    anything else stays escaped text)."""
    text = " ".join(value.replace("{", "").replace("}", "").split())
    if name == "pages":
        text = re.sub(r"(?<=\w)\s*-{2,3}\s*(?=\w)", "–", text)
    paired = _paired(text)
    out, end = [], 0
    for m in _TAG.finditer(text):
        if m.start() not in paired:
            continue
        out.append(str(escape(text[end : m.start()])))
        if m[2] == "span":
            out.append("</span>" if m[1] else '<span class="smallcaps">')
        else:
            out.append(f"<{m[1]}{m[2]}>")
        end = m.end()
    out.append(str(escape(text[end:])))
    return Markup("".join(out))
