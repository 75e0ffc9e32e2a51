"""What kind of work a citation is, and the names it goes by: UN symbols, bills,
newspapers and wire services, keys.

Kept apart from shapes.py (which reads the parts of a citation) so the vocabulary of
kinds can be read and extended on its own; all pure.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from glossator.notes.names import word_set

# --- UN documents and legislation -------------------------------------------------------

UN_RES = re.compile(
    r"(?:(?:Security Council|General Assembly)\s+)?Resolution\s+(?P<num>\d+(?:/\d+)?)"
    r"(?:\s*\((?P<year>\d{4})\))?$",
    re.I,
)
UN_DRAFT = re.compile(r"Draft Resolution\s+(?:S/)?(?P<year>\d{4})/(?P<num>\d+)$", re.I)
UN_PRESS = re.compile(r"Press Release\b[:.]?\s*(?P<rest>.*)$", re.I)


UN_BODY = re.compile(
    r"\b(?:united nations|U\.?N\.?|security council|general assembly|secretary-general"
    r"|economic and social council|ECOSOC|human rights council)\b",
    re.I,
)
# Press release symbols of the UN's Meetings Coverage (press.un.org): SC/12345, GA/11111.
UN_PRESS_SYMBOL = re.compile(
    r"(?:SC|GA|SG/SM|SG/A|ECOSOC|HRC|GA/EF|GA/SHC|GA/L)/\d+(?:-[A-Z]+/\d+)*"
)
# ODS document symbols in their real shapes: S/RES/1199 (1998), A/RES/60/1, S/2004/567,
# S/PRST/2012/6, S/PV.6711, A/59/2005, A/HRC/RES/19/22, E/CN.4/1998/53/Add.2.
UN_DOC_SYMBOL = re.compile(
    r"(?<![\w/])(?P<symbol>(?:S/RES/\d{1,4}\s*\(\d{4}\)"
    r"|S/(?:PRST/)?(?:19|20)\d\d/\d{1,4}|S/PV\.\d{1,5}"
    r"|A/(?:RES/)?(?:ES-\d{1,2}/)?\d{1,2}/\d{1,4}[A-Z]?|A/RES/\d{1,4}\s?\([IVXL]+\)"
    r"|A/HRC/(?:RES/)?\d{1,2}/\d{1,4}|E/(?:CN\.\d{1,2}/)?(?:19|20)\d\d/\d{1,4})"
    r"(?:/(?:Add|Rev|Corr)\.\d{1,3})*)(?![\w/])"
)


def is_un_body(text: str) -> bool:
    """Whether a name is the UN or one of its organs ("UN Security Council")."""
    return bool(UN_BODY.search(text or ""))


def is_un_document(element: str) -> bool:
    return any(p.match(element) for p in (UN_RES, UN_DRAFT, UN_PRESS))


UN_SYMBOL = re.compile(r"[A-Z]{1,6}(?:/[A-Z]{1,6})*/\d+(?:[-/.][A-Z0-9]+)*")
BILL = re.compile(
    r"(?:[HS]\.\s?(?:J\.\s?)?Res|H\.\s?R|S)\.\s?\d+|Pub(?:lic)?\.?\s?L(?:aw)?\.?\s?(?:No\.\s?)?\d+-\d+"
)
CONGRESS = re.compile(r"\d+(?:st|nd|rd|th)\s+Congress(?:,\s*\d+(?:st|nd|rd|th)\s+Session)?")


def undocs_url(symbol: str) -> str:
    """undocs.org resolves any ODS symbol; spaces become %20, slashes and parentheses stay."""
    return "https://undocs.org/" + quote(symbol, safe="/()")


def press_release_url(symbol: str, date: dict[str, str]) -> str | None:
    """UN press releases are not in ODS; press.un.org files them by date and symbol."""
    if not {"year", "month", "day"} <= date.keys():
        return None
    y, m, d = date["year"], int(date["month"]), int(date["day"])
    return f"https://press.un.org/en/{y}/{y}{m:02d}{d:02d}.{ascii_alnum(symbol)}.html"


# --- kinds -------------------------------------------------------------------------------

# Well-known wire services and broadcasters: general knowledge, not this corpus's names.
_WIRE = re.compile(
    r"\b(reuters|associated press|agence france-presse|afp|bloomberg|interfax|tass|xinhua"
    r"|ria novosti|united press international|upi|kyodo|anadolu)\b"
)
_BROADCAST = re.compile(
    r"\b(broadcasting|bbc|cnn|npr|pbs|nbc|cbs|abc news|al jazeera|deutsche welle|france 24)\b"
)
_MAGAZINE = word_set("magazine weekly monthly economist newsweek time atlantic spectator")
_NEWSPAPER = word_set(
    "times post journal guardian herald tribune telegraph gazette independent observer "
    "chronicle daily news courier globe mail standard monitor express inquirer"
)
_PUBLISHER = word_set(
    "institute institution university press foundation center centre library news times "
    "post journal corporation system broadcasting magazine"
)
_GOVERNMENT = word_set(
    "states republic federation kingdom ministry department embassy consulate congress "
    "parliament senate government administration president presidency"
)
_SPEECH_TITLE = re.compile(
    r"\b(?:remarks|speech|address|statement|testimony|lecture)\s+(?:at|to|by|before|on|in)\b"
    r"|\bpress (?:conference|briefing)\b",
    re.I,
)


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z]+", (text or "").lower()))


def is_publisher(text: str) -> bool:
    return bool(_words(text) & _PUBLISHER)


def _is_un(text: str | None) -> bool:
    return bool(re.match(r"(?:the\s+)?(?:united nations|un)\b", (text or "").lower()))


def _authority_kind(author: str | None, publisher: str | None) -> str | None:
    if _is_un(author):
        return "un-document"
    if _words(author) & _GOVERNMENT or "white house" in (author or "").lower():
        return "government-document"
    return "un-document" if _is_un(publisher) else None


def container_kind(author: str, container: str, title: str) -> str:
    """Kind of an article-like work from its container (newspaper, agency, site…)."""
    if _WIRE.search(f"{author} {container}".lower()):
        return "news-agency"
    if _words(container) & _MAGAZINE:
        return "magazine-article"
    if _words(container) & _NEWSPAPER or _BROADCAST.search(container.lower()):
        return "newspaper-article"
    if _SPEECH_TITLE.search(title):
        return "speech"
    return _authority_kind(author, container) or "web-page"


# Bodies that publish pages, reports and commentary rather than dated issues.
_NOT_PERIODICAL = word_set(
    "center centre institute institution foundation council university association society "
    "committee commission office ministry department agency organization organisation watch "
    "group trust fund bank forum initiative program programme project library archive"
)


def may_be_periodical(container: str) -> bool:
    """A dated container with no URL is a periodical's issue unless a body issued it."""
    return not _words(container) & _NOT_PERIODICAL


def unquoted_kind(author: str | None, publisher: str | None, title: str) -> str:
    """Kind of a work with an unquoted title and no book facts."""
    kind = _authority_kind(author, publisher)
    if kind:
        return kind
    if _SPEECH_TITLE.search(title):
        return "speech"
    return "web-page" if publisher else "other"


# --- keys -------------------------------------------------------------------------------

_STOP = word_set(
    "a an and are as at be but by do for from how in into is it its not of on or over "
    "than that the this to under vs was we were what when where why with "
    # articles and contractions of the other languages titles are cited in
    "la le les une des du del der die das ein eine el los las il lo gli het een au aux"
)


def ascii_alnum(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def script_key(name: str, title: str) -> str:
    """A safe ASCII key part for a name with no Latin letters ("王赓武" → "cjk" + hash):
    keys are file names and BibTeX keys, which must stay ASCII."""
    first = next((c for c in name if c.isalpha()), "")
    if not first:
        return ""
    script = unicodedata.name(first, "").split(" ")[0].lower()
    script = {"cjk": "cjk", "hiragana": "cjk", "katakana": "cjk", "hangul": "hangul"}.get(
        script, ascii_alnum(script)[:10]
    )
    digest = hashlib.sha256(f"{name}|{title}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{script or 'name'}{digest[:6]}"


def significant_words(text: str) -> list[str]:
    """Title words for keys: ASCII-folded, possessives and stop words dropped."""
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)
    words = (ascii_alnum(w) for w in re.split(r"[\s\-–—/]+", text))
    return [w for w in words if len(w) > 1 and w not in _STOP and not w.isdigit()]


def un_body(author: str, symbol: str | None) -> str | None:
    """ "unsc", "unga" or "un" for UN authors and symbols, else None."""
    a = author.lower()
    if "security council" in a:
        return "unsc"
    if "general assembly" in a:
        return "unga"
    if _is_un(a):
        return "un"
    if symbol:
        return {"S": "unsc", "SC": "unsc", "A": "unga", "GA": "unga"}.get(
            symbol.split("/")[0], "un"
        )
    return None
