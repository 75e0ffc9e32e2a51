"""One entry of a `.bib` file, and the fields every step reads the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FINGERPRINT_FIELD = "glossator-fingerprint"

# Fields read and written as they are, without LaTeX decoding or escaping: identifiers and
# page ranges, where `--` must stay `--` and `%` or `_` are not LaTeX.
VERBATIM_FIELDS = frozenset(
    {"url", "doi", "eprint", "file", "pages", "un_symbol", "isbn", "issn", FINGERPRINT_FIELD}
    | {"date", "urldate", "origdate", "eventdate"}  # EDTF: `~` is "approximately"
)
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EXTRA_ORDER = ("urldate", "doi", "isbn", "issn", "language")


@dataclass
class BibEntry:
    """One entry: BibTeX field names, values decoded to Unicode (braced groups kept).

    `line` is the 1-based line of `@type{` in the file (0 for an entry not read from one).
    Month macros (`jun`) read as numbers ("6"), like the months `parse_note` gives.
    """

    key: str
    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)
    line: int = 0


# What BibTeX accepts (and what is safe to write back) as key, entry type and field name.
KEY = re.compile(r"[^\s,{}()=\\\"#%'~]+")
TYPE = re.compile(r"[a-z][a-z0-9_-]*")
NAME = re.compile(r"[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*")
