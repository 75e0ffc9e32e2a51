"""Citations that read alike: year suffixes ("Smith 1982a") and `disambiguate="true"`.

citeproc-py does neither. Two works are ambiguous when their first citation, without
locator, renders the same. A style with `disambiguate-add-year-suffix` gives them the
letters a, b, c… in bibliography order (the `year-suffix` variable); otherwise its
`disambiguate="true"` conditions hold for them (CSL 1.0.2, disambiguation step 4).
Before either, names are added (step 1, `disambiguate-add-names`) and
given names shown (step 2, `disambiguate-add-givenname`, by its
`givenname-disambiguation-rule`), as `Expansion`s the engine puts on its cites.

Letters and names given over a whole bibliography are kept by the instance, so that a document
citing only one of the works still calls it "1982a", as the bibliography does. A work
is known by its signature (its id and content), so that one style formatting other
items under the same ids is not misled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from citeproc import CitationStylesBibliography
from citeproc.source import Citation
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from glossator.format.cites import make_cite
from glossator.format.csl_text import CSL_NS, MarkerFormatter
from glossator.format.names import SUBSEQUENT

CS = f"{{{CSL_NS}}}"
Decisions = tuple[dict, dict, frozenset]  # letters, expansions, works told apart


@dataclass
class Expansion:
    """How a cite shows more of its names: names shown per variable (step 1,
    `disambiguate-add-names`) and, per variable and name, 1 for initials or 2 for the
    full given name (step 2, `disambiguate-add-givenname`)."""

    names_shown: dict[str, int] = field(default_factory=dict)
    givens: dict[str, dict[int, int]] = field(default_factory=dict)

    def apply(self, cite) -> None:
        if self.names_shown:
            vars(cite)["names_shown"] = self.names_shown
        if self.givens:
            vars(cite)["givens"] = self.givens


class Disambiguation:
    """What a style asks to disambiguate, and what was given so far."""

    def __init__(self, csl) -> None:
        self._csl = csl
        root = csl.root
        macros = {m.get("name"): m for m in root.iterchildren(f"{CS}macro")}
        self._tests = {  # whether the layout reaches a disambiguate test
            "citation": _tests(root.citation, macros, set()),
            "bibliography": _tests(root.bibliography, macros, set()),
        }
        citation = root.citation

        def option(name: str) -> bool:
            return citation is not None and citation.get(name, "false").lower() == "true"

        self._suffix = option("disambiguate-add-year-suffix")
        self._add_names = option("disambiguate-add-names")
        self._add_givenname = option("disambiguate-add-givenname")
        rule = (
            citation.get("givenname-disambiguation-rule", "by-cite") if citation is not None else ""
        )
        self._rule = rule.lower()
        rules = (citation, root) if citation is not None else ()
        self._later_form = any(o in e.attrib for e in rules for o in SUBSEQUENT)
        self._letters: dict[str, str] = {}  # a work (its signature) → its year suffix
        self._expanded: dict[str, tuple] = {}  # a work → (expansion, reading), bibliography-wide
        self._settled: set[str] = set()  # works a bibliography-wide pass told apart
        self._read: dict[tuple, tuple[str, list]] = {}  # (work, later) → a citation, names
        self.expansions: dict[str, Expansion] = {}  # engine key → expansion, last apply

    def decisions(self) -> Decisions:
        """What the bibliography-wide passes gave so far, for a cache to keep and
        `restore`: a document's citations depend on it (its works' year suffixes and
        names), besides their own items."""
        return dict(self._letters), dict(self._expanded), frozenset(self._settled)

    def restore(self, decisions: Decisions) -> None:
        letters, expanded, settled = decisions
        self._letters, self._expanded, self._settled = dict(letters), dict(expanded), set(settled)

    def about(self, works: Callable[[], Iterable[str]]) -> tuple:
        """The decisions that concern the works `works()` gives (signatures): with their
        items, all that a citation `apply` of them reads (the first readings it keeps
        are pure). A work without any is left out; with none at all (a style that
        asks for none, or whose bibliography told no works apart) nothing is asked."""
        if not (self._letters or self._expanded or self._settled):
            return ()
        decided = (self._letters, self._expanded, self._settled)
        return tuple(
            (w, self._letters.get(w), self._expanded.get(w), w in self._settled)
            for w in sorted(set(works()))
            if any(w in d for d in decided)
        )

    def expand(self, cite, key: str) -> None:
        """Give a citation's cite the names the last `apply` found it needs."""
        expansion = self.expansions.get(key)
        if expansion is not None:
            expansion.apply(cite)

    def apply(self, source: CiteProcJSON, ids: dict[str, str], layout: str) -> set[str]:
        """Work out the names, given names and year suffixes that tell the works of
        `source` apart (keyed by engine key; `ids` gives each key's work), in the
        spec's order, and return the keys for which `disambiguate="true"` holds in
        `layout` ("citation" or "bibliography"). A bibliography keeps what it gives,
        for the notes. Nothing is rendered for a style that asks for none of it."""
        tests, remember = self._tests[layout], layout == "bibliography"
        self.expansions = {}
        names = self._add_names or self._add_givenname
        if remember and self._rule == "by-cite":  # by cite: a document's own cites
            names = False
        if not remember and all(work in self._settled for work in ids.values()):
            names = False  # the bibliography told these works apart already
        if not (tests or self._suffix or names):
            return set()
        readings = {key: self._base(source, key, work) for key, work in ids.items()}
        expansions = {key: Expansion() for key in ids}
        if names:
            if self._add_givenname and self._rule != "by-cite":
                self._expand_names(source, readings, expansions, list(ids))
            for group in _alike(readings):
                self._resolve(source, group, readings, expansions)
        for key, work in ids.items():
            if work in self._expanded:  # the bibliography already told them apart
                expansions[key], readings[key] = self._expanded[work]
            elif remember and names:
                self._settled.add(work)
                if expansions[key].names_shown or expansions[key].givens:
                    self._expanded[work] = (expansions[key], readings[key])
        self.expansions = expansions
        groups = _alike(readings)
        if self._later_form and (self._suffix or tests):  # alike in a later cite, too
            later = {key: self._base(source, key, work, True) for key, work in ids.items()}
            groups = _merged_groups(groups + _alike(later))
        for key, work in ids.items():
            if work in self._letters:
                source[key]["year_suffix"] = String(self._letters[work])
        if not self._suffix:
            return {key for group in groups for key in group} if tests else set()
        for group in groups:
            if any(ids[key] in self._letters for key in group):
                continue
            for n, key in enumerate(self._in_bibliography_order(source, group)):
                letter = _letter(n)
                source[key]["year_suffix"] = String(letter)
                if remember:
                    self._letters[ids[key]] = letter
        return set()

    def compares(self, layout: str) -> bool:
        """Whether an `apply` in `layout` compares the works' first readings at all."""
        names = (self._add_names or self._add_givenname) and (
            layout == "citation" or self._rule != "by-cite"
        )
        return bool(self._tests[layout] or self._suffix or names)

    def unread(self, works: Iterable[str], layout: str) -> list[str]:
        """The works whose first reading an `apply` in `layout` would compare and that
        are not read yet (in the order given, each once)."""
        if not self.compares(layout):
            return []
        return [w for w in dict.fromkeys(works) if (w, False) not in self._read]

    def read(self, source: CiteProcJSON, ids: dict[str, str]) -> dict[str, tuple[str, list]]:
        """The first readings of `source`'s works (a pure function of each work), to be
        made elsewhere and handed to `learn`."""
        return {work: self._base(source, key, work) for key, work in ids.items()}

    def learn(self, readings: dict[str, tuple[str, list]]) -> None:
        for work, reading in readings.items():
            self._read.setdefault((work, False), reading)

    def _base(
        self, source: CiteProcJSON, key: str, work: str, later: bool = False
    ) -> tuple[str, list]:
        """How a work's first citation (or, `later`, a subsequent one: et-al-subsequent
        rules) reads without year suffix, and the names it shows, once per build
        however many documents cite it."""
        if (work, later) not in self._read:
            record = self._add_givenname and self._rule != "by-cite" and not later
            self._read[work, later] = self._render(source, key, Expansion(), record, later)
        return self._read[work, later]

    def _render(
        self,
        source: CiteProcJSON,
        key: str,
        expansion: Expansion,
        record: bool = True,
        later: bool = False,
    ) -> tuple[str, list]:
        """How the cite reads with `expansion`, and (if `record`) the names it shows."""
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        cite = make_cite(source, key)
        if later:
            vars(cite)["subsequent"] = True
        expansion.apply(cite)
        names: list = []
        if record:
            vars(cite)["record_names"] = names
        citation = Citation([cite])
        bib.register(citation)
        return str(bib.cite(citation, lambda _item: None)), names

    def _expand_names(self, source, readings, expansions, keys) -> None:
        """Step 2 for the rules that look at names, not cites: every shown name that
        reads as another person's does gets initials or its given name, as far as the
        rule allows (`primary-name`: the first name only)."""
        levels = self._levels({key: readings[key][1] for key in keys})
        for key, found in levels.items():
            givens = expansions[key].givens
            for variable, by_index in found.items():
                mine = givens.setdefault(variable, {})
                for index, level in by_index.items():
                    mine[index] = max(level, mine.get(index, 0))
            readings[key] = self._render(source, key, expansions[key])

    def _levels(self, names: dict[str, list]) -> dict[str, dict]:
        """`_name_levels` under the style's rule: the first name only for `primary-`
        rules, initials at most for `-with-initials` ones."""
        rule = self._rule
        most = 1 if rule.endswith("initials") else 2
        return _name_levels(names, rule.startswith("primary"), most)

    def _resolve(self, source, group: list[str], readings, expansions) -> None:
        """Steps 1 and 2 for cites that read alike: show more names, one at a time, and
        tell their names apart at each count, until each reads as no other. A cite
        that stays ambiguous is left as it was, for the later steps."""
        for key in group:  # the names each shows (a by-cite style's base has none)
            if not readings[key][1]:
                readings[key] = self._render(source, key, expansions[key])
        before = {key: (readings[key], expansions[key]) for key in group}
        first = {key: readings[key][1][0] if readings[key][1] else None for key in group}
        counts = [None]
        if self._add_names:
            shown = [len(f[2]) for f in first.values() if f]
            most = max((f[1] for f in first.values() if f), default=0)
            counts += list(range(min(shown, default=most) + 1, most + 1))
        pending = list(group)
        for count in counts:
            trial = {}
            for key in pending:
                expansion = Expansion(dict(expansions[key].names_shown), {})
                if count is not None and first[key]:
                    expansion.names_shown[first[key][0]] = count
                trial[key] = (self._render(source, key, expansion), expansion)
            if self._add_givenname:
                names = {key: reading[1] for key, (reading, _) in trial.items()}
                names |= {k: readings[k][1] for k in group if k not in trial}
                levels = self._levels(names)
                for key in pending:
                    expansion = trial[key][1]
                    expansion.givens = _merged(expansions[key].givens, levels.get(key, {}))
                    trial[key] = (self._render(source, key, expansion), expansion)
            for key in pending:
                readings[key], expansions[key] = trial[key]
            texts = [readings[key][0] for key in group]
            pending = [key for key in pending if texts.count(readings[key][0]) > 1]
            if not pending:
                return
        for key in pending:  # names that did not tell them apart are not added
            readings[key], expansions[key] = before[key]

    def _in_bibliography_order(self, source: CiteProcJSON, keys: list[str]) -> list[str]:
        if self._csl.root.bibliography is None:
            return keys
        bib = CitationStylesBibliography(self._csl, source, MarkerFormatter)
        bib.register(Citation([make_cite(source, key) for key in keys]))
        bib.sort()
        return [str(key) for key in bib.keys]


def _alike(readings: dict[str, tuple[str, list]]) -> list[list[str]]:
    """Keys whose cites read the same, in groups of two or more."""
    groups: dict[str, list[str]] = {}
    for key, (text, _) in readings.items():
        groups.setdefault(text, []).append(key)
    return [g for g in groups.values() if len(g) > 1]


def _merged_groups(groups: list[list[str]]) -> list[list[str]]:
    """Groups that share a key joined into one, keys in first-seen order."""
    out: list[list[str]] = []
    for group in groups:
        joined = [g for g in out if set(g) & set(group)]
        merged = [k for g in joined for k in g]
        merged += [k for k in group if k not in merged]
        out = [g for g in out if g not in joined] + [merged]
    return out


def _name_levels(names: dict[str, list], primary: bool, most: int) -> dict[str, dict]:
    """For each cite, the names (variable → index → level) that read as a different
    person's name does and the least level that tells them apart (at most `most`).
    `names` holds what each cite showed: (variable, how many, [(index, person,
    (as shown, with initials, in full))])."""
    shown: list[tuple[str, str, int, tuple, tuple]] = []
    for key, records in names.items():
        for r, (variable, _total, people) in enumerate(records):
            for index, person, forms in people:
                if not primary or (r == 0 and index == 0):
                    shown.append((key, variable, index, person, forms))
    by_form: dict[str, dict[tuple, tuple]] = {}
    for _key, _variable, _index, person, forms in shown:
        by_form.setdefault(forms[0], {})[person] = forms
    out: dict[str, dict] = {}
    for key, variable, index, person, forms in shown:
        others = [f for p, f in by_form[forms[0]].items() if p != person]
        if not others:
            continue
        levels = range(1, most + 1)
        level = next((n for n in levels if all(forms[n] != o[n] for o in others)), None)
        if level is None:  # none tells it from all: the least that tells it from some
            level = next((n for n in levels if any(forms[n] != o[n] for o in others)), None)
        if level is not None and forms[level] != forms[0]:
            out.setdefault(key, {}).setdefault(variable, {})[index] = level
    return out


def _merged(givens: dict, more: dict) -> dict:
    out = {variable: dict(by_index) for variable, by_index in givens.items()}
    for variable, by_index in more.items():
        mine = out.setdefault(variable, {})
        for index, level in by_index.items():
            mine[index] = max(level, mine.get(index, 0))
    return out


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
