"""Citations that read alike: year suffixes ("Smith 1982a") and `disambiguate="true"`.

citeproc-py does neither. Two works are ambiguous when their first citation, without
locator, renders the same. A style with `disambiguate-add-year-suffix` gives them the
letters a, b, c… in bibliography order (the `year-suffix` variable); otherwise its
`disambiguate="true"` conditions hold for them (CSL 1.0.2, disambiguation step 4).
Adding names or given names (steps 1–2) is not done.

Letters given over a whole bibliography are kept by the instance, so that a document
citing only one of the works still calls it "1982a", as the bibliography does.
"""

from __future__ import annotations

from citeproc import CitationStylesBibliography
from citeproc.source import Citation
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from glossator.format.cites import make_cite
from glossator.format.csl_text import CSL_NS, MarkerFormatter

TESTS = "//cs:if[@disambiguate] | //cs:else-if[@disambiguate]"


class Disambiguation:
    """What a style asks to disambiguate, and the year suffixes given so far."""

    def __init__(self, csl) -> None:
        self._csl = csl
        root = csl.root
        self._tests = bool(root.xpath(TESTS, namespaces={"cs": CSL_NS}))
        citation = root.citation
        self._suffix = citation is not None and (
            citation.get("disambiguate-add-year-suffix", "false").lower() == "true"
        )
        self._letters: dict[str, str] = {}  # a work's own id → its year suffix

    def apply(self, source: CiteProcJSON, ids: dict[str, str], remember: bool) -> set[str]:
        """Set year suffixes on the references of `source` (keyed by engine key; `ids`
        gives each key's work id) and return the keys for which `disambiguate="true"`
        holds. `remember`: keep the letters, as a bibliography of every work does."""
        if not (self._tests or self._suffix):
            return set()
        for key, work in ids.items():
            if work in self._letters:
                source[key]["year_suffix"] = String(self._letters[work])
        groups = [g for g in self._readings(source, list(ids)) if len(g) > 1]
        if not self._suffix:
            return {key for group in groups for key in group}
        for group in groups:
            if any(ids[key] in self._letters for key in group):
                continue  # the bibliography already told them apart
            for n, key in enumerate(self._in_bibliography_order(source, group)):
                letter = _letter(n)
                source[key]["year_suffix"] = String(letter)
                if remember:
                    self._letters[ids[key]] = letter
        return set()

    def _readings(self, source: CiteProcJSON, keys: list[str]) -> list[list[str]]:
        """Keys grouped by how their first citation reads."""
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        readings: dict[str, list[str]] = {}
        for key in keys:
            citation = Citation([make_cite(source, key)])
            bib.register(citation)
            readings.setdefault(str(bib.cite(citation, lambda _item: None)), []).append(key)
        return list(readings.values())

    def _in_bibliography_order(self, source: CiteProcJSON, keys: list[str]) -> list[str]:
        if self._csl.root.bibliography is None:
            return keys
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        bib.register(Citation([make_cite(source, key) for key in keys]))
        bib.sort()
        return [str(key) for key in bib.keys]


def _letter(n: int) -> str:
    """a … z, then aa, ab … as CSL processors count."""
    return chr(97 + n) if n < 26 else _letter(n // 26 - 1) + chr(97 + n % 26)
