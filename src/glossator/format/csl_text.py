"""Text rules of the formatting stage: font markers, names, page ranges, title case.

Kept apart from the engine so that the corrected citeproc elements and the engine
share them without importing each other. Font styles travel through citeproc as
private-use marker characters and become HTML only in `finish`, after escaping.
"""

from __future__ import annotations

import html
import re
import unicodedata

from citeproc.string import MixedString, NoCase, String

from glossator.model.values import frozen_value

CSL_NS = "http://purl.org/net/xbiblio/csl"


@frozen_value
class FormattedEntry:
    """One formatted citation: plain `text`, and `html` (escaped, with <i> etc.).
    A frozen value (`model.values`): the cache holds tens of thousands."""

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
Q_OPEN, Q_CLOSE = "\ue012", "\ue013"  # a quotation, from the style or the input
NODECOR, NODECOR_END = "\ue014", "\ue015"  # input's `<span class="nodecor">`
QUOTES = ("“", "”", "‘", "’")  # outer open and close, inner open and close (en-US)
# The property an open marker sets, and what turns it off inside (flip-flop).
NORMAL = {
    OPEN["Italic"]: "font-style:normal",
    OPEN["Oblique"]: "font-style:normal",
    OPEN["Bold"]: "font-weight:normal",
    OPEN["SmallCaps"]: "font-variant:normal",
}


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
# Name particles written in lower case stay so in a title ("John von Doe", "Commentarii
# de Bello Gallico"), as citeproc-js and Pandoc keep them; not at a title's start. Those
# that are also English words ("a van", "ten days") are particles only before a
# capitalised word, a name ("Vincent van Gogh"), and are otherwise title-cased.
_PARTICLES = "da de del della der des di du von vom zu zum zur"
PARTICLES = frozenset(_PARTICLES.split())
ENGLISH_PARTICLES = frozenset({"van", "den", "ten"})
_BREAK = re.compile(r"[:?!—]$|(?<![.\s])(?<!\b\w)\.$")  # "Title:", "Ends." (not "U.S.")


def title_case(text) -> String:
    """CSL title case: lowercase words capitalised, stop words lowercased unless first
    or last in the title or subtitle; words with inner capitals left alone, and so
    is a nocase part. Each part of a hyphenated or slashed word is a word
    ("Out-of-Fashion", "Cat/Mouse"); the spacing is kept as written."""
    parts = caseable(text)
    parts = list(parts) if isinstance(parts, MixedString) else [parts]
    tokens = [(t, isinstance(p, NoCase)) for p in parts for t in re.split(r"(\s+)", str(p)) if t]
    words = [i for i, (t, _) in enumerate(tokens) if not t.isspace()]
    out = [t for t, _ in tokens]
    for n, i in enumerate(words):
        word, nocase = tokens[i]
        if nocase or (i and not tokens[i - 1][0].isspace()):
            continue  # protected, or the rest of a word that began protected ("{UN}s")
        bare = word.strip("\"'“”‘’()[],;:.!?").lower()
        previous = tokens[words[n - 1]][0] if n else ""
        ends = n in (0, len(words) - 1) or _BREAK.search(previous) or _BREAK.search(word)
        if bare in STOP_WORDS and not ends and word[1:].islower():
            out[i] = word.lower()
        elif word in PARTICLES and n:
            continue  # "von", "de" as written
        elif (
            word in ENGLISH_PARTICLES and n and n + 1 < len(words) and _named(tokens[words[n + 1]])
        ):
            continue  # "van" before "Gogh"
        elif word.islower() and (ends or bare not in STOP_WORDS):
            out[i] = _capitalise(word)
        elif re.search(r"\w[-/][^\W\d_]*[a-z]", word) and not re.search(r"[a-z][A-Z]", word):
            out[i] = _capitalise(word)  # "Out-of-fashion": each part is a word
    return String("".join(out))


def _named(token: tuple[str, bool]) -> bool:
    """Whether a word of a title starts with a capital, as a name does."""
    return token[0].lstrip("\"'“‘(")[:1].isupper()


def _capitalise(word: str) -> str:
    """ "'influence'" → "'Influence'"; "out-of-fashion" → "Out-of-Fashion"."""
    pieces = re.split(r"([-/])", word)
    for k in range(0, len(pieces), 2):
        if not pieces[k].islower():
            continue  # "Out", "UN" as written
        if k == 0 or pieces[k].lower() not in STOP_WORDS:
            pieces[k] = re.sub(r"^\W*\w", lambda m: m[0].upper(), pieces[k])
    return "".join(pieces)


NUMERIC = re.compile(r"[A-Za-z]*\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*")


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Names left out of a cite (Pandoc's `[-@key]`, a collapsed cite group) render as this
# private-use character, which no input holds (`clean` drops them); NO_AUTHOR cuts it
# out with the delimiter that follows it.
NO_AUTHOR_MARK = "\ue0ff"
NO_AUTHOR = re.compile(f"[\ue000-\ue015]*{NO_AUTHOR_MARK}[\ue000-\ue015]*[,.:;]?\\s*")
AUTHOR_MARK = "\ue0fe"  # where an author-in-text cite's names stood (`cites.author_in_text`)


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
_CLOSING = f"{QUOTE_START}[^{QUOTE_END}]*{QUOTE_END}[{_CLOSERS}]*"
_MOVABLE = re.compile(f"((?:{_CLOSING})+)([.,!?]+)")
_BETWEEN = f"[{_CLOSERS}{QUOTE_START}{QUOTE_END}”’]*"
_PAIR = re.compile(f"([.,;:!?])({_BETWEEN})([.,;:!?])")
_DOUBLED = re.compile(f"(?<!\\.)([.?!])([{_CLOSERS}{QUOTE_START}{QUOTE_END}”’]*)\\.(?!\\.)")
_MARKERS = re.compile("[\ue000-\ue00f\ue014\ue015]")


def finish(text: str, quotes: tuple[str, ...] = QUOTES, piq: bool = True) -> FormattedEntry:
    """Give quotations the locale's marks (single inside double), put periods and
    commas inside closing quotes where the locale says so (`piq`), drop a period after
    "?" or ".", and make the plain text and the escaped HTML from the marked-up text."""

    def move(match: re.Match) -> str:
        closing, marks = match.groups()
        before = PRIVATE_USE.sub("", text[: match.start()])
        if marks[0] == "." and before.endswith(("?", "!", ".")):
            marks = marks[1:]  # "Why?”" takes no period
        return marks + closing

    text = _quote_marks(text, quotes, piq)
    text = _collapsed(text)  # first, so that "”:!" moves in as "!”"
    text = _MOVABLE.sub(move, text)
    text = _DOUBLED.sub(r"\1\2", text)  # "<i>Why?</i>." → "<i>Why?</i>"
    text = _collapsed(text)
    text = text.replace(QUOTE_START, "").replace(QUOTE_END, "")
    text = unicodedata.normalize("NFC", re.sub(r"[ \t]{2,}", " ", text).strip())
    markup = _html(html.escape(text, quote=False))
    return FormattedEntry(PRIVATE_USE.sub("", text), PRIVATE_USE.sub("", markup))


def _collapsed(text: str) -> str:
    """Punctuation that meets joined until none is left to join ("::?" → "?")."""
    joined = _PAIR.sub(_collapse, text)
    while joined != text:
        text, joined = joined, _PAIR.sub(_collapse, joined)
    return joined


def _collapse(match: re.Match) -> str:
    """Two marks of punctuation that meet, as CSL processors join them: one of two
    alike; a colon or period after ";", ":", "!" or "?" dropped; "!" or "?" in place of
    a colon or semicolon before it ("colon!"); other pairs kept ("etc.:", "ibid.,")."""
    first, between, second = match.groups()
    text = match.string
    if first == second == "." and "..." in text[max(0, match.start() - 2) : match.end() + 2]:
        return match[0]  # an ellipsis typed as three periods
    if first == second or (second in ":." and first in ":;!?"):
        return first + between
    if second in "!?" and first in ":;":
        return between + second
    return match[0]


def _quote_marks(text: str, quotes: tuple[str, ...], piq: bool) -> str:
    """Quote markers as glyphs by depth; closing marks tagged for `move` when `piq`."""
    if Q_OPEN not in text and Q_CLOSE not in text:
        return text
    out, depth = [], 0
    for part in re.split(f"([{Q_OPEN}{Q_CLOSE}])", text):
        if part == Q_OPEN:
            out.append(quotes[0] if depth % 2 == 0 else quotes[2])
            depth += 1
        elif part == Q_CLOSE:
            depth = max(depth - 1, 0)
            mark = quotes[1] if depth % 2 == 0 else quotes[3]
            out.append(QUOTE_START + mark + QUOTE_END if piq else mark)
        else:
            out.append(part)
    return "".join(out)


def _html(markup: str) -> str:
    """Font markers as HTML tags; a style nested in the same style turns it off
    (`<i>A <span style="font-style:normal">B</span></i>`), as does a nodecor span."""
    out, closes, open_styles = [], [], []
    last = 0
    for match in _MARKERS.finditer(markup):
        out.append(markup[last : match.start()])
        last = match.end()
        mark = match[0]
        if mark == NODECOR:
            normal = ";".join(dict.fromkeys(NORMAL[m] for m in open_styles if m in NORMAL))
            tag = f'<span style="{normal}">' if normal else ""
            out.append(tag)
            closes.append("</span>" if tag else "")
            open_styles.append(mark)
        elif mark in MARK_HTML and mark in OPEN.values():
            flip = mark in NORMAL and open_styles.count(mark) % 2 == 1
            out.append(f'<span style="{NORMAL[mark]}">' if flip else MARK_HTML[mark])
            closes.append("</span>" if flip else _CLOSE_OF[mark])
            open_styles.append(mark)
        elif closes:  # a closing marker
            out.append(closes.pop())
            open_styles.pop()
    out.append(markup[last:])
    return "".join(out)


_CLOSE_OF = {OPEN[n]: TAGS[n][1] for n in TAGS}
