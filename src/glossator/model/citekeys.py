"""Pandoc-style citations by key: `[@caporaso1992]`, `[@caporaso1992, 601]`, `[@a; @b]`.

Markdown essays may cite by key as Pandoc and Quarto users do; each bracketed group in
the body becomes a note, and the linking stage replaces the group with the formatted
citation of each work it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A bracketed group with at least one @key; keys as Pandoc allows them.
KEY = r"[\w][\w:.#$%&+?<>~/-]*"
GROUP = re.compile(rf"\[(?P<body>[^\[\]]*?@{KEY}[^\[\]]*)\]")
ITEM = re.compile(rf"^(?P<prefix>[^@]*?)-?@(?P<key>{KEY}?)(?P<suffix>(?:,.*)?)$", re.S)


# Cross-reference prefixes: pandoc-crossref's `fig:`, `sec:`, `eq:`, `tbl:`, `lst:` and
# Quarto's `fig-`, `tbl-`, `sec-`, `eq-`, `lst-` and theorem kinds; both capitalise the
# prefix to capitalise the reference (`@Fig:map` → "Fig. 1"). Figures and tables are
# numbered (the Markdown reader links them); the others are shown as written.
CROSSREF = re.compile(
    r"(?:[Ff]ig|[Ss]ec|[Ee]q|[Tt]bl|[Ll]st|[Tt]hm|[Ll]em|[Cc]or|[Pp]rp|[Cc]nj|[Dd]ef|[Ee]xm|[Ee]xr)"
    r"[:-][\w:.-]+"
)


@dataclass(frozen=True)
class KeyCitation:
    key: str
    locator: str | None = None
    prefix: str = ""


def parse_group(body: str) -> list[KeyCitation] | None:
    """The items of one group, or None when a part is not `prefix @key, locator`."""
    items = []
    for part in body.split(";"):
        match = ITEM.match(part.strip())
        if not match:
            return None
        key = match.group("key").rstrip(".:")
        locator = match.group("suffix").lstrip(",").strip() or None
        if locator:
            locator = re.sub(r"^(?:pp?\.|pages?)\s*", "", locator)
        items.append(KeyCitation(key, locator, match.group("prefix").strip()))
    return items


def find_groups(text: str) -> list[tuple[int, int, list[KeyCitation]]]:
    """(start, end, items) of each citation group in `text`, in order."""
    if "@" not in text:  # most notes: no key to find, and the pattern is slow to fail
        return []
    found = []
    for match in GROUP.finditer(text):
        items = parse_group(match.group("body"))
        if items:
            found.append((match.start(), match.end(), items))
    return found
