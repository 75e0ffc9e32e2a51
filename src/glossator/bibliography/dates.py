"""BibLaTeX dates (EDTF, ISO 8601-2 level 1) and BibTeX `year`/`month`/`day` as CSL dates.

BibLaTeX's `date = {1998-04/2001}` is a range, `{1850?}` uncertain, `{1850~}`
approximate, `{19XX}` a decade given to the year, `{-0044}` a year BCE (EDTF counts
a year 0, CSL does not: -0044 is 45 BC), `{2003-22}` a season (summer), `{1990/..}`
open-ended. CSL-JSON says the same with `date-parts`, `circa` and `season`; what is
not such a date is kept as `literal`, so the reader still sees it.
"""

from __future__ import annotations

import re

from glossator.bibliography.entry import MONTH_MACROS

_DATE = re.compile(
    r"(?P<y>-?\d{1,4}|\d{2}XX|\d{3}X)(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?)?"  # X: unknown
    r"(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?P<q>[?~%]?)"
)
MONTH_NAMES = (
    "january february march april may june july august september october november december"
)


def _part(text: str) -> tuple[list[int], bool, int | None] | None:
    """One EDTF date → (date-parts, uncertain, season); None if it is not one."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        return None
    year_text = m["y"]
    if "X" in year_text:
        return None  # a decade or century: read as a literal ("1990s")
    year = int(year_text)
    if year <= 0:
        year -= 1  # EDTF counts astronomically: 0000 is 1 BC, -0044 is 45 BC
    parts, season = [year], None
    month = m["m"]
    if month and month != "XX":
        value = int(month)
        if 21 <= value <= 24:
            season = value - 20
        elif 1 <= value <= 12:
            parts.append(value)
            day = m["d"]
            if day and day != "XX":
                if not 1 <= int(day) <= 31:
                    return None
                parts.append(int(day))
        else:
            return None
    return parts, bool(m["q"]), season


def edtf_date(text: str) -> dict | None:
    """A BibLaTeX `date` (or `urldate`, `origdate`, `eventdate`) as a CSL date."""
    text = text.strip()
    if re.fullmatch(r"[-\d/.?~%Xu]+", text):
        text = text.replace("u", "X")  # the 2012 EDTF draft wrote unknown digits as u
    if not text:
        return None
    if "/" in text:
        return _range(text)
    one = _part(text)
    decade = re.fullmatch(r"(\d{2,3})(X{1,2})", text)
    if one is None and decade:
        return {"literal": decade[1] + "0" * len(decade[2]) + "s"}
    if one is None:
        return {"literal": text}
    date = {"date-parts": [one[0]]}
    if one[1]:
        date["circa"] = True
    if one[2]:
        date["season"] = one[2]
    return date


def _range(text: str) -> dict:
    """`A/B`; an open end (`1990/..`, `/1990`) reads "1990–" or "–1990", as CSL has no
    date form for it."""
    start_text, end_text = (s.strip() for s in text.split("/", 1))
    open_start, open_end = start_text in ("", ".."), end_text in ("", "..")
    start = None if open_start else _part(start_text)
    end = None if open_end else _part(end_text)
    if (
        (start is None and not open_start)
        or (end is None and not open_end)
        or (open_start and open_end)
    ):
        return {"literal": text}
    if start is None or end is None:
        known = start_text if start else end_text
        return {"literal": f"{known}–" if start else f"–{known}"}
    date: dict = {"date-parts": [start[0], end[0]]}
    if start[1] or end[1]:
        date["circa"] = True
    if start[2]:
        date["season"] = start[2]
    return date


def month_number(month: str) -> int | None:
    """`6`, `06`, `jun`, `June`, `Jun.` → 6; anything else None."""
    text = month.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    if text[:3] in MONTH_MACROS and (
        len(text) == 3 or text in MONTH_NAMES.split() or len(text) == 4
    ):
        return MONTH_MACROS.index(text[:3]) + 1
    return None


def year_month_day(year: str, month: str = "", day: str = "") -> dict | None:
    """BibTeX's `year` (maybe `1998--2001` or `forthcoming`), `month` and `day`."""
    year = year.strip()
    if not year:
        return None
    span = re.fullmatch(r"(\d{1,4})\s*(?:-+|–|—|/)\s*(\d{1,4})", year)
    if span:
        return {"date-parts": [[int(span[1])], [int(span[2])]]}
    if not re.fullmatch(r"\d{1,4}", year) or int(year) == 0:
        return edtf_date(year) if _DATE.fullmatch(year) else {"literal": year}
    parts = [int(year)]
    number = month_number(month) if month else None
    if number:
        parts.append(number)
        if day.strip().isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}
