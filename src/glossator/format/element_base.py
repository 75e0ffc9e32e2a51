"""The base of the corrected citeproc-py elements (`citeproc_elements.py`,
`name_elements.py`): memoised lookups, no-op formatting skipped, case changes that
accept what citeproc-py hands them, and the record of substituted variables."""

from __future__ import annotations

from citeproc.string import MixedString, NoCase, String

from glossator.format.csl_text import CSL_NS, MarkerFormatter, caseable

TEXT_TAG = f"{{{CSL_NS}}}text"
NAMES_TAG = f"{{{CSL_NS}}}names"

FONT_PROPERTIES = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


class FastXPath:
    """Memoised XPath queries: the style tree does not change once parsed. The style
    holds every element's proxy, so caches kept on an element last with the style."""

    def _own(self, name: str, compute):
        d = self.__dict__
        if name not in d:
            d[name] = compute()
        return d[name]

    def _shared(self, key, compute):
        memo = self._own("root_memo", lambda: self.get_root().__dict__.get("memo"))
        if memo is None:
            return compute()
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def xpath_search(self, expression):
        found = self._own("xpaths", dict)
        if expression not in found:
            found[expression] = super().xpath_search(expression)
        return found[expression]


class Fast(FastXPath):
    """Memoised lookups that citeproc-py repeated for every item, and no-op formatting
    skipped for the many elements without font properties or affixes."""

    def calls_variable(self):
        return self._own("calls", super().calls_variable)

    def get_macro(self, name):
        return self.get_root().__dict__["macros"][name]

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        args = (name, form, fallback_locale, zero_padded)
        return self._shared(("term", *args), lambda: super(Fast, self).get_term(*args))

    def get_date(self, form):
        return self._shared(("date", form), lambda: super(Fast, self).get_date(form))

    def get_formatter(self):
        return MarkerFormatter

    def case(self, text, language=None):
        if not text:
            return text
        if isinstance(text, MixedString) and self.get("text-case") in ("lowercase", "uppercase"):
            return _cased(text, self.get("text-case"))  # a nocase part kept as written
        cased = super().case(caseable(text), language)
        return cased if isinstance(text, MixedString) else String(str(cased))

    def strip_periods(self, string):
        return super().strip_periods(caseable(string))

    def format(self, string):
        d = self.__dict__
        if "plain" not in d:
            d["plain"] = not any(a in self.attrib for a in FONT_PROPERTIES)
        if d["plain"]:
            return str(string) if isinstance(string, (int, float)) else string
        return super().format(string)

    def wrap(self, string):
        d = self.__dict__
        if "unaffixed" not in d:
            d["unaffixed"] = "prefix" not in self.attrib and "suffix" not in self.attrib
        if string is None or d["unaffixed"]:
            return string
        return super().wrap(string)


def _cased(text, case: str):
    """Lower or upper case, leaving nocase parts (`<span class="nocase">`) alone."""
    if isinstance(text, NoCase):
        return text
    if isinstance(text, MixedString):
        return MixedString([_cased(part, case) for part in text])
    text = caseable(text)
    return text.lower() if case == "lowercase" else text.upper()


def note_substituted(element, variable: str, context) -> None:
    """Record a variable rendered inside an open `cs:substitute`, to suppress it in the
    rest of the entry, from now on: a macro the substitute calls does not show an
    editor twice ("Doe ed.Doe editor")."""
    open_substitutes = getattr(element.get_root(), "substituted", None)
    if open_substitutes:
        open_substitutes[-1].add(variable)
        layouts = context.xpath_search("./ancestor-or-self::cs:layout[1]")
        if layouts:
            layouts[0].repressed.setdefault(NAMES_TAG, []).append(variable)
            layouts[0].repressed.setdefault(TEXT_TAG, []).append(variable)
