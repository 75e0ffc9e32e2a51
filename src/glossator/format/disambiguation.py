"""Citations that read alike: year suffixes ("Smith 1982a") and `disambiguate="true"`.

citeproc-py does neither. Two works are ambiguous when their first citation, without
locator, renders the same. A style with `disambiguate-add-year-suffix` gives them the
letters a, b, c… in bibliography order (the `year-suffix` variable); otherwise its
`disambiguate="true"` conditions hold for them (CSL 1.0.2, disambiguation step 4).
Adding names or given names (steps 1–2) is not done.

Letters given over a whole bibliography are kept by the instance, so that a document
citing only one of the works still calls it "1982a", as the bibliography does. A work
is known by its signature (its id and content), so that one style formatting other
items under the same ids is not misled.
"""

from __future__ import annotations

from citeproc import CitationStylesBibliography
from citeproc.source import Citation
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from glossator.format.cites import make_cite
from glossator.format.csl_text import CSL_NS, MarkerFormatter

CS = f"{{{CSL_NS}}}"


class Disambiguation:
    """What a style asks to disambiguate, and the year suffixes given so far."""

    def __init__(self, csl) -> None:
        self._csl = csl
        root = csl.root
        macros = {m.get("name"): m for m in root.iterchildren(f"{CS}macro")}
        self._tests = {  # whether the layout reaches a disambiguate test
            "citation": _tests(root.citation, macros, set()),
            "bibliography": _tests(root.bibliography, macros, set()),
        }
        citation = root.citation
        self._suffix = citation is not None and (
            citation.get("disambiguate-add-year-suffix", "false").lower() == "true"
        )
        self._letters: dict[str, str] = {}  # a work (its signature) → its year suffix
        self._read: dict[str, str] = {}  # a work → how its first citation reads

    def apply(self, source: CiteProcJSON, ids: dict[str, str], layout: str) -> set[str]:
        """Set year suffixes on the references of `source` (keyed by engine key; `ids`
        gives each key's work id) and return the keys for which `disambiguate="true"`
        holds in `layout` ("citation" or "bibliography"). A bibliography keeps the
        letters it gives, for the notes. Nothing is rendered for a layout that tests
        nothing, in a style without year suffixes: ambiguity costs a citation per work."""
        tests, remember = self._tests[layout], layout == "bibliography"
        if not (tests or self._suffix):
            return set()
        groups = [g for g in self._readings(source, ids) if len(g) > 1]
        for key, work in ids.items():
            if work in self._letters:
                source[key]["year_suffix"] = String(self._letters[work])
        if not self._suffix:
            return {key for group in groups for key in group} if tests else set()
        for group in groups:
            if any(ids[key] in self._letters for key in group):
                continue  # the bibliography already told them apart
            for n, key in enumerate(self._in_bibliography_order(source, group)):
                letter = _letter(n)
                source[key]["year_suffix"] = String(letter)
                if remember:
                    self._letters[ids[key]] = letter
        return set()

    def _readings(self, source: CiteProcJSON, ids: dict[str, str]) -> list[list[str]]:
        """Keys grouped by how their first citation reads (without year suffix), each
        work read once per build, however many documents cite it."""
        readings: dict[str, list[str]] = {}
        for key, work in ids.items():
            if work not in self._read:  # its own bibliography: positions scan the cites
                bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
                citation = Citation([make_cite(source, key)])
                bib.register(citation)
                self._read[work] = str(bib.cite(citation, lambda _item: None))
            readings.setdefault(self._read[work], []).append(key)
        return list(readings.values())

    def _in_bibliography_order(self, source: CiteProcJSON, keys: list[str]) -> list[str]:
        if self._csl.root.bibliography is None:
            return keys
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        bib.register(Citation([make_cite(source, key) for key in keys]))
        bib.sort()
        return [str(key) for key in bib.keys]


def _tests(element, macros: dict, seen: set[str]) -> bool:
    """Whether `element` (a layout) or a macro it calls holds a disambiguate test."""
    if element is None:
        return False
    for child in element.iter(f"{CS}if", f"{CS}else-if", f"{CS}text", f"{CS}key"):
        if child.get("disambiguate") is not None:
            return True
        name = child.get("macro")
        if name and name not in seen and name in macros:
            seen.add(name)
            if _tests(macros[name], macros, seen):
                return True
    return False


def _letter(n: int) -> str:
    """a … z, then aa, ab … as CSL processors count."""
    return chr(97 + n) if n < 26 else _letter(n // 26 - 1) + chr(97 + n % 26)
