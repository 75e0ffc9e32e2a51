"""Given names as initials, for `initialize-with` on the corrected `cs:name`.

citeproc-py took a word that begins with a font marker (input `<b>John</b> Q.`) for a
lower-case particle and printed ". <b>John</b> Q.", split "Guo-ping" into "G-ping",
and cut the two-letter initial of a name written with one ("TSerendorjiin", the
Mongolian Ts) to "T.". Here, as citeproc-js reads them:

- fonts on a word stay on its initial, the mark inside and its space outside
  ("<b>J.</b> Q.");
- a hyphen before a capital joins two names, initialised each ("J.-P."), unless
  `initialize-with-hyphen` is false ("J. P."); a hyphen before a lower-case part is
  inside one name ("Guo-ping" → "G.");
- a name starting with more than one capital before its lower case keeps them as its
  initial, the rest lowered ("TSerendorjiin" → "Ts."); one all in capitals does not;
- a word that does not start with a capital (a particle, "de") is kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKS = "".join(map(chr, range(0xE000, 0xE016)))  # the font markers of csl_text
_WORD = re.compile(f"^([{_MARKS}]*)(.*?)([{_MARKS}]*)$", re.S)


@lru_cache(maxsize=8192)
def initialize(given: str, mark: str, hyphen: bool = True) -> str:
    """`given` as initials, each followed by `mark` ("J. Q." for ". "); cached, since
    the same names are initialised again at each render of a cite."""
    if not hyphen:
        return _initials(given.replace("-", " "), mark)
    return "-".join(p for p in (_initials(part, mark) for part in _split_names(given)) if p)


def _split_names(given: str) -> list[str]:
    """The parts of a hyphenated given name that are names of their own ("Jean-Paul",
    not "Guo-ping")."""
    out, last = [], 0
    for match in re.finditer(r"\s*-\s*", given):
        if given[match.end() :].lstrip(_MARKS)[:1].isupper():
            out.append(given[last : match.start()])
            last = match.end()
    out.append(given[last:])
    return out


def _initials(part: str, mark: str) -> str:
    """One name's words as initials, particles kept, spaced as `mark` says."""
    space = mark[len(mark.rstrip()) :]  # what separates two initials
    out: list[tuple[str, bool]] = []  # (text, whether an initial)
    for word in re.split(r"[\s.]+", part):
        lead, core, trail = _WORD.match(word).groups()
        if not core:  # markers alone, as after "<b>J.": they close the word before
            if out:
                out[-1] = (out[-1][0] + lead + trail, out[-1][1])
            elif lead or trail:
                out.append((lead + trail, True))
        elif core[0].isupper():
            out.append((lead + _initial(core) + mark.rstrip() + trail, True))
        else:
            out.append((word, False))
    text = ""
    for n, (piece, initial) in enumerate(out):
        if n:
            text += space if initial and out[n - 1][1] else " "
        text += piece
    return text.strip()


def _initial(word: str) -> str:
    """ "Quiggly" → "Q"; "TSerendorjiin" → "Ts"; "JOHN" → "J"."""
    capitals = next((i for i, c in enumerate(word) if not c.isupper()), len(word))
    if 1 < capitals < len(word) and word[capitals].isalpha():
        return word[0] + word[1:capitals].lower()
    return word[0]
