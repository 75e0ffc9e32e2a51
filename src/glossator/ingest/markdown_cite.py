"""Pandoc citations as a markdown-it inline plugin: `[see @key, p. 5]`, `[-@key]`, `@key`.

Each citation becomes one `citation` token whose meta holds the items (`CiteItem`) and
the text as written (`source`). The key, prefix, locator and suffix follow Pandoc's
manual: a key starts with a letter, digit or `_` and may hold single internal
punctuation (`:.#$%&-+?<>~/`), or is written in braces (`@{a key}`); the locator is a
locator term (`p.`, `chap.`, …) and the words with digits after it, or words with
digits alone (a page), or anything in braces; what follows is the suffix.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from glossator.model.inline import CiteItem

KEY_PUNCTUATION = frozenset(":.#$%&-+?<>~/")
# Locator terms of the en-US CSL locale, singular and plural, long and short.
LOCATOR_TERMS = frozenset(
    [
        "act",
        "acts",
        "app.",
        "apps.",
        "appendix",
        "appendices",
        "art.",
        "arts.",
        "article",
        "articles",
        "bk.",
        "bks.",
        "book",
        "books",
        "canon",
        "canons",
        "ch.",
        "chap.",
        "chaps.",
        "chapter",
        "chapters",
        "col.",
        "cols.",
        "column",
        "columns",
        "elocation",
        "eq.",
        "eqs.",
        "equation",
        "equations",
        "fig.",
        "figs.",
        "figure",
        "figures",
        "fol.",
        "fols.",
        "folio",
        "folios",
        "l.",
        "ll.",
        "line",
        "lines",
        "n.",
        "nn.",
        "no.",
        "nos.",
        "note",
        "notes",
        "number",
        "numbers",
        "op.",
        "opp.",
        "opus",
        "opera",
        "p.",
        "pp.",
        "page",
        "pages",
        "para.",
        "paras.",
        "paragraph",
        "paragraphs",
        "¶",
        "¶¶",
        "pt.",
        "pts.",
        "part",
        "parts",
        "r.",
        "rule",
        "rules",
        "sc.",
        "scene",
        "scenes",
        "sec.",
        "secs.",
        "section",
        "sections",
        "§",
        "§§",
        "s.v.",
        "s.vv.",
        "tbl.",
        "tbls.",
        "table",
        "tables",
        "tit.",
        "tits.",
        "title",
        "titles",
        "v.",
        "vv.",
        "verse",
        "verses",
        "vol.",
        "vols.",
        "volume",
        "volumes",
    ]
) | {"sub verbo", "sub verbis"}
ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
LOCATOR_WORD = re.compile(r"[^\s,;]+")
PUNCTUATION_AFTER = re.compile(r"[.,;:!?]+")


def _key_end(text: str, start: int) -> int:
    """End of a bare key starting at `start` (== start when none starts there)."""
    n = len(text)
    if start >= n or not (text[start].isalnum() or text[start] == "_"):
        return start
    i = start + 1
    while i < n:
        char = text[i]
        if char.isalnum() or char == "_":
            i += 1
        elif (
            char in KEY_PUNCTUATION and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] == "_")
        ):
            i += 2
        else:
            break
    return i


def read_key(text: str, at: int) -> tuple[str, int] | None:
    """The key after the `@` at `at` and where it ends, or None."""
    start = at + 1
    if text.startswith("{", start):
        close = text.find("}", start + 1)
        if close <= start + 1:
            return None
        return text[start + 1 : close], close + 1
    end = _key_end(text, start)
    return (text[start:end], end) if end > start else None


def split_locator(suffix: str) -> tuple[str | None, str]:
    """(locator, suffix) from the text after a key, as Pandoc separates them."""
    text = suffix.strip()
    body = text[1:].lstrip() if text.startswith(",") else text
    if body.startswith("{"):
        close = body.find("}")
        if close > 0:
            locator = body[1:close].strip()
            return (locator or None), body[close + 1 :].strip()
    label, rest = _label(body)
    words, end = _locator_words(rest, explicit=bool(label))
    if not words:
        return None, text
    locator = (label + " " if label else "") + rest[:end].strip()
    return locator, rest[end:].strip()


def _label(body: str) -> tuple[str, str]:
    """A locator term at the start of `body` and the text after it."""
    words = body.split(None, 2)
    for count in (2, 1):
        if len(words) > count or (len(words) == count and count == 1):
            candidate = " ".join(words[:count])
            if candidate.lower() in LOCATOR_TERMS:
                cut = body.find(words[count - 1]) + len(words[count - 1])
                return candidate, body[cut:]
    return "", body


def _locator_words(text: str, *, explicit: bool) -> tuple[list[str], int]:
    """The locator's words (`33-35`, `, 40`) at the start of `text` and where they end."""
    words: list[str] = []
    pos = 0
    while True:
        match = re.compile(r"\s*(,\s*)?" if words else r"\s*").match(text, pos)
        word = LOCATOR_WORD.match(text, match.end())
        if word is None:
            break
        value = word.group(0)
        if not (any(c.isdigit() for c in value) or (explicit and ROMAN.match(value))):
            break
        words.append(value)
        pos = word.end()
    return words, pos


def parse_item(part: str) -> CiteItem | None:
    """One `prefix @key, locator suffix` item of a bracketed group, or None."""
    at = _first_key(part)
    if at is None:
        return None
    found = read_key(part, at)
    if found is None:
        return None
    key, end = found
    suppress = at > 0 and part[at - 1] == "-"
    prefix = part[: at - 1 if suppress else at].strip()
    locator, suffix = split_locator(part[end:])
    mode = "suppress-author" if suppress else "normal"
    return CiteItem(key=key, prefix=prefix, locator=locator, suffix=suffix, mode=mode)


def _first_key(part: str) -> int | None:
    """Index of the first `@` that starts a key (not inside a word, like an email)."""
    at = part.find("@")
    while at >= 0:
        before = part[at - 1] if at > 0 else " "
        if at > 0 and before == "-":
            before = part[at - 2] if at > 1 else " "
        if not (before.isalnum() or before == "_"):
            return at
        at = part.find("@", at + 1)
    return None


def parse_group(body: str) -> tuple[CiteItem, ...] | None:
    """The items of `[body]`, or None unless every `;`-separated part cites a key."""
    items = [parse_item(part) for part in body.split(";")]
    if not items or any(item is None for item in items):
        return None
    return tuple(items)  # type: ignore[arg-type]


def _closing_bracket(src: str, start: int, end: int) -> int:
    """Index of the `]` matching the `[` at `start`, or -1."""
    depth, i = 0, start
    while i < end:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _push(state: StateInline, items: tuple[CiteItem, ...], source: str) -> None:
    token = state.push("citation", "", 0)
    token.content = re.sub(r"[ \t\r\n]+", " ", source)  # Pandoc's whitespace: not a no-break space
    token.meta = {"items": items, "breaks": source.count("\n")}


def bracket_citation(state: StateInline, silent: bool) -> bool:
    """`[@a; see @b, p. 5]`: a group of items (not `[@x](url)`, which is a link)."""
    src, start = state.src, state.pos
    if src[start] != "[" or src.startswith("[^", start):
        return False
    close = _closing_bracket(src, start, state.posMax)
    if close < 0 or "@" not in src[start:close]:
        return False
    if src.startswith("(", close + 1):
        return False
    items = parse_group(src[start + 1 : close])
    if items is None:
        return False
    if not silent:
        _push(state, items, src[start : close + 1])
    state.pos = close + 1
    return True


def text_citation(state: StateInline, silent: bool) -> bool:
    """`@key` or `-@key` in running text, with an optional `[locator, suffix]` after."""
    src, start = state.src, state.pos
    at = start + 1 if src.startswith("-@", start) else start
    if src[at] != "@":
        return False
    before = src[start - 1] if start > 0 else " "
    if before.isalnum() or before == "_" or (at == start and before == "-"):
        return False
    found = read_key(src, at)
    if found is None:
        return False
    key, end = found
    locator, suffix = None, ""
    bracket = end + 1 if src.startswith(" [", end) else end
    if src.startswith("[", bracket) and not src.startswith("[^", bracket):
        close = _closing_bracket(src, bracket, state.posMax)
        if close > 0 and src.startswith("(", close + 1):
            close = -1
        if close > 0 and "@" not in src[bracket:close]:
            locator, suffix = split_locator(src[bracket + 1 : close])
            end = close + 1
    mode = "suppress-author" if at > start else "author-in-text"
    item = CiteItem(key=key, locator=locator, suffix=suffix, mode=mode)
    if not silent:
        _push(state, (item,), src[start:end])
    state.pos = end
    return True


def citations_plugin(md: MarkdownIt) -> None:
    """After the footnote plugin: `[^x]` is a footnote reference, never a citation."""
    md.inline.ruler.after("footnote_ref", "citation", bracket_citation)
    md.inline.ruler.after("citation", "text_citation", text_citation)
