"""The works as citeproc-py reads them: one `CiteProcJSON` source per call of the
engine, its items keyed by position, with what citeproc-py does not read itself (CSL
1.0.2 names, seasons, rich text, Pandoc's short titles) prepared."""

from __future__ import annotations

import warnings

from citeproc import NAMES
from citeproc.source.json import CiteProcJSON

from glossator.format.cites import SUPPRESSED_ID, citation_label
from glossator.format.csl_text import NO_AUTHOR_MARK, clean
from glossator.format.rich_text import rich_item, seasons


def make_source(
    items: list[dict], suppressed: set[str] = frozenset(), labels: bool = False
) -> CiteProcJSON:
    """Items keyed by position: citeproc-py lower-cases ids, which could collide; an
    item without a type is a `document` (CSL's generic type), not a crash. Each
    id in `suppressed` also gets its author-less twin, `<id>s`. With `labels`, an
    item without a `citation-label` gets one (`cites.citation_label`)."""
    prepared = [
        {"type": "document"} | rich_item(_short_title(clean(item))) | {"id": f"i{n}"}
        for n, item in enumerate(items)
    ]
    for item in prepared if labels else ():
        label = item.get("citation-label") or citation_label(item)
        if label:
            item["citation-label"] = label
    prepared += [
        item | {"id": item["id"] + SUPPRESSED_ID, "author": [{"literal": NO_AUTHOR_MARK}]}
        for item in prepared
        if item["id"] in suppressed
    ]
    with warnings.catch_warnings():  # CSL 1.0.2 variables it does not list (event-title)
        warnings.filterwarnings("ignore", "The following arguments", UserWarning)
        source = CiteProcJSON(prepared)
    for item in prepared:  # CSL 1.0.2 names (director, compiler) that it reads as text
        reference = source[item["id"]]
        for key, value in item.items():
            if _is_name_list(value) and key.replace("-", "_") not in NAMES:
                reference[key.replace("-", "_")] = source.parse_names(value)
    for reference in source.values():
        seasons(reference)
    return source


def _is_name_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(n, dict) for n in value)


def _short_title(item: dict) -> dict:
    """The short title a later note uses, as Pandoc derives it: the title up to its
    subtitle ("The Footnote: A Curious History" → "The Footnote")."""
    title = item.get("title")
    if "title-short" in item or not isinstance(title, str) or ": " not in title:
        return item
    return item | {"title-short": title.split(": ", 1)[0]}
