"""Corrected citeproc-py elements for names: `cs:name` (set out by `names.py`),
`cs:names` (hyphenated and CSL 1.0.2 variables, substitution, counting), `cs:name-part`,
`cs:label` and `cs:substitute`. See `citeproc_elements.py` for the why."""

from __future__ import annotations

from citeproc import model

from glossator.format.csl_text import (
    AUTHOR_MARK,
    CSL_NS,
    NO_AUTHOR_MARK,
    punctuate_initials,
    title_case,
)
from glossator.format.element_base import NAMES_TAG, TEXT_TAG, Fast, note_substituted
from glossator.format.initials import initialize
from glossator.format.names import NameList, is_others


class Name(Fast, model.Name):
    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        """The names as CSL 1.0.2 sets them out (`format/names.py`)."""
        return NameList(self, context, sort_options).render(item, variable)

    def initialize(self, given, mark, context):
        """Honour `initialize="false"`: keep given names, only punctuate their initials."""
        if self._inherited("initialize", context) == "false":
            return punctuate_initials(str(given), mark)
        return initialize(str(given), mark, self.get_option("initialize-with-hyphen", context))

    def _inherited(self, option: str, context) -> str:
        if option in self.attrib:
            return self.get(option).lower()
        expr = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        parents = (context if context is not None else self).xpath_search(expr)
        for element in (*parents, self.get_root()):
            if option in element.attrib:
                return element.get(option).lower()
        return "true"


class Names(Fast, model.Names):
    def process(self, item, names_context=None, context=None, **kwargs):
        """The names (`_names`); for the first names of a cite whose names
        collapsing leaves out (`collapse.py`), NO_AUTHOR_MARK, label and all; for
        those of an author-in-text cite, AUTHOR_MARK, the names kept on the cite
        (`cites.author_in_text` sets them before the rest)."""
        first = "first_names" not in item.__dict__
        text = self._names(item, names_context, context, **kwargs)
        if text and first and item.__dict__.get("suppress_names"):
            return NO_AUTHOR_MARK
        in_text = item.__dict__.get("author_in_text") and "author_names" not in item.__dict__
        if text and first and in_text and kwargs.get("sort_options") is None:
            names = [v.replace("-", "_") for v in self.get("variable", "").split()]
            item.__dict__["author_names"] = str(text)
            item.__dict__["author_named"] = any(item.reference.get(v) for v in names)
            return AUTHOR_MARK
        return text

    def _names(self, item, names_context=None, context=None, **kwargs):
        """citeproc-py's, corrected: hyphenated variables (`container-author`, CSL
        1.0.2's `director`) are found; a bare `cs:names` inside `cs:substitute` takes
        the name, et-al and label of the `cs:names` it stands in for (CSL spec), also
        inside a `cs:choose`; a variable already substituted is not shown again;
        `form="count"` adds up the names of all variables. The first names an entry
        shows, without label, are noted on the cite for `subsequent-author-substitute`
        (engine.bibliography), which renders the entry again with `names_replacement`
        in their place: replaced while rendering, the names keep their label and
        affixes ("———, ed."; "———." where "et al." had swallowed the period)."""
        context = self if context is None else context
        if names_context is None:
            names_context = self._own("stands_for", self._stands_for)
        repressed = context.get_layout().repressed.get(NAMES_TAG, ())
        ref = item.reference
        roles = [
            r for r in self.get("variable", "").split()
            if r not in repressed and ref.get(r.replace("-", "_"))
        ]  # fmt: skip
        label_role = {}
        if set(roles) == {"editor", "translator"} and ref["editor"] == ref["translator"]:
            term = self.get_term("editortranslator")
            if term is not None and term.getchildren():  # a locale may leave it empty
                roles, label_role = ["editor"], {"editor": "editortranslator"}
        name_elem = names_context._own("name_child", lambda: names_context.name)
        if name_elem is None:
            name_elem = names_context.makeelement(f"{{{CSL_NS}}}name")
            names_context.insert(0, name_elem)
            self.get_root().elements.append(name_elem)
            names_context.__dict__["name_child"] = name_elem
        # each child looked up once (`cs:name`, `cs:label`: a `find` per name rendered)
        label = names_context._own("label_child", lambda: names_context.label)
        output, counted = [], name_elem.get("form") == "count"
        for role in roles:
            text = name_elem.render(item, role, context=context, **kwargs)
            if not text:
                continue
            note_substituted(self, role, context)
            if counted:
                output.append(int(str(text)))
                continue
            if "first_names" not in item.__dict__:  # for subsequent-author-substitute:
                item.__dict__["first_names"] = str(text)  # the names, not their label
                text = item.__dict__.get("names_replacement", text)  # "———, ed."
            if label is not None and kwargs.get("sort_options") is None:  # not in sort keys
                plural = len([n for n in ref[role.replace("-", "_")] if not is_others(n)]) > 1
                term = label.render(item, label_role.get(role, role), plural, **kwargs)
                if term is not None:
                    text = term + text if label is names_context[0] else text + term
            output.append(text)
        if output and counted:
            return str(sum(output)) if sum(output) else None
        if output:
            return self.join(output, self.get_parent_delimiter(context))
        substitute = self.substitute()
        if substitute is None:
            raise model.VariableError  # as citeproc-py: an empty group is dropped
        text = substitute.render(item, context=context, **kwargs)
        if text and "first_names" not in item.__dict__:  # a title standing for the author
            item.__dict__["first_names"] = str(text)
            text = item.__dict__.get("names_replacement", text)
        return text

    def _stands_for(self):
        """The `cs:names` a childless `cs:names` inside its `cs:substitute` stands for."""
        if self.find("cs:name", self.nsmap) is not None:
            return self
        found = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
        return found[0] if found else self


class NamePart(Fast, model.Name_Part):
    def format_part(self, given, family):
        """As strings: affixes made them lists that `cs:name` could not join."""
        given, family = super().format_part(given, family)
        return (given if given is None else str(given)), (family if family is None else str(family))


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Label(Fast, model.Label):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        """No term for an empty variable (CSL spec): an "Edition" label without edition."""
        name = variable or self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name == "editortranslator":  # the role cs:names gives an editor who translated
            if not ("editor" in item.reference and "translator" in item.reference):
                return None
        elif name and name.replace("-", "_") not in item.reference:
            return None
        return super().process(item, variable, plural, context, **kwargs)

    def case(self, text, language=None):
        """A term is in the style's language: title case when that is English, as
        for a text of a work in no other language. citeproc-py asked the item's
        language, which a label is never given, so APA's "(G. Ferrari, Ed.)" read "ed."."""
        if self.get("text-case") == "title" and self._own("language", self._language) == "en":
            return title_case(text)
        return super().case(text, language)

    def _language(self) -> str:
        root = self.get_root()
        for locale in getattr(root, "locales", None) or []:
            tag = locale.get(XML_LANG)
            if tag:
                return tag[:2].lower()
        return (root.get("default-locale") or "en")[:2].lower()

    def _is_plural(self, item):
        """CSL: `number-of-volumes` and `number-of-pages` are plural above 1 ("3 vols.");
        citeproc-py looked the value up on the cite, not the work, and lost the label."""
        variable = self.get("variable") or ""
        if variable.startswith("number-of"):
            value = str(item.reference.get(variable.replace("-", "_"), "")).strip()
            return value.isdigit() and int(value) > 1
        return super()._is_plural(item)


class Substitute(Fast, model.Substitute):
    def render(self, item, context=None, **kwargs):
        """Suppress what the substitute rendered, also through macros (CSL spec)."""
        open_substitutes = self.get_root().substituted  # a stack, kept on the style
        open_substitutes.append(set())
        try:
            text = super().render(item, context=context, **kwargs)
        finally:
            used = open_substitutes.pop()
        if text:
            layout = (context if context is not None else self).get_layout()
            layout.repressed.setdefault(TEXT_TAG, []).extend(used)
            layout.repressed.setdefault(NAMES_TAG, []).extend(used)
            if open_substitutes:
                open_substitutes[-1].update(used)
        return text
