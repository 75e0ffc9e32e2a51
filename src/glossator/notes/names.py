"""Author strings from Chicago notes → BibTeX "Family, Given" names.

Chicago inverts only the first author ("Keohane, Robert O., and Joseph S. Nye"), some
writers invert every author, note form inverts none, and a corporate author ("United
Nations Security Council") must be neither split nor inverted. Each rule decides from
evidence in the string (organisation words, acronyms, shape); which end of an
uninverted name is the family's is name_order.py's question.
"""

from __future__ import annotations

import re
import unicodedata

from glossator.notes.name_order import family_first, word_set

# Words found in organisation names and (almost) never in personal names.
ORG_WORDS = word_set(
    """academy administration agency alliance army assembly association authority bank board
    broadcasting bureau cabinet center centre college command commission committee company
    congress consulate corporation council court department embassy federation forum
    foundation fund government group house institute institution kingdom league library
    ministry mission nations network news office organisation organisations organization
    organizations parliament party press program programme project republic secretariat
    senate service society states system times tribunal union university watch amnesty
    international initiative trust"""
)
PARTICLES = word_set(
    "al bin bint da de del della den der di dos du el ibn la le ten ter van von wa"
)
# Arabic article and elided particles joined to the name: al-Rasheed, d'Alembert.
JOINED_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ibn|bin|d|l|o)[-'’]\w", re.I)
# Lower-case words a corporate name or title-case phrase may contain.
FUNCTION_WORDS = PARTICLES | word_set("a an and at for in of on the to vs & et")
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

_WORD = r"[^\W\d_][\w'’\-]*"
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+")
_ACRONYM = re.compile(r"\(?[A-Z][A-Z0-9&]+\)?[.,;:]?")
_ROMAN = re.compile(r"[IVX]+")


def _is_cap_word(tok: str) -> bool:
    return bool(re.fullmatch(_WORD + r"\.?", tok)) and tok[0].isupper()


def _is_initial(tok: str) -> bool:
    return bool(_INITIALS.fullmatch(tok)) and tok[0].isupper()


def _is_family(piece: str) -> bool:
    """One family name, possibly with particles ("van der Berg"), as in "Family, Given"."""
    toks = piece.split()
    if not toks or len(toks) > 3 or _is_initial(toks[-1]) or not _is_cap_word(toks[-1]):
        return False
    return all(t.lower() in PARTICLES for t in toks[:-1])


def _is_given(piece: str) -> bool:
    toks = piece.split()
    if not 1 <= len(toks) <= 4 or any(t.lower().strip(".") in ORG_WORDS for t in toks):
        return False
    return all(_is_initial(t) or _is_cap_word(t) or t.lower() in PARTICLES for t in toks)


def _is_inverted_person(text: str) -> bool:
    family, sep, given = text.partition(",")
    if not sep:
        return False
    given = given.strip()
    for suffix in SUFFIXES:  # "King, Martin Luther, Jr."
        if given.lower().endswith(", " + suffix):
            given = given[: -len(suffix) - 2]
    return _is_family(family.strip()) and _is_given(given)


def is_corporate(name: str) -> bool:
    """True for organisations: organisation words, acronyms, a leading "The", one bare word."""
    name = name.strip()
    if not name or _is_inverted_person(name):
        return False
    toks = name.split()
    if len(toks) == 1 and "," not in name:
        return True  # "Reuters", "Frontline": a person is cited with at least two names
    if toks[0].lower() == "the":
        return True
    for tok in toks:
        bare = tok.strip(".,;:()")
        if bare.lower() in ORG_WORDS:
            return True
        if _ACRONYM.fullmatch(tok) and not _ROMAN.fullmatch(bare):
            return True
    return bool(re.search(r"\b(of|for) the\b", name))


def looks_like_name_or_org(text: str) -> bool:
    """Title-case phrase check that keeps prose ("As Kennan wrote") out of the author slot."""
    toks = text.replace(",", " ").split()
    if not toks or len(toks) > 14:
        return False
    for tok in toks:
        bare = tok.strip(".()")
        if not bare or bare.lower() in FUNCTION_WORDS or JOINED_PARTICLE.match(bare):
            continue
        if not (bare[0].isupper() or bare[0].isdigit() or caseless(bare[0])):
            return False
        if re.search(r"[^\w.'’\-&/]", bare):
            return False
    return True


def caseless(char: str) -> bool:
    """A letter of a script without case (Chinese, Japanese, Arabic…): a name may start so."""
    return char.isalpha() and char.lower() == char.upper()


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip(",;:").strip()
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    if text.endswith("."):
        last = text.split()[-1]
        keep = _is_initial(last) or last.lower() in SUFFIXES or last.lower() == "al."
        if not keep:
            text = text[:-1].rstrip()
    return text


def _invert(name: str) -> str:
    """ "Joseph S. Nye" → "Nye, Joseph S."; particles stay with the family name."""
    toks = name.split()
    if len(toks) < 2 or is_corporate(name):
        return name
    if family_first(toks):  # "Wang Gungwu", "Мартенс Ф. Ф."
        return f"{toks[0]}, {' '.join(toks[1:])}"
    suffix = ""
    if len(toks) > 2 and toks[-1].lower() in SUFFIXES:  # "Martin Luther King Jr."
        suffix, toks = toks[-1], toks[:-1]
    i = len(toks) - 1
    while i > 1 and toks[i - 1].lower() in PARTICLES:
        i -= 1
    family, given = " ".join(toks[i:]), " ".join(toks[:i])
    return f"{family}, {suffix}, {given}" if suffix else f"{family}, {given}"


def parse_authors(text: str) -> list[str]:
    """Split an author string into BibTeX names; "others" stands for "et al."."""
    text = _clean(text)
    if not text:
        return []
    inverted_start = re.match(rf"(?:[a-z]+ )*{_WORD}, ", text)
    if is_corporate(text) and not inverted_start:
        return [text]
    text = re.sub(r",?\s+et\s+al\.?$", " and others", text)
    names: list[str] = []
    for chunk in re.split(r",?\s+(?:and|&)\s+", text):
        pieces = [p.strip() for p in chunk.split(",") if p.strip()]
        i = 0
        while i < len(pieces):
            piece, nxt = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else None
            if piece == "others":
                names.append("others")
                i += 1
                continue
            if nxt is not None and _is_family(piece) and _is_given(nxt):
                name, i = f"{piece}, {nxt}", i + 2
            else:
                name, i = _invert(piece), i + 1
            if i < len(pieces) and pieces[i].lower() in SUFFIXES:
                family, _, given = name.partition(", ")
                name, i = f"{family}, {pieces[i]}, {given}", i + 1
            names.append(name)
    return names


def bibtex_author_field(names: list[str]) -> str:
    """Join names with " and ", bracing corporate ones so BibTeX never splits them."""
    return " and ".join(f"{{{n}}}" if n != "others" and is_corporate(n) else n for n in names)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form for sorting ("Ábel" → "abel")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"<[^>]+>", "", text)  # nocase spans
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())
