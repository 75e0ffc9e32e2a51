"""Cite grouping and collapsing in a citation (CSL 1.0.2, "Cite Grouping", "Cite
Collapsing"), which citeproc-py did not do: "(Smith 1900, 2000; Jones 1999)",
"(Smith 1982a, b)", "(Smith 1982a–c)".

A citation's cites are rendered as citeproc-py renders them; then, when the style
sets `collapse` ("year", "year-suffix", "year-suffix-ranged") or
`cite-group-delimiter`, cites whose first `cs:names` read the same (a substitute's
output included) are moved up to the first of them, keeping their order. With
`collapse`, each cite after the first of its group is rendered again with its names
left out ("2000"), and with the year-suffix values also without a year repeated
from the cite before ("b"), unless either has a locator.

Delimiters: within a group the style's `cite-group-delimiter`, else ", " in an
in-text style and the layout's delimiter in a note style (as citeproc-js does: the
suite's fixtures predate the attribute); between year suffixes
`year-suffix-delimiter`; after a collapsed group `after-collapse-delimiter`; each
defaulting to the layout's delimiter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from citeproc import model

from glossator.format.csl_text import NO_AUTHOR
from glossator.format.date_ranges import issued_year
from glossator.format.element_base import Fast

_MARKS = "\ue000-\ue015"
YEAR_COLLAPSES = ("year", "year-suffix", "year-suffix-ranged")


@dataclass
class _Rendered:
    """One cite as rendered, and what grouping and collapsing compare."""

    item: object
    text: str
    names: str | None  # the first cs:names output, None when it rendered none
    year: str | None  # the issued year, when the cite has a year suffix and no locator
    letter: str  # its year suffix
    before: int  # how many cites the citation had rendered before it


class Layout(Fast, model.Layout):
    def render_citation(self, citation, callback):
        """citeproc-py's, with the cites in the order the citation gives them unless
        the style sorts them (CSL: citeproc-py put them in bibliography order, so
        "[@b; @a]" read "(A; B)" once A had been cited before), and grouped and
        collapsed as the style says."""
        parent = self.getparent()
        collapse = parent.get("collapse", "")
        good = [cite for cite in citation.cites if not cite.is_bad()]
        if parent.sort is not None:  # cites the style's keys tie in bibliography order
            keys = citation.bibliography.keys
            good.sort(key=lambda item: keys.index(item.key))
            good = parent.sort.sort(good, self)
        rendered = [r for r in (self._render_one(item, parent.cites) for item in good) if r]
        if collapse in YEAR_COLLAPSES or parent.get("cite-group-delimiter") is not None:
            text = self._joined(_grouped(rendered), collapse, parent)
        else:
            text = self.join([r.text for r in rendered])
        bad = [callback(c) or f"{c.key}?" for c in citation.cites if c.is_bad()]
        if bad:
            text = self.join([text, *bad] if text else bad)
        return self.format(self.wrap(text))

    def _render_one(self, item, cites: list) -> _Rendered | None:
        """The cite rendered, and added to the cites that positions look back on."""
        item.__dict__.pop("first_names", None)
        before = len(cites)
        text = self._render_text(item)
        if text is None:
            return None
        cites.append(item)
        suffix = item.reference.get("year_suffix")
        year = None
        if suffix and not item.has_locator:
            year = str(abs(issued_year(item.reference.get("issued"))))
        names = item.__dict__.get("first_names")
        return _Rendered(item, text, names, year, str(suffix or ""), before)

    def _shortened(self, cite: _Rendered, cites: list) -> str:
        """The cite again without its names, its position as when first rendered."""
        later = cites[cite.before :]
        del cites[cite.before :]
        try:
            return self._render_text(cite.item, suppress_names=True) or cite.text
        finally:
            cites.extend(later)

    def _render_text(self, item, suppress_names: bool = False) -> str | None:
        """The cite with its affixes; with `suppress_names`, its names cut out."""
        self.repressed = {}
        if suppress_names:
            item.__dict__.pop("first_names", None)  # the names to leave out come first
            item.__dict__["suppress_names"] = True
        try:
            output = self.render_children(item)
        except model.VariableError:
            output = None
        finally:
            item.__dict__.pop("suppress_names", None)
        if output is None:
            return None
        text = str(output)
        if suppress_names:
            text = NO_AUTHOR.sub("", text, count=1)
        return item.get("prefix", "") + text + item.get("suffix", "")

    def _joined(self, groups: list[list[_Rendered]], collapse: str, parent) -> str:
        """The groups' cites joined, collapsed when the style collapses."""
        layout_delimiter = self.get("delimiter", "")
        in_text = self.get_root().get("class", "") == "in-text"
        group_delimiter = parent.get("cite-group-delimiter", ", " if in_text else layout_delimiter)
        suffix_delimiter = parent.get("year-suffix-delimiter", layout_delimiter)
        after_delimiter = parent.get("after-collapse-delimiter", layout_delimiter)
        by_suffix = collapse != "year" and (
            parent.get("disambiguate-add-year-suffix", "false").lower() == "true"
        )
        out = ""
        for g, group in enumerate(groups):
            if g:
                out += after_delimiter if len(groups[g - 1]) > 1 and collapse else layout_delimiter
            texts, delimiters, lettered = [group[0].text], [], [False]
            for previous, cite in pairwise(group):
                short = self._shortened(cite, parent.cites) if collapse else cite.text
                letter = None
                if by_suffix and cite.year and cite.year == previous.year:
                    letter = _letter_only(short, cite.year)
                texts.append(short if letter is None else letter)
                delimiters.append(group_delimiter if letter is None else suffix_delimiter)
                lettered.append(letter is not None)
            if collapse == "year-suffix-ranged":
                texts, delimiters = _ranged(group, texts, delimiters, lettered)
            out += texts[0] + "".join(d + t for d, t in zip(delimiters, texts[1:], strict=True))
        return out


def _grouped(rendered: list[_Rendered]) -> list[list[_Rendered]]:
    """Cites whose names read the same, moved up to the first of them, in order."""
    groups: list[list[_Rendered]] = []
    by_names: dict[str, list[_Rendered]] = {}
    for r in rendered:
        key = re.sub(f"[{_MARKS}]", "", r.names or "")  # no names: alike too
        if key in by_names:
            by_names[key].append(r)
            continue
        groups.append([r])
        by_names[key] = groups[-1]
    return groups


def _letter_only(text: str, year: str) -> str | None:
    """A cite without its names ("1982b") as its year suffix alone ("b"), or None
    when it does not start with the year."""
    match = re.match(f"([{_MARKS}]*){re.escape(year)}", text)
    if match is None or not text[match.end() :].strip():
        return None
    return match[1] + text[match.end() :]


def _ranged(group, texts, delimiters, lettered):
    """Runs of three or more consecutive year suffixes as a range ("a–c")."""
    out_texts, out_delimiters, n = [texts[0]], [], 1
    while n < len(texts):
        end = n
        while (
            end < len(texts)
            and lettered[end]
            and _follows(group[end - 1].letter, group[end].letter)
        ):
            end += 1
        if end - n >= 2:  # the cite before n and at least two more: a range
            out_texts[-1] += "–" + texts[end - 1]
            n = end
            continue
        out_delimiters.append(delimiters[n - 1])
        out_texts.append(texts[n])
        n += 1
    return out_texts, out_delimiters


def _follows(before: str, after: str) -> bool:
    return len(before) == len(after) == 1 and ord(after) == ord(before) + 1
