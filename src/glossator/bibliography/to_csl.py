"""One BibTeX or BibLaTeX entry as a CSL-JSON item: the mapping of docs/bibliography.md.

Fields arrive decoded (read.py): Unicode, rich-text tags for `\\emph{}` and kin, and
the braces that protect case, which become CSL's `<span class="nocase">` in every
field a style may set in title case (titles, publishers, places, genres, notes: `prose`)
and are dropped from numbers and identifiers, where a span would stop a style reading
them as numbers. BibLaTeX names win over their BibTeX twins (`date` over
`year`, `journaltitle` over `journal`, `address` and `location` alike), and the
mapping follows Pandoc's where nothing argues against it, so a `.bib` file reads the
same in glossator as in `pandoc --citeproc`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from glossator.bibliography.csl_tables import (
    CHAPTERS,
    EDITOR_ROLES,
    EPRINT_URLS,
    GENRE_KEYS,
    IN_SERIES,
    LANGUAGES,
    NAME_FIELDS,
    PERIODICAL,
    PLAIN,
    PROSE,
    SUBTYPES,
    TYPE_GENRES,
    TYPES,
)
from glossator.bibliography.dates import edtf_date, year_month_day
from glossator.bibliography.names import OTHERS, parse_names, split_names
from glossator.bibliography.sentence_case import sentence_case

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_URL_MACRO = re.compile(r"^\\(?:url|href)\{([^{}]*)\}(?:\{[^{}]*\})?$")
_APOSTROPHE = re.compile(r"(?<=\w)'|(?<!\w)'(?=\d)")  # D’Arcus, UIST ’15
_IDENTIFIERS = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"})
_SPACES = re.compile(r"[ \t\r\n]+")  # not U+00A0: `~` is a space that must not break
_RANGE_DASH = re.compile(r"\s*(?:-+|–|—)\s*")
_DATES = (("", "issued"), ("url", "accessed"), ("orig", "original-date"), ("event", "event-date"))
_LANGID_VARIANTS = {"british": "en-GB", "uk": "en-GB", "australian": "en-AU"}
_LANGID_VARIANTS |= {"newzealand": "en-NZ", "american": "en-US", "us": "en-US"}


def unbrace(value: str) -> str:
    """A value with its case-protecting braces dropped (where CSL has no use for them)."""
    return _SPACES.sub(" ", value.replace("{", "").replace("}", "")).strip()


def rich_title(value: str) -> str:
    """Braces that protect case → CSL's nocase span; inner braces just dropped."""
    out, depth = [], 0
    for ch in value:
        if ch == "{":
            if depth == 0:
                out.append('<span class="nocase">')
            depth += 1
        elif ch == "}":
            if depth == 1:
                out.append("</span>")
            depth = max(depth - 1, 0)
        else:
            out.append(ch)
    out.extend("</span>" for _ in range(min(depth, 1)))
    return "".join(out).replace('<span class="nocase"></span>', "")


def _joined(parts: list[str | None], sep: str) -> str:
    """Parts joined as Pandoc joins title parts: no separator after "!?.,:;"."""
    out = ""
    for part in filter(None, parts):
        if not out:
            out = part
        elif unbrace(out)[-1:] in "!?.,:;":
            out += " " + part
        else:
            out += sep + " " + part
    return out


def _title(f: Mapping[str, str], prefix: str) -> str:
    """`title` with its `subtitle` ("Title: Subtitle") and `titleaddon` ("…. Addon")."""
    main = _joined([f.get(prefix + "title"), f.get(prefix + "subtitle")], ":")
    return _joined([main, f.get(prefix + "titleaddon")], ".") if main else ""


def csl_type(entry_type: str, fields: Mapping[str, str]) -> str:
    """The CSL type of an entry type, refined by `entrysubtype` (newspaper, magazine)."""
    entry_type = entry_type.lower()
    subtype = unbrace(fields.get("entrysubtype", "")).lower()
    if entry_type == "unpublished" and any(
        fields.get(f) for f in ("eventdate", "eventtitle", "venue")
    ):
        return "speech"
    return SUBTYPES.get((entry_type, subtype)) or TYPES.get(entry_type, "document")


def _names(item: dict, f: Mapping[str, str]) -> None:
    for field, variable in NAME_FIELDS.items():
        if f.get(field):
            item[variable] = parse_names(f[field])
    for field in ("editor", "editora", "editorb", "editorc"):
        if f.get(field):
            role = EDITOR_ROLES.get(unbrace(f.get(field + "type", "")).lower(), "editor")
            known = item.setdefault(role, [])
            known += [n for n in parse_names(f[field]) if n not in known]
            if OTHERS in known:  # a list cut short stays cut short at its end
                known.remove(OTHERS)
                known.append(dict(OTHERS))
    for variable in [v for v, names in item.items() if isinstance(names, list) and not names]:
        del item[variable]


def _titles(item: dict, f: Mapping[str, str], entry_type: str, sentence: bool) -> None:
    """Titles as Pandoc places them: a volume of a multi-volume work is titled by the
    whole (`maintitle`) with its own title as `volume-title`; a chapter's container is
    the whole, or its book; a periodical issue's container is the periodical. With
    `sentence`, an English entry's titles, not its periodical's, in sentence case."""
    chapter, main = entry_type in CHAPTERS, bool(f.get("maintitle"))
    language = _language(f)
    english = sentence and (not language or language.startswith("en"))
    cased = sentence_case if english else str
    book = False  # whether the container is a book's title (cased), not a periodical's
    if entry_type == "periodical":
        title, container = _title(f, "issue"), _title(f, "")
    elif main and not chapter:
        title, container = _title(f, "main"), _title(f, "journal") or f.get("journal", "")
        item["volume-title"] = rich_title(cased(_title(f, "")))
    else:
        title = _title(f, "")
        if chapter:
            container, book = _title(f, "main") or _title(f, "book"), True
            if main and f.get("booktitle"):
                item["volume-title"] = rich_title(cased(_title(f, "book")))
        else:
            container = _title(f, "journal") or f.get("journal", "")
    if title:
        item["title"] = rich_title(cased(title))
    if container:
        item["container-title"] = rich_title(cased(container) if book else container)
    short_journal = f.get("shortjournal") or (
        f.get("shorttitle") if entry_type == "periodical" and not main else ""
    )
    if short_journal:
        item["container-title-short"] = rich_title(short_journal)
    if f.get("series"):
        item["collection-title"] = rich_title(f["series"])
    short = f.get("shorttitle") if (not main or chapter) and entry_type != "periodical" else ""
    if not short and f.get("title") and not main and entry_type != "periodical":
        has_more = f.get("subtitle") or f.get("titleaddon")
        short = f["title"] if has_more else f["title"].split(":")[0] if ":" in f["title"] else ""
    if short and rich_title(cased(short)) != item.get("title"):
        item["title-short"] = rich_title(cased(short.strip()))


def _numbers(item: dict, f: Mapping[str, str], entry_type: str) -> None:
    volume = ".".join(unbrace(f[k]) for k in ("volume", "part") if f.get(k))
    if volume:
        item["volume"] = volume
    number = unbrace(f.get("number", ""))
    if number and entry_type in IN_SERIES:
        item["collection-number"] = number
    elif entry_type in PERIODICAL and (number or f.get("issue")):
        item["issue"] = _joined([number, unbrace(f.get("issue", ""))], ",")
    elif number:
        item["number"] = number
    pages = f.get("pages") or f.get("eid")
    if pages:
        item["page"] = _RANGE_DASH.sub("–", unbrace(pages))


def prose(value: str) -> str:
    """A field a style may set in title case (a publisher, a place, a genre): its
    protected parts as nocase spans, so that "{Les émotions au Moyen Âge}" stays as
    written where the style title-cases the rest; spacing as `unbrace` gives it."""
    return rich_title(_SPACES.sub(" ", value).strip())


def _plain_list(value: str) -> str:
    """A BibLaTeX literal list (`A and B`) as "A; B", as biblatex prints it, its braces
    still in for `prose` to read."""
    return "; ".join(n for n in split_names(value) if n.lower() != "others")


def _list(value: str) -> str:
    return prose(_plain_list(value))


def _publisher(item: dict, f: Mapping[str, str], entry_type: str) -> None:
    fields = ("school", "institution", "organization", "howpublished", "publisher")
    names = [f[k] if k == "howpublished" else _plain_list(f[k]) for k in fields if f.get(k)]
    if names:
        item["publisher"] = prose(_joined(names, ";"))
    place = f.get("address") or (f.get("location") if entry_type != "patent" else "")
    if place:
        item["publisher-place"] = _list(place)
    if entry_type == "patent" and f.get("location"):
        item["jurisdiction"] = _list(f["location"])


def _dates(item: dict, f: Mapping[str, str]) -> None:
    """`date` (EDTF), else `year`/`month`/`day`; the same for `url…`, `orig…`, `event…`."""
    for prefix, variable in _DATES:
        date = edtf_date(unbrace(f[prefix + "date"])) if f.get(prefix + "date") else None
        if date is None and f.get(prefix + "year"):
            year = unbrace(f[prefix + "year"])
            date = year_month_day(year, f.get(prefix + "month", ""), f.get(prefix + "day", ""))
        if date:
            item[variable] = date


def _links(item: dict, f: Mapping[str, str]) -> None:
    doi = _DOI_PREFIX.sub("", unbrace(f.get("doi", "")))
    if doi:
        item["DOI"] = doi
    url = f.get("url", "").strip()
    macro = _URL_MACRO.match(url)
    url = macro[1] if macro else url
    eprint = f.get("eprint", "").strip()
    kind = unbrace(f.get("eprinttype") or f.get("archiveprefix", "")).lower()
    if not url and eprint and kind in EPRINT_URLS:
        url = EPRINT_URLS[kind].format(eprint)
    if url:
        item["URL"] = url


def _language(f: Mapping[str, str]) -> str:
    langid = unbrace(f.get("langid") or f.get("hyphenation", "")).lower()
    if langid == "english":
        options = unbrace(f.get("langidopts", "")).lower().replace(" ", "")
        variant = options.removeprefix("variant=")
        return _LANGID_VARIANTS.get(variant, "en-US")
    if langid:
        return LANGUAGES.get(langid, langid)
    language = unbrace(f.get("language", "")).lower()
    return LANGUAGES.get(language, "")  # `language` is printed text; only a known name


def entry_to_csl(
    key: str, entry_type: str, fields: Mapping[str, str], sentence: bool = True
) -> dict:
    """The CSL-JSON item of one entry (fields as read.py gives them). `sentence`: its
    English titles in sentence case, as Pandoc reads a `.bib` file (`sentence_case`);
    False for fields that are no BibTeX author's, whose proper nouns are not braced."""
    f = {k.lower(): v.strip() for k, v in fields.items() if v and v.strip()}
    entry_type = entry_type.lower()
    item: dict = {"id": key, "type": csl_type(entry_type, f)}
    _names(item, f)
    _titles(item, f, entry_type, sentence)
    for field, variable in PLAIN.items():
        if f.get(field) and variable not in item:
            item[variable] = unbrace(f[field])
    for field, variable in PROSE.items():
        if f.get(field) and variable not in item:
            item[variable] = prose(f[field])
    _numbers(item, f, entry_type)
    _publisher(item, f, entry_type)
    _dates(item, f)
    _links(item, f)
    genre = GENRE_KEYS.get(unbrace(f.get("type", "")).lower()) or prose(f.get("type", ""))
    genre = genre or TYPE_GENRES.get(entry_type, "")
    if genre:
        item["genre"] = genre
    if entry_type != "periodical":
        note = _joined([f.get("note"), f.get("addendum")], ".")
        if note:
            item["note"] = prose(note)
    language = _language(f)
    if language:
        item["language"] = language
    return _apostrophes(item)


def _apostrophes(item: dict) -> dict:
    """A straight `'` after a letter is an apostrophe (’), as Pandoc's smart punctuation
    reads it: "D’Arcus", "Yemen’s". Identifiers are left alone."""
    for variable, value in item.items():
        if variable in _IDENTIFIERS:
            continue
        if isinstance(value, str):
            item[variable] = _APOSTROPHE.sub("’", value)
        elif isinstance(value, list):
            item[variable] = [
                {k: _APOSTROPHE.sub("’", v) for k, v in name.items()} for name in value
            ]
    return item
