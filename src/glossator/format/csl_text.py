"""Text rules of the formatting stage: font markers, names, page ranges, title case.

Kept apart from the engine so that the corrected citeproc elements and the engine
share them without importing each other. Font styles travel through citeproc as
private-use marker characters and become HTML only in `finish`, after escaping.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from citeproc.string import MixedString, NoCase, String

CSL_NS = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class FormattedEntry:
    """One formatted citation: plain `text`, and `html` (escaped, with <i> etc.)."""

    text: str
    html: str


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
    words, spaced = _words(caseable(text))
    out = []
    for i, w in enumerate(words):
        word, bare = str(w), str(w).strip("\"'“”‘’()[],;:.!?").lower()
        ends = i in (0, len(words) - 1) or _BREAK.search(str(words[i - 1])) or _BREAK.search(word)
        if isinstance(w, NoCase) or (i and not spaced[i]):
            pass  # protected, or the rest of a word that began protected ("{UN}s")
        elif bare in STOP_WORDS and not ends and word[1:].islower():
            word = word.lower()
        elif word.islower() and (ends or bare not in STOP_WORDS):
            word = re.sub(r"^\W*\w", lambda m: m[0].upper(), word)  # "'influence'"
        out.append((" " if spaced[i] and out else "") + word)
    return String("".join(out))


def _words(text) -> tuple[list, list[bool]]:
    """The words of a (mixed) string with their kind kept (NoCase stays NoCase), and
    whether a space comes before each: `{NATO},` is one word and a comma, not two."""
    words, spaced, space = [], [], False
    for part in text if isinstance(text, MixedString) else [text]:
        string = str(part)
        for m in re.finditer(r"\S+", string):
            words.append(part.__class__(m[0]))
            spaced.append(space or m.start() > 0)
            space = False
        space = space or string[-1:].isspace() or not string.strip()
    return words, spaced


NUMERIC = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def clean(value):
    """Drop private-use characters from input, which the output would read as markers."""
    if isinstance(value, str):
        return PRIVATE_USE.sub("", value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


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
