"""Works as CSL-JSON, formatted in any CSL style, and the order of a Chicago bibliography.

CSL-JSON is what Zotero and Pandoc read, so `_site/api/sources.csl.json` lets readers
reuse the corpus' sources; it is also what `format.py` hands to citeproc-py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from glossator.bibliography import entry_to_csl, prose
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
    "legal-case": "legal_case",
    "treaty": "treaty",
    "archival": "manuscript",
}
# "347 U.S. 483", "78 U.N.T.S. 277", "1963 E.C.R. 1": volume, reporter or series, page
_REPORTER = re.compile(r"^(?P<volume>\d+)\s+(?P<series>\S.*?)\s+(?P<page>\d+)$")
ARTICLES = re.compile(r"^(?:the|a|an)\s+", re.I)


def to_csl_json(
    key: str,
    entry_type: str,
    kind: str,
    fields: Mapping[str, str] | Iterable[tuple[str, str]],
    curated: bool = False,
) -> dict:
    """A CSL-JSON item for one work (`fields` as BibTeX names, or the parser's pairs).

    The BibTeX/BibLaTeX mapping is the bibliography stage's (`entry_to_csl`), a
    `curated` work's titles (a `.bib` file's) in sentence case as Pandoc makes them;
    a work read from a note keeps its title as written. On top of it, what the note
    parser knows: its kind of work, UN documents, bills, speeches, a web page's site."""
    f = {k: _untex(v) for k, v in dict(fields).items() if v and v.strip()}
    # The parser writes its genre ("Press release") as `howpublished`; in a .bib file it
    # is how the work was published, which Pandoc and the mapping read as its publisher.
    published = f.pop("howpublished", "") if kind in KIND_TYPES else ""
    # ... except for a case or treaty (its reporter or series) and an archival item (its
    # collection), which CSL has variables of their own for
    genre = "" if kind in ("legal-case", "treaty", "archival") else published
    item = entry_to_csl(key, entry_type, f, curated)
    csl_type = item["type"] = _csl_type(entry_type, kind, f, item["type"])
    if csl_type == "webpage" and "container-title" not in item and f.get("organization"):
        item["container-title"] = prose(f["organization"])  # the site: "The Brookings…"
        without = {k: v for k, v in f.items() if k != "organization"}
        item.pop("publisher", None)
        item.update(
            {
                k: v
                for k, v in entry_to_csl(key, entry_type, without, curated).items()
                if k == "publisher"
            }
        )
    if csl_type in ("legislation", "bill") and f.get("organization"):
        item.pop("publisher", None)
    if "un_symbol" in f:
        item["number"] = f["un_symbol"]
    if "publisher" not in item and kind.startswith("un-") and not ("un_symbol" in f or "url" in f):
        # Styles leave a document with no publisher, symbol or URL out of a bibliography;
        # the United Nations issued it, so say so rather than lose the entry.
        item["publisher"] = "United Nations"
    if "publisher-place" in item and csl_type == "speech":
        item["event-place"] = item["publisher-place"]  # where it was given
    genre = f.get("type") or genre
    if genre and re.match(r"(?:\\url\{)?https?://", genre):
        item.setdefault("URL", re.sub(r"^\\url\{|\}$", "", genre))
    elif genre and "genre" not in item:
        item["genre"] = prose(genre)
    if "number" in item and csl_type in (
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "paper-conference",
    ):
        item["issue"] = item.pop("number")
    designation = " ".join(filter(None, (item.get("genre"), item.get("number"))))
    if designation and fold(item.get("title", "")) == fold(designation):
        del item["title"]  # "Press Release SC/6659" is the genre and number, not a title
    if csl_type in ("legislation", "bill"):
        item.pop("note", None)
        _legislative(item, f)
    if kind in ("legal-case", "treaty"):
        _reported(item, f, published)
    if kind == "archival":
        _archival(item, f, published)
    return item


def _reported(item: dict, f: dict[str, str], report: str) -> None:
    """A case or treaty as its reporter or treaty series cites it; the court as authority."""
    item.pop("publisher", None)
    if m := _REPORTER.match(report.replace("{", "").replace("}", "").strip()):
        item.update({"volume": m["volume"], "container-title": m["series"], "page": m["page"]})
    elif report:
        item["container-title"] = prose(report)
    if f.get("organization"):
        item["authority"] = prose(f["organization"])


def _archival(item: dict, f: dict[str, str], collection: str) -> None:
    """Item, collection, shelf mark and repository in CSL's archive variables."""
    item.pop("publisher", None)
    if collection:
        item["collection-title"] = prose(collection)
    if f.get("organization"):
        item["archive"] = prose(f["organization"])
    if f.get("note"):
        item["archive_location"] = item.pop("note")


def _csl_type(entry_type: str, kind: str, f: dict[str, str], own: str) -> str:
    if kind == "book" and (f.get("booktitle") or entry_type in ("incollection", "inbook")):
        return "chapter"
    if kind == "legislation" and re.match(
        r"(?:H\.\s*R|S|H\.\s*Res|S\.\s*Res)\.\s*\d", f.get("number", "")
    ):
        return "bill"
    return KIND_TYPES.get(kind) or own


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
