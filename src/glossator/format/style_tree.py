"""A CSL style file parsed into citeproc-py's tree, with glossator's corrected element
classes (`citeproc_elements.py`), and kept parsed for the next instance of the same
style in the same thread."""

from __future__ import annotations

import threading
from collections import OrderedDict

from citeproc import CitationStylesStyle, model
from lxml import etree

from glossator.format.citeproc_elements import element_classes
from glossator.format.csl_text import CSL_NS, MarkerFormatter


class Style(CitationStylesStyle):
    """A CSL style parsed with the corrected element classes."""

    def __init__(self, path: str, locale: str | None = None) -> None:
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NS)
        namespace[None] = model.CitationStylesElement
        namespace.update(element_classes())
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(path, parser)
        self.root = root = _prepare(self.xml.getroot())
        root.macros = {m.get("name"): m for m in root.iterchildren(f"{{{CSL_NS}}}macro")}
        root.set_locale_list(locale or root.get("default-locale", "en-US"), False)
        for i, loc in enumerate(root.locales):  # locale files too, with our classes
            if loc.getroottree().getroot() is not root:
                root.locales[i] = _prepare(etree.parse(loc.getroottree().docinfo.URL, parser))
                root.locales[i].style = root
        root.formatter = MarkerFormatter
        found = root.xpath("//cs:text[@variable='year-suffix']", namespaces={"cs": CSL_NS})
        root.explicit_year_suffix = bool(found)  # else a date shows it (`_Date`)
        root.substituted = []  # per render: variables used inside each open cs:substitute


_PARSED: OrderedDict[tuple[str, int], Style] = OrderedDict()
KEEP_PARSED = 4  # styles kept parsed, the least recently asked for dropped first


def parsed_style(path: str, locale: str | None, key: str | None = None) -> Style:
    """`Style(path, locale)`; with `key`, the one parsed under it before in this thread
    (some 30 ms a build in serve). The tree holds only the style and, while an entry
    renders, that entry's state, so the instances of one thread may use it in turn,
    as the renders of one build do; never two threads at once."""
    if key is None:
        return Style(path, locale)
    slot = (key, threading.get_ident())
    found = _PARSED.get(slot)
    if found is None:
        found = _PARSED[slot] = Style(path, locale)
        while len(_PARSED) > KEEP_PARSED:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(slot)
    return found


def _prepare(tree_or_root):
    """Give a parsed tree its memo, and hold every element's proxy so that lxml hands
    back the same Python objects, with their caches, at each traversal."""
    is_tree = isinstance(tree_or_root, etree._ElementTree)
    root = tree_or_root.getroot() if is_tree else tree_or_root
    root.memo = {}
    root.elements = list(root.iter())
    return root
