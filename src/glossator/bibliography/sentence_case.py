"""English BibTeX titles to sentence case, as Pandoc's BibTeX reader makes them.

BibTeX and BibLaTeX expect an English title in title case, its proper nouns braced
(`{Paris}`), and lower-case it where a style asks; CSL styles expect sentence case and
can only raise it (`text-case="title"`, Chicago's), never lower it (APA's). So a title
read from a `.bib` file is lowered here, as `pandoc --citeproc` lowers it: a word
written as a capital and small letters ("Study") becomes small ("study"), except the
title's first word and a word that starts a sentence or follows a colon; a word with
a capital inside ("McDowell", "iPod"), a word in capitals ("NATO"), a braced part and
the pronoun "I" are left as written. Pandoc also lowers a word after "?" or "!" and
the pronoun; glossator does not.
"""

from __future__ import annotations

import re

# a brace, a rich-text tag, a word (letters, an apostrophe inside), any other character
_TOKEN = re.compile(r"[{}]|<[^<>]*>|[^\W\d_]+(?:['’][^\W\d_]+)*|\s+|.", re.S)
_SENTENCE_END = frozenset(":.?!")


def sentence_case(title: str) -> str:
    """`title` (decoded, its protecting braces still in) in sentence case."""
    out: list[str] = []
    depth = 0
    first, starts = True, False  # before the first word; after a colon or a full stop
    for token in _TOKEN.findall(title):
        if token == "{":
            depth += 1
            if depth == 1:  # a braced part is a word as written
                first = starts = False
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth or token.startswith("<") or token.isspace():
            pass
        elif token[0].isalpha():
            if not (first or starts) and _capitalised(token) and token != "I":
                token = token.lower()
            first = starts = False
        elif token in _SENTENCE_END:
            starts = True
        out.append(token)
    return "".join(out)


def _capitalised(word: str) -> bool:
    """A capital, then small letters only: "Study", "Kant's"; not "NATO", "McDowell"."""
    rest = [c for c in word[1:] if c.isalpha()]
    return word[0].isupper() and bool(rest) and all(c.islower() for c in rest)
