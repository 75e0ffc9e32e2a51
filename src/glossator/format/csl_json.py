"""Works as CSL-JSON, formatted in any CSL style, and the order of a Chicago bibliography.

CSL-JSON is what Zotero and Pandoc read, so `_site/api/sources.csl.json` lets readers
reuse the corpus' sources; it is also what `format.py` hands to citeproc-py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from glossator.notes.names import fold

# The parser's kinds; other works fall back on their BibTeX entry type.
KIND_TYPES = {
    "journal-article": "article-journal",
    "book": "book",
    "newspaper-article": "article-newspaper",
    "magazine-article": "article-magazine",
    "news-agency": "article-newspaper",
    "speech": "speech",
    "government-document": "report",
    "legislation": "legislation",
    "web-page": "webpage",
    "un-resolution": "document",
    "un-draft-resolution": "document",
    "un-press-release": "document",
    "un-document": "document",
}
ENTRY_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "unpublished": "manuscript",
    "proceedings": "book",
}
# BibTeX fields copied unchanged to a CSL variable.
DIRECT = {
    "title": "title",
    "volume": "volume",
    "edition": "edition",
    "series": "collection-title",
    "chapter": "chapter-number",
    "isbn": "ISBN",
    "issn": "ISSN",
    "doi": "DOI",
    "url": "URL",
    "abstract": "abstract",
    "language": "language",
    "shorttitle": "title-short",
}
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}  # noqa: SIM905
ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.I)


def to_csl_json(
    key: str, entry_type: str, kind: str, fields: Mapping[str, str] | Iterable[tuple[str, str]]
) -> dict:
    """A CSL-JSON item for one work (`fields` as BibTeX names, or the parser's pairs)."""
    f = {k: _untex(v) for k, v in dict(fields).items() if v and v.strip()}
    csl_type = _csl_type(entry_type, kind, f)
    item: dict = {"id": key, "type": csl_type}
    for role in ("author", "editor"):
        if f.get(role):
            item[role] = parse_names(f[role])
    for field, var in DIRECT.items():
        if field in f:
            item[var] = _text(f[field]) if var.startswith("title") else _unbrace(f[field])
    if "DOI" in item:
        item["DOI"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", item["DOI"], flags=re.I)
    container = f.get("journal") or f.get("booktitle")
    if csl_type == "webpage" and not container:
        container = f.get("organization")  # the site: "The Brookings Institution"
    if container:
        item["container-title"] = _text(container)
    if "number" in f:
        serial = csl_type.startswith("article") or csl_type == "paper-conference"
        item["issue" if serial else "number"] = f["number"]
    if "un_symbol" in f:
        item["number"] = f["un_symbol"]
    if "pages" in f:
        item["page"] = re.sub(r"\s*(?:-+|–|—)\s*", "–", f["pages"])
    publisher = f.get("publisher") or f.get("institution") or f.get("school")
    if not publisher and csl_type not in ("webpage", "legislation", "bill"):
        publisher = f.get("organization")
    if not publisher and kind.startswith("un-") and not ("un_symbol" in f or "url" in f):
        # Styles leave a document with no publisher, symbol or URL out of a bibliography;
        # the United Nations issued it, so say so rather than lose the entry.
        publisher = "United Nations"
    if publisher:
        item["publisher"] = publisher
    if "address" in f:
        item["publisher-place"] = f["address"]
        if csl_type == "speech":  # where it was given; styles print one or the other
            item["event-place"] = f["address"]
    genre = f.get("type") or f.get("howpublished")
    if genre and re.match(r"(?:\\url\{)?https?://", genre):
        item.setdefault("URL", re.sub(r"^\\url\{|\}$", "", genre))
    elif genre:
        item["genre"] = genre
    issued = _date(f.get("year"), f.get("month"), f.get("day"))
    if issued:
        item["issued"] = issued
    accessed = _iso_date(f.get("urldate", ""))
    if accessed:
        item["accessed"] = accessed
    designation = " ".join(filter(None, (item.get("genre"), item.get("number"))))
    if designation and fold(item.get("title", "")) == fold(designation):
        del item["title"]  # "Press Release SC/6659" is the genre and number, not a title
    if csl_type in ("legislation", "bill"):
        _legislative(item, f)
    elif f.get("note"):
        item["note"] = f["note"]
    for var in ("publisher", "publisher-place", "event-place", "genre", "number", "issue"):
        if var in item:
            item[var] = _unbrace(item[var])
    return item


def _csl_type(entry_type: str, kind: str, f: dict[str, str]) -> str:
    if kind == "book" and (f.get("booktitle") or entry_type in ("incollection", "inbook")):
        return "chapter"
    if kind == "legislation" and re.match(
        r"(?:H\.\s*R|S|H\.\s*Res|S\.\s*Res)\.\s*\d", f.get("number", "")
    ):
        return "bill"
    return KIND_TYPES.get(kind) or ENTRY_TYPES.get(entry_type.lower(), "document")


def _legislative(item: dict, f: dict[str, str]) -> None:
    """Bills: "S. 284", session in `chapter-number` ("114th Cong."), as Bluebook writes."""
    if "number" in item:
        item["number"] = re.sub(
            r"^((?:H\.\s*R|S|H\.\s*Res|S\.\s*Res)\.)\s*", r"\1 ", item["number"]
        )
    if f.get("note"):
        session = re.sub(r"\bCongress\b", "Cong.", f["note"])
        item["chapter-number"] = re.sub(r"\bSession\b", "Sess.", session)


def _untex(value: str) -> str:
    """Trimmed, with BibTeX's escaped specials (\\& \\% \\$ \\# \\_) as plain characters."""
    return re.sub(r"\\([&%$#_])", r"\1", value.strip())


def _unbrace(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def _text(value: str) -> str:
    """BibTeX braces protect case; CSL-JSON says so with a nocase span."""
    return _unbrace(re.sub(r"\{([^{}]*)\}", r'<span class="nocase">\1</span>', value))


def split_names(field: str) -> list[str]:
    """Split a BibTeX name list on " and " outside braces."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(field):
        depth += (ch == "{") - (ch == "}")
        if depth == 0 and field[i : i + 5].lower() == " and ":
            names.append(field[start:i])
            start = i + 5
    names.append(field[start:])
    return [n.strip() for n in names if n.strip()]


def parse_names(field: str) -> list[dict[str, str]]:
    """BibTeX names → CSL names; a braced name is corporate ({"literal": ...})."""
    out = []
    for name in split_names(field):
        if name.lower() == "others":
            continue
        if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
            out.append({"literal": name[1:-1].strip()})
            continue
        name = name.replace("{", "").replace("}", "")
        parts = [p.strip() for p in name.split(",")]
        if len(parts) == 1:
            words = parts[0].split()
            i = len(words) - 1
            while i > 0 and words[i - 1][:1].islower():
                i -= 1
            family, given, suffix = " ".join(words[i:]), " ".join(words[:i]), ""
        else:
            family, given = parts[0], parts[-1]
            suffix = parts[1] if len(parts) > 2 else ""
        person = _split_particle(family)
        if given:
            person["given"] = given
        if suffix:
            person["suffix"] = suffix
        out.append(person)
    return out


def _split_particle(family: str) -> dict[str, str]:
    words = family.split()
    i = 0
    while i < len(words) - 1 and words[i][:1].islower():
        i += 1
    if i == 0:
        return {"family": family}
    return {"non-dropping-particle": " ".join(words[:i]), "family": " ".join(words[i:])}


def _date(year: str | None, month: str | None, day: str | None) -> dict | None:
    if not year:
        return None
    years = re.fullmatch(r"(\d{1,4})(?:\s*(?:-+|–|/)\s*(\d{1,4}))?", year)
    if not years:
        return {"literal": year}
    if years[2]:
        return {"date-parts": [[int(years[1])], [int(years[2])]]}
    parts = [int(year)]
    m = month.strip().lower()[:3] if month else ""
    m_num = int(m) if m.isdigit() else MONTHS.get(m)
    if m_num and 1 <= m_num <= 12:
        parts.append(m_num)
        if day and day.strip().isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def _iso_date(text: str) -> dict | None:
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def _name_key(name: dict) -> tuple[str, str]:
    if "literal" in name:
        return fold(ARTICLES.sub("", name["literal"])), ""
    family = " ".join(filter(None, (name.get("non-dropping-particle"), name.get("family"))))
    return fold(family), fold(name.get("given", ""))


def _unsorted(text: str) -> str:
    return fold(ARTICLES.sub("", re.sub(r"^\W+", "", text)))


def sort_key_chicago(item: dict) -> tuple:
    """Chicago bibliography order: first author (family, given) or corporate name; for
    an unsigned periodical article or web page the periodical or site, which the entry
    begins with (CMOS 14.207); else the title. A leading "The/A/An" is ignored. Then
    year, then title."""
    title = _unsorted(item.get("title", ""))
    names = item.get("author") or item.get("editor") or []
    periodical = item.get("type") in ("article-newspaper", "article-magazine", "webpage")
    if names:
        family, given = _name_key(names[0])
    elif periodical and item.get("container-title"):
        family, given = _unsorted(item["container-title"]), ""
    else:
        family, given = title, ""
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") or [[]]
    year = parts[0][0] if parts and parts[0] else 9999  # undated works after dated ones
    return (family, given, int(year), title)
