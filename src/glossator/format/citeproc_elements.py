"""The citeproc-py engine, with its departures from the CSL spec corrected.

citeproc-py is the only pure-Python CSL processor. Rather than patch its output
strings, styles are parsed with our own subclasses of its element classes:

- `cs:name` ignored `initialize="false"`, so Chicago printed "Grafton, A.": given names
  are initialised only when the style asks for it (CSL 1.0.2, "initialize").
- page ranges were shortened from a common prefix computed on unequal lengths ("1-10"
  became "1–0" under `minimal-two`): `last_page` implements the spec's formats and
  expands abbreviated input ("148-67") first.
- `punctuation-in-quote` was never applied ("Evidence”."): the closing quotation mark
  of each quoted `cs:text` is tagged, and `csl_text.finish` moves a period or comma that
  follows it inside, as the locale requires.
- also: variables rendered through a `cs:substitute` macro are suppressed in the rest
  of the entry (an unsigned article no longer repeats its newspaper); labels of empty
  variables are dropped, but not "ed. and trans." (`editortranslator`); `is-numeric`
  is evaluated for locators ("chap. 3"); `disambiguate` is evaluated (plain citeproc-py
  took it as always true); title case follows CMOS (all prepositions lowercase, not
  after "U.S."); names and numbers reaching the case methods as plain `str` or
  `int` no longer crash (some 60 styles did); and lookups are memoised, since the
  6,000-line Chicago styles were re-queried by XPath for every item.
- issue 11: names (`name_elements.py`, `names.py`: substitution, CSL 1.0.2 roles,
  "et al." for `and others`, the spec's name-part order and formatting); cs:number
  and cs:label with hyphenated variables ("3 vols."); a group counting a cs:choose by
  the branch it took; the implicit year suffix (not in sort keys) and date ranges
  (`date_ranges.py`); initials (`initials.py`); cite grouping and collapsing
  (`collapse.py`, the corrected `cs:layout`).

Font styles render as private-use marker characters (`csl_text.MarkerFormatter`), so the
text is escaped once at the end: citeproc-py's HTML formatter does not escape variables.
"""

from __future__ import annotations

import re

from citeproc import model
from citeproc.string import String

from glossator.format.collapse import Layout
from glossator.format.csl_text import (
    NUMERIC,
    Q_CLOSE,
    Q_OPEN,
    last_page,
    title_case,
)
from glossator.format.date_ranges import issued_year, render_range
from glossator.format.element_base import Fast, FastXPath, note_substituted
from glossator.format.name_elements import Label, Name, NamePart, Names, Substitute
from glossator.format.rich_text import rich_text

# --- corrected elements --------------------------------------------------------------


class _PageRanges:
    def _format_last_page(self, first, last):
        return last_page(str(first), str(last), self.get_root().get_option("page-range-format"))


class _Number(Fast, _PageRanges, model.Number):
    def process(self, item, context=None, **kwargs):
        """citeproc-py's, with hyphenated variables found (`number-of-volumes`,
        `chapter-number`: it looked them up as written and rendered nothing)."""
        variable = self.get("variable")
        if variable in ("locator", "page-first"):
            return super().process(item, context, **kwargs)
        return self._process(item.reference[variable.replace("-", "_")], variable)


class _Text(Fast, _PageRanges, model.Text):
    def process(self, item, context=None, **kwargs):
        """As citeproc-py's, without raising and catching an error per text to learn
        that the item has no `language`."""
        language = item.reference.get("language")
        if language:
            language = str(language)[:2]
        else:
            language = self.get_root().get("default-locale", "en")[:2]
        context = self if context is None else context
        attrib = self.attrib
        if "variable" in attrib:
            text = self._variable(item, context)
            if text and attrib["variable"] == "citation-label" and "sort_options" not in kwargs:
                suffix = _implicit_suffix(item, context)  # "LiOk99a", as citeproc-js
                text = String(str(text) + suffix) if suffix else text
            return text, language
        if "macro" in attrib:
            return self.get_macro(attrib["macro"]).render(item, context, **kwargs), language
        if "term" in attrib:
            return self._term(item), language
        value = self._own("value", lambda: rich_text(attrib.get("value", "")))
        return String(self.preformat(value)), language

    def case(self, text, language=None):
        if self.get("text-case") == "title" and (language or "en") == "en":
            return title_case(text)
        return super().case(text, language)

    def _variable(self, item, context):
        text = super()._variable(item, context)
        if text:
            note_substituted(self, self.get("variable"), context)
        return text

    def quote(self, string):
        """Quote with markers: `csl_text.finish` gives them the locale's marks by depth
        (single inside double) and moves punctuation in where the locale says."""
        if self.get("quotes", "false").lower() != "true":
            return string
        return Q_OPEN + string + Q_CLOSE


class _If(Fast, model.If):
    """Conditions parsed once per element. `disambiguate="true"` holds for a cite the
    engine marked ambiguous (`_Cite.disambiguate`): one whose plain rendering is the same
    as another work's in the same set of citations."""

    def render(self, item, context=None, delimiter="", **kwargs):
        if not self.passes(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def passes(self, item, context) -> bool:
        match, tests = self.tests()
        ref = item.reference
        results = []
        for test, values in tests:
            if test == "type":
                results += [t == ref["type"] for t in values]
            elif test == "variable":
                results += [("locator" in item) if v == "locator" else v in ref for v in values]
            elif test == "disambiguate":
                results.append(bool(item.__dict__.get("disambiguate")) == values)
            elif test == "_position":
                results += self._position(item, context)
            elif test == "_is_numeric":
                results += [_numeric(item, ref, v) for v in self.get("is-numeric").split()]
            else:
                results += getattr(self, test)(item)
        if match == "any":
            return any(results)
        return not any(results) if match == "none" else all(results)

    def _position(self, item, context):
        """citeproc-py's; never "ibid" for a cite rendered again for the names the
        style gives it at a later position (`cites.author_in_text`)."""
        results = super()._position(item, context)
        if item.__dict__.get("not_ibid"):
            tokens = self.get("position", "").split()
            return [r and not t.startswith("ibid") for r, t in zip(results, tokens, strict=False)]
        return results

    def tests(self) -> tuple[str, list]:
        return self._own("parsed_tests", self._parse)

    def _parse(self) -> tuple[str, list]:
        tests = []
        for attr, value in self.attrib.items():
            if attr == "type":
                tests.append(("type", value.lower().split()))
            elif attr == "variable":
                tests.append(("variable", [v.replace("-", "_") for v in value.split()]))
            elif attr == "disambiguate":
                tests.append(("disambiguate", value.strip().lower() == "true"))
            elif attr in ("is-numeric", "is-uncertain-date", "locator", "position"):
                tests.append(("_" + attr.replace("-", "_"), None))
        return self.get("match", "all"), tests


def _numeric(item, ref, variable: str) -> bool:
    """CSL `is-numeric`, which citeproc-py never evaluated for the locator ("chap. 3")."""
    if variable == "locator":
        value = item["locator"].identifier if item.has_locator else None
    else:
        value = ref.get(variable.replace("-", "_"))
    return value is not None and bool(NUMERIC.fullmatch(str(value).strip()))


class _Else_If(_If):
    pass


STATIC_TESTS = {"type", "variable", "disambiguate", "_locator"}


class _Choose(Fast, model.Choose):
    def render(self, item, context=None, delimiter="", **kwargs):
        """The branch taken, remembered per item shape when it depends on nothing else:
        the Chicago styles test dozens of conditions per element for every item."""
        branches, static = self._own("branches", self._branches)
        shape = item.__dict__.get("shape")
        if static and shape is not None:
            taken_by_shape = self._own("taken", dict)
            if shape not in taken_by_shape:
                taken_by_shape[shape] = self._take(item, context)
            taken = taken_by_shape[shape]
        else:
            taken = self._take(item, context)
        self.__dict__["last_taken"] = taken  # for the enclosing group (`_Group`)
        if taken is None:
            return None
        return taken.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def branch_calls_variable(self) -> bool:
        """Whether the branch last taken calls a variable (citeproc-py asked it of
        every branch, so a group kept a term whose branch has none: "Performed by.")."""
        taken = self.__dict__.get("last_taken")
        return taken is not None and taken.calls_variable()

    def _branches(self):
        branches = list(self.iterchildren())
        tests = [t for b in branches if isinstance(b, _If) for t, _ in b.tests()[1]]
        return branches, all(t in STATIC_TESTS for t in tests)

    def _take(self, item, context):
        branches, _ = self._own("branches", self._branches)
        return next(
            (b for b in branches if not isinstance(b, _If) or b.passes(item, context)), None
        )


class _Date(Fast, model.Date):
    def render_date_range(self, date_range, show_parts=None, context=None):
        return render_range(self, date_range, show_parts, context)

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        """citeproc-py's, and the year suffix of a style that never renders the
        `year-suffix` variable after the year of the first issued date of the entry
        (CSL spec: "rendered implicitly"), which citeproc-py left out ("Doe 1990")."""
        text = super().process(item, variable, show_parts, context, **kwargs)
        if not text or (variable or self.get("variable")) != "issued":
            return text
        if kwargs.get("sort_options") is not None:  # a sort key: the date alone
            return text
        year = str(abs(issued_year(item.reference.get("issued"))))
        at = str(text).rfind(year)
        suffix = _implicit_suffix(item, context if context is not None else self, at >= 0)
        if not suffix:
            return text
        at += len(year)
        return String(str(text)[:at] + suffix + str(text)[at:])


def _implicit_suffix(item, style, possible: bool = True) -> str:
    """The year suffix to render implicitly here, once per entry, for a style that
    never renders `year-suffix` (CSL: after the first date, or a citation label);
    "" when there is none, or it is rendered already."""
    suffix = item.reference.get("year_suffix")
    if not suffix or not possible or style.get_root().__dict__.get("explicit_year_suffix", True):
        return ""
    layouts = style.xpath_search("./ancestor-or-self::cs:layout[1]")
    done = layouts[0].repressed if layouts else {}
    if "year-suffix" in done:
        return ""
    done["year-suffix"] = True
    return str(suffix)


class _Group(Fast, model.Group):
    def process(self, item, context=None, **kwargs):
        """citeproc-py's: suppressed when it calls variables and renders none (CSL
        spec), with a `cs:choose` counted by the branch it took: a branch of terms
        alone ("n.d.") neither calls a variable nor leaves the group empty."""
        output, called, rendered = [], False, False
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            choose = isinstance(child, _Choose)
            try:
                if choose:
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            variable = child.branch_calls_variable() if choose else child.calls_variable()
            called = called or variable
            if text is not None:
                output.append(text)
                rendered = rendered or variable
        if output and (rendered or not called):
            return self.join(output)
        raise model.VariableError


class _Sort(Fast, model.Sort):
    def sort(self, items, context):
        """The items ordered by each cs:key (empty keys last, whatever the direction),
        each key computed once: citeproc-py compared them pairwise, lower-casing and
        trying int() at each comparison (seconds for a few thousand works)."""
        keys = self.findall("cs:key", self.nsmap)
        columns = [[_sort_value(v) for v in key.sort_keys(items, context)] for key in keys]
        order = list(range(len(items)))
        for key, column in reversed(list(zip(keys, columns, strict=True))):
            if key.get("sort", "ascending").lower() == "descending":
                order.sort(key=lambda i, c=column: (c[i] is not None, c[i] or ()), reverse=True)
            else:
                order.sort(key=lambda i, c=column: (c[i] is None, c[i] or ()))
        return [items[i] for i in order]


_MARKUP = re.compile("[\ue000-\uf8ff]")
_PUNCTUATION = re.compile(r"[^\w\s]")


def _sort_value(value) -> tuple | None:
    """A sort key without markup or punctuation (CMOS 16.58: "Simple title, here A"
    before "Simple “title” here C"), numbers before text and in numeric order ("2"
    before "10"), text compared without case."""
    if value is None:
        return None
    if isinstance(value, int):
        return (0, value, "")
    text = " ".join(_PUNCTUATION.sub("", _MARKUP.sub("", str(value))).lower().split())
    if not text:
        return None
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def element_classes() -> dict[str, type]:
    """citeproc-py's element classes by tag, each with memoised lookups, plus ours."""
    ours = {
        "choose": _Choose,
        "date": _Date,
        "group": _Group,
        "else-if": _Else_If,
        "if": _If,
        "label": Label,
        "layout": Layout,
        "name": Name,
        "names": Names,
        "name-part": NamePart,
        "sort": _Sort,
        "number": _Number,
        "substitute": Substitute,
        "text": _Text,
    }
    classes = {}
    for cls in model.CitationStylesElement.__subclasses__():
        tag = cls.__name__.replace("_", "-").lower()
        mixin = FastXPath if cls is model.Locale else Fast  # its own get_term
        classes[tag] = ours.get(tag) or type(cls.__name__, (mixin, cls), {})
    return classes
