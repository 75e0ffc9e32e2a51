"""How to cite an essay of the corpus: Chicago (bibliography form), BibTeX and RIS.

Pure functions of the document's metadata and its URL. Nothing is invented: an essay
without authors starts with its title, one without a date has no year, and one
without a URL (no `base_url` in site.yaml) has no URL.
"""

from __future__ import annotations

import re

from glossator.bibliography import BibEntry, entry_to_bibtex
from glossator.model import Document

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")


def date_parts(date: str | None) -> tuple[str, str, str]:
    """`2016-12` -> ("2016", "12", ""): year, month and day as written, or empty."""
    parts = (date or "").split("-") + ["", "", ""]
    return parts[0], parts[1], parts[2]


def human_date(date: str | None) -> str:
    """`2016-12` -> "December 2016", `2016-12-05` -> "December 5, 2016" (Chicago)."""
    year, month, day = date_parts(date)
    if not month:
        return year
    name = MONTHS[int(month) - 1]
    return f"{name} {int(day)}, {year}" if day else f"{name} {year}"


def invert_name(name: str) -> str:
    """ "Ania Viver" -> "Viver, Ania"; a name with a comma or a single word stays."""
    if "," in name or " " not in name.strip():
        return name.strip()
    given, family = name.strip().rsplit(" ", 1)
    return f"{family}, {given}"


def _bibtex_name(name: str) -> str:
    """A name for BibTeX's author list, where a bare `and` separates two people: a name
    holding the word ("Society of Arts and Sciences", or "A and B" written as one author)
    is braced whole, so it stays one name, as a corporate name is."""
    if re.search(r"\band\b", name, re.IGNORECASE):
        return "{" + name.strip().replace("{", "").replace("}", "") + "}"
    return invert_name(name)


def _sentence(text: str) -> str:
    """End with a period unless the text already ends a sentence."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def chicago(doc: Document, url: str | None, site_title: str = "") -> str:
    """The essay's entry in a Chicago bibliography (17th ed., 14.206 for web content):
    an essay that names no publication is published by the corpus, so `site_title`
    stands as the website's name, and an essay without an author is more than a bare
    title and date."""
    meta = doc.meta
    parts = []
    authors = list(meta.authors)
    if authors:
        names = [invert_name(authors[0]), *authors[1:]]
        if len(names) == 1:
            joined = names[0]
        elif len(names) == 2:
            joined = f"{names[0]}, and {names[1]}"
        else:
            joined = ", ".join(names[:-1]) + f", and {names[-1]}"
        parts.append(_sentence(joined))
    title = meta.title.strip() or doc.slug
    closing = "" if title.endswith(("?", "!", ".")) else "."
    parts.append(f"“{title}{closing}”")
    publication = meta.publication or site_title.strip()
    where = ", ".join(p for p in (publication, human_date(meta.date)) if p)
    if where:
        parts.append(_sentence(where))
    if url:
        parts.append(url + ".")
    return " ".join(parts)


def bibtex(doc: Document, url: str | None) -> str:
    """A BibTeX entry keyed by the slug: @article for a paper in a journal, else @misc."""
    meta = doc.meta
    year, month, _ = date_parts(meta.date)
    fields = {
        "author": " and ".join(_bibtex_name(a) for a in meta.authors),
        "title": meta.title or doc.slug,
        "year": year,
        "month": str(int(month)) if month else "",
        "url": url or "",
    }
    entry_type = "misc"
    if meta.publication and doc.format != "web-text":
        entry_type = "article"
        fields["journal"] = meta.publication
    elif meta.publication:
        fields["howpublished"] = meta.publication
    return entry_to_bibtex(BibEntry(doc.slug, entry_type, fields))


def ris(doc: Document, url: str | None, newline: str = "\n") -> str:
    """An RIS record (the format EndNote, Zotero and Mendeley import)."""
    meta = doc.meta
    if doc.format == "web-text":
        kind = "BLOG" if meta.publication else "ELEC"
    else:
        kind = "JOUR" if meta.publication else "GEN"
    year, month, day = date_parts(meta.date)
    lines = [("TY", kind)]
    lines += [("AU", invert_name(a)) for a in meta.authors]
    lines.append(("TI", meta.title or doc.slug))
    if meta.publication:
        lines.append(("T2", meta.publication))
    if year:
        lines.append(("PY", year))
        lines.append(("DA", f"{year}/{month}/{day}/"))
    if url:
        lines.append(("UR", url))
    lines.append(("ER", ""))
    # "ER  - " keeps its trailing space: the tag line format is fixed.
    return "".join(f"{tag}  - {' '.join(value.split())}{newline}" for tag, value in lines)
