"""Values of front-matter fields as Pandoc and Quarto write them: authors (a name, names,
or objects with affiliation, ORCID, email, URL), dates (ISO or as a person writes one),
lists given as one string, `nocite` keys, and anything else made JSON-safe.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from glossator.model import Author
from glossator.yamlmap import as_text

# ASCII digits only: `\d` would take Arabic-Indic or full-width digits, which no feed
# or metadata reader understands as a date.
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)  # fullmatch
ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}", re.ASCII)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"([A-Za-z]+)\.?"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "March 21, 2021", "21 March 2021", "March 2021"
FREE_DATES = [
    (re.compile(rf"^{MONTH}\s+{DAY},?\s+(\d{{4}})$", re.ASCII), ("month", "day", "year")),
    (re.compile(rf"^{DAY}\s+{MONTH},?\s+(\d{{4}})$", re.ASCII), ("day", "month", "year")),
    (re.compile(rf"^{MONTH},?\s+(\d{{4}})$", re.ASCII), ("month", "year")),
]
NOCITE_KEY = re.compile(r"@(\{[^}]*\}|\*|[\w][\w:.#$%&+?<>~/-]*)")


class DateError(ValueError):
    """An ISO date that is not on the calendar (2020-02-30): an error, not a guess."""


def iso_date(text: str) -> str:
    """`text` checked as an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) that exists; raises
    DateError for an impossible one, ValueError for another shape."""
    match = ISO_DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    parts = [int(p) for p in match.groups() if p is not None]
    try:
        dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError as exc:
        raise DateError(text) from exc
    return text


def parse_date(text: str) -> str | None:
    """The ISO form of a date as written; None when it cannot be read. Raises DateError
    for an ISO-shaped date that does not exist."""
    text = " ".join(text.split())
    if ISO_DATE.fullmatch(text):
        return iso_date(text)
    if match := ISO_DATETIME.match(text):
        return iso_date(match.group(1))
    for pattern, names in FREE_DATES:
        match = pattern.match(text)
        if match is None:
            continue
        parts = dict(zip(names, match.groups(), strict=True))
        month = MONTHS.get(parts["month"].lower())
        if month is None:
            return None
        year = int(parts["year"])
        if "day" not in parts:
            return f"{year:04d}-{month:02d}"
        try:
            return dt.date(year, month, int(parts["day"])).isoformat()
        except ValueError:
            return None
    return None


def _name(value: Any) -> str | None:
    """A name: text, or Quarto's `{given, family}` / `{literal}`."""
    if isinstance(value, dict):
        if value.get("literal") is not None:
            return as_text(value["literal"])
        parts = [as_text(value.get(k)) for k in ("given", "dropping-particle", "family")]
        joined = " ".join(p for p in parts if p)
        return joined or None
    return as_text(value)


def _affiliation(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _name(item.get("name")) if isinstance(item, dict) else as_text(item)
        if name:
            names.append(name)
    return "; ".join(names)


def authors(value: Any) -> list[Author] | None:
    """Pandoc and Quarto accept a name, a list of names, or a list of objects with a
    `name` (and affiliation, ORCID, email, URL); None when it is none of these."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, dict):
            name = _name(item.get("name"))
            if name is None:
                return None
            found.append(
                Author(
                    name=name,
                    affiliation=_affiliation(item.get("affiliation", item.get("affiliations"))),
                    orcid=as_text(item.get("orcid")) or "",
                    email=as_text(item.get("email")) or "",
                    url=as_text(item.get("url")) or "",
                )
            )
            continue
        text = as_text(item)
        if text is None:
            return None
        found.append(Author(name=text))
    return found


def text_list(value: Any, separator: str | None = ",") -> list[str] | None:
    """A list of texts, or one text (split at `separator` when given); None otherwise."""
    if value is None:
        return []
    if isinstance(value, list):
        texts = [as_text(v) for v in value]
        return None if any(t is None for t in texts) else texts  # type: ignore[return-value]
    text = as_text(value)
    if text is None:
        return None
    parts = text.split(separator) if separator else [text]
    return [p.strip() for p in parts if p.strip()]


def nocite(value: Any) -> list[str] | None:
    """The keys of `nocite` (`@a, @b`, a list of `@key`, or `@*` for all), without `@`."""
    texts = text_list(value, separator=None)
    if texts is None:
        return None
    keys = []
    for text in texts:
        found = [m.group(1) for m in NOCITE_KEY.finditer(text)]
        if not found:
            return None  # "nocite: 1", "@": no key at all, a mistake to report
        keys += [key[1:-1] if key.startswith("{") else key.rstrip(".:") for key in found]
    return keys


# An ORCID iD (with or without its https://orcid.org/ prefix) and an e-mail address as
# their own specifications shape them; a URL must be http(s) with a host.
ORCID = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.ASCII)
EMAIL = re.compile(r"[^@\s\"'<>()\[\],;:]+@[^@\s\"'<>()\[\],;:]+\.[A-Za-z]{2,}")


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 11,2, the check digit every ORCID iD ends with."""
    digits = orcid.replace("-", "")
    total = 0
    for d in digits[:-1]:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def author_detail_problems(author: Author) -> tuple[Author, list[str]]:
    """The author with its ORCID, e-mail and URL kept only when they are what they say,
    and what was wrong with each one dropped (they become links on the page)."""
    problems = []
    orcid, email, url = author.orcid, author.email, author.url
    if orcid:
        m = ORCID.fullmatch(orcid.strip())
        if m and orcid_checksum_ok(m.group(1)):
            orcid = m.group(1)
        else:
            problems.append(f"`orcid` {orcid!r} is not an ORCID iD such as 0000-0002-1825-0097")
            orcid = ""
    if email and not EMAIL.fullmatch(email.strip()):
        problems.append(f"`email` {email!r} is not an e-mail address")
        email = ""
    if url and not re.fullmatch(r"https?://[^\s/?#\\]+[^\s]*", url.strip(), re.ASCII | re.I):
        problems.append(f"`url` {url!r} is not an http(s) address")
        url = ""
    if not problems:
        return author, []
    return Author(author.name, author.affiliation, orcid, email.strip(), url.strip()), problems


def json_safe(value: Any) -> Any:
    """YAML values as JSON has them: mappings with text keys, lists, scalars; a date or
    anything else becomes its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return str(value)
