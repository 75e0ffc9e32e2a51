"""The rich text of CSL-JSON input, as Zotero and citeproc-js read it: `<i>`, `<b>`,
`<sup>`, `<sub>`, small caps and `nodecor` spans become the engine's font markers, and
quotation marks and apostrophes typed straight become typographic ones.

Input is escaped like any text when the entry is made HTML (`csl_text.finish`), so a
title's `<i>` must be read here, before, or it shows as "&lt;i&gt;". Quotation marks in
a field become the quote markers the style's own quotes use, so that `finish` gives
them the locale's glyphs and alternates double and single marks by depth ("“My
‘Amazing’ Title”"). `<span class="nocase">` is left for citeproc-py, which keeps its
text out of case changes.
"""

from __future__ import annotations

import re

from citeproc.source import Date, DateRange

from glossator.format.csl_text import CLOSE, NODECOR, NODECOR_END, OPEN, Q_CLOSE, Q_OPEN
from glossator.format.names import parse_particles

_TAGS = {"i": "Italic", "b": "Bold", "sup": "Superscript", "sub": "Subscript"}
_MARKUP = re.compile(
    r"<(/?)(i|b|sup|sub)>|<span\s+(style|class)\s*=\s*\"([^\"]*)\"\s*>|</span>", re.I
)
_SPANS = {
    ("style", "font-variant:small-caps"): (OPEN["SmallCaps"], CLOSE["SmallCaps"]),
    ("class", "nodecor"): (NODECOR, NODECOR_END),
    ("class", "nocase"): ('<span class="nocase">', "</span>"),
}
# Fields that hold names, dates, numbers or addresses are not prose.
NOT_PROSE = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})
_WORD = re.compile(r"\w", re.U)
_TAG = re.compile(r"<[^<>]*>")  # the nocase spans left for citeproc-py
_MARK = re.compile("[\ue000-\ue015]")


def rich_item(item: dict) -> dict:
    """`item` with the rich text of each prose field read (names and dates untouched)."""
    out = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in NOT_PROSE:
            value = rich_text(value)
        elif key in DATES and isinstance(value, dict):
            value = _date(value)
            if value is None:
                continue
        elif isinstance(value, list) and all(isinstance(n, dict) for n in value):
            # "D'Arcus" → "D’Arcus"; "van Gogh" → particle "van", family "Gogh"; "<b>Doe</b>"
            value = [_name_markup(parse_particles(_name_apostrophes(name))) for name in value]
        out[key] = value
    return out


DATES = frozenset({"issued", "accessed", "event-date", "original-date", "submitted"})


def _date(value: dict) -> dict | None:
    """A CSL-JSON date as citeproc-py reads it: parts as numbers ("1999" → 1999), a
    month out of 1–24 dropped, an unparsed `raw` date as a literal, none if empty.
    Months 13–24 are CSL-JSON's seasons, turned into seasons by `seasons`."""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and all(isinstance(p, list) for p in parts):
        cleaned = [_date_parts(p) for p in parts[:2]]
        if cleaned and all(cleaned):
            return {k: v for k, v in value.items() if k != "raw"} | {"date-parts": cleaned}
    text = value.get("literal") or value.get("raw")
    return {"literal": str(text)} if text else None


def _date_parts(parts: list) -> list[int]:
    numbers = []
    for part in parts[:3]:
        text = str(part).strip()
        if not re.fullmatch(r"-?\d+", text):
            break
        numbers.append(int(text))
    if len(numbers) > 1 and not 1 <= numbers[1] <= 24:
        numbers = numbers[:1]  # no such month: the year alone
    return numbers


def seasons(reference) -> None:
    """Months 13–24 of a parsed reference's dates as the seasons they stand for
    (13 and 21 spring … 16 and 24 winter), which citeproc-py renders as terms."""
    for value in reference.values():
        dates = [value.get("begin"), value.get("end")] if isinstance(value, DateRange) else [value]
        for date in dates:
            if isinstance(date, Date) and 13 <= (date.get("month") or 0) <= 24:
                date["season"] = (date.pop("month") - 13) % 4 + 1
                date.pop("day", None)


def _name_apostrophes(name: dict) -> dict:
    return {k: v.replace("'", "’") if isinstance(v, str) else v for k, v in name.items()}


def _name_markup(name: dict) -> dict:
    """A name's parts with their markup as font markers, as a title's (no quotes)."""
    return {k: _markup(v) if isinstance(v, str) and "<" in v else v for k, v in name.items()}


def rich_text(text: str) -> str:
    """A field's markup as font markers, its quotation marks as quote markers."""
    if "<" in text:
        text = _markup(text)
    if any(c in text for c in "\"'“”‘"):
        text = _quotes(text)
    return text


def _markup(text: str) -> str:
    """Known tags as markers; a tag not known, or not closed, stays as text."""
    out, stack = [], []  # stack: (index in out, closing text, opening text)
    last = 0
    for match in _MARKUP.finditer(text):
        out.append(text[last : match.start()])
        last = match.end()
        slash, tag, attr, value = match.groups()
        if tag:
            name = _TAGS[tag.lower()]
            if not slash:
                out.append(OPEN[name])
                stack.append((len(out) - 1, CLOSE[name], match[0]))
            elif stack and stack[-1][1] == CLOSE[name]:
                out.append(stack.pop()[1])
            else:
                out.append(match[0])
        elif attr:
            key = (attr.lower(), re.sub(r"[\s;]", "", value.lower()))
            opening, closing = _SPANS.get(key, (match[0], "</span>"))
            out.append(opening)
            stack.append((len(out) - 1, closing, match[0]))
        elif stack:
            out.append(stack.pop()[1])
        else:
            out.append(match[0])
    out.append(text[last:])
    for index, _closing, opening in stack:  # never closed: the author's text as typed
        out[index] = opening
    return "".join(out)


def _quotes(text: str) -> str:
    """Straight and curly double quotes paired into quote markers; straight single
    quotes paired where they open and close around words, else apostrophes (’)."""
    chars = list(text)
    in_tag = {i for m in _TAG.finditer(text) for i in range(m.start(), m.end())}
    doubles = [i for i, c in enumerate(chars) if c in '"“”' and i not in in_tag]
    open_at = None
    for i in doubles:
        c = chars[i]
        opening = c == "“" or (c == '"' and _opens(text, i))
        if open_at is None and opening:
            open_at = i
        elif open_at is not None and c != "“":
            chars[open_at], chars[i] = Q_OPEN, Q_CLOSE
            open_at = None
    for i in [i for i in doubles if chars[i] == '"']:  # unpaired: the typographic mark
        chars[i] = "“" if _opens(text, i) else "”"
    open_at = None
    for i, c in enumerate(chars):
        if c != "'" or i in in_tag:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if open_at is not None and not _WORD.match(after):
            chars[open_at], chars[i] = Q_OPEN, Q_CLOSE
            open_at = None
        elif open_at is None and _opens(text, i) and after.isalpha():
            open_at = i
        else:
            chars[i] = "’" if _WORD.match(before) or after.isdigit() else chars[i]
    if open_at is not None:
        chars[open_at] = "’"
    if "‘" in text:  # typographic singles pair too, "’" inside a word is an apostrophe
        open_at = None
        for i, c in enumerate(chars):
            after = text[i + 1] if i + 1 < len(text) else " "
            if c == "‘" and i not in in_tag:
                open_at = i
            elif c == "’" and open_at is not None and not _WORD.match(after):
                chars[open_at], chars[i] = Q_OPEN, Q_CLOSE
                open_at = None
    return "".join("’" if c == "'" and i not in in_tag else c for i, c in enumerate(chars))


def _opens(text: str, i: int) -> bool:
    """A quotation mark opens at the start, after a space, a bracket, a dash or a mark."""
    return (
        i == 0
        or text[i - 1].isspace()
        or text[i - 1] in "([{—–-/"
        or _MARK.match(text[i - 1]) is not None
    )
