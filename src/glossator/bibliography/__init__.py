"""The curated bibliography (`content/references.bib`): read it, match works to it, append.

The file belongs to a maintainer: reading never raises (each problem is a diagnostic
with its line), and writing only appends, keeping what is there byte for byte.
"""

from glossator.bibliography.entry import BibEntry
from glossator.bibliography.match import fingerprint, loose_key, unique_key
from glossator.bibliography.read import read_bibliography
from glossator.bibliography.to_csl import entry_to_csl, prose
from glossator.bibliography.write import append_entries, entry_to_bibtex

__all__ = [
    "BibEntry",
    "append_entries",
    "entry_to_bibtex",
    "entry_to_csl",
    "fingerprint",
    "loose_key",
    "prose",
    "read_bibliography",
    "unique_key",
]
