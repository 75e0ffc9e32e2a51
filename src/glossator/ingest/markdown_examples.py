"""Pandoc's example lists (its `example_lists` extension): items marked `(@)` or
`(@label)` are numbered in one sequence through the whole essay, and `(@label)` in the
text is that example's number, in parentheses.

markdown-it has no such list, and would read `(@good)` as a citation of the key
`good` (an error: no such work). So the source is rewritten before it is parsed, line
for line (every line keeps its number): each marker becomes an ordered list's
`N.`, zero-padded to the marker's width so that the item's text stays in its column
(up to nine digits, a list number's limit), and each reference to a label becomes
`(N)`. Fenced code, the front matter and code spans are left as written.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^( {0,3})\(@([A-Za-z0-9_-]*)\)(?=[ \t])")
REFERENCE = re.compile(r"\(@([A-Za-z0-9_-]+)\)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).*?\1")
MAX_DIGITS = 9  # CommonMark's longest ordered-list number


def number_examples(text: str) -> str:
    """`text` with its example lists as numbered lists and their labels' references as
    numbers (the same text when it has no `(@` at all: most essays)."""
    if "(@" not in text:
        return text
    lines = text.split("\n")
    prose = _prose_lines(lines)
    labels: dict[str, int] = {}
    count = 0
    for n in prose:
        found = MARKER.match(lines[n])
        if found is None:
            continue
        count += 1
        if found.group(2):
            labels.setdefault(found.group(2), count)
        width = len(found.group(0)) - len(found.group(1)) - 1  # the digits' room
        number = str(count).zfill(min(max(width, 1), MAX_DIGITS))
        lines[n] = found.group(1) + number + "." + lines[n][found.end() :]
    if labels:
        for n in prose:
            if "(@" in lines[n]:
                lines[n] = _references(lines[n], labels)
    return "\n".join(lines)


def _references(line: str, labels: dict[str, int]) -> str:
    """The line's references to known labels as `(N)`, outside its code spans."""
    out, at = [], 0
    for span in CODE_SPAN.finditer(line):
        out.append(_replace(line[at : span.start()], labels))
        out.append(span.group(0))
        at = span.end()
    out.append(_replace(line[at:], labels))
    return "".join(out)


def _replace(text: str, labels: dict[str, int]) -> str:
    def number(found: re.Match[str]) -> str:
        label = found.group(1)
        return f"({labels[label]})" if label in labels else found.group(0)

    return REFERENCE.sub(number, text)


def _prose_lines(lines: list[str]) -> list[int]:
    """The numbers of the lines outside the front matter and fenced code."""
    start = 0
    if lines and lines[0].rstrip() == "---":
        for n in range(1, len(lines)):
            if lines[n].rstrip() in ("---", "..."):
                start = n + 1
                break
    prose: list[int] = []
    fence = ""
    for n in range(start, len(lines)):
        found = FENCE.match(lines[n])
        if fence:
            if found and _closes(found.group(1), fence, lines[n][found.end() :]):
                fence = ""
            continue
        if found and not (found.group(1)[0] == "`" and "`" in lines[n][found.end() :]):
            fence = found.group(1)
            continue
        prose.append(n)
    return prose


def _closes(run: str, fence: str, rest: str) -> bool:
    """Whether a fence line of `run` closes the one opened by `fence`: the same
    character, at least as many, nothing after."""
    return run[0] == fence[0] and len(run) >= len(fence) and not rest.strip()
