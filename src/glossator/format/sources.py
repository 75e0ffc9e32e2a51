"""The works as citeproc-py reads them: one `CiteProcJSON` source per call of the
engine, its items keyed by position, with what citeproc-py does not read itself (CSL
1.0.2 names, seasons, rich text, Pandoc's short titles) prepared."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

from citeproc import NAMES
from citeproc.source.json import CiteProcJSON

from glossator.format.cites import SUPPRESSED_ID, citation_label
from glossator.format.csl_text import NO_AUTHOR_MARK, clean
from glossator.format.rich_text import rich_item, seasons


def make_source(
    items: Iterable[dict], suppressed: set[str] = frozenset(), labels: bool = False
) -> CiteProcJSON:
    """Items keyed by position: citeproc-py lower-cases ids, which could collide; an
    item without a type is a `document` (CSL's generic type), not a crash. Each
    id in `suppressed` also gets its author-less twin, `<id>s`. With `labels`, an
    item without a `citation-label` gets one (`cites.citation_label`). The items are
    read once, in order, and each prepared one let go once citeproc-py has read it
    (a bibliography of 30,000 works held them all twice, as given and as prepared)."""
    twins: list[dict] = []
    names: list[tuple[str, str, list]] = []  # CSL 1.0.2 names (director, compiler)

    def prepared() -> Iterator[dict]:
        for n, item in enumerate(items):
            ready = {"type": "document"} | rich_item(_short_title(clean(item))) | {"id": f"i{n}"}
            if labels:
                label = ready.get("citation-label") or citation_label(ready)
                if label:
                    ready["citation-label"] = label
            if ready["id"] in suppressed:
                author = [{"literal": NO_AUTHOR_MARK}]
                twins.append(ready | {"id": ready["id"] + SUPPRESSED_ID, "author": author})
            yield _noting_names(ready, names)
        for twin in twins:
            yield _noting_names(twin, names)

    with warnings.catch_warnings():  # CSL 1.0.2 variables it does not list (event-title)
        warnings.filterwarnings("ignore", "The following arguments", UserWarning)
        source = CiteProcJSON(prepared())
    for key, name, value in names:  # read as text by citeproc-py: read as names
        source[key][name.replace("-", "_")] = source.parse_names(value)
    for reference in source.values():
        seasons(reference)
    return source


def _noting_names(item: dict, names: list[tuple[str, str, list]]) -> dict:
    """`item`, its name lists citeproc-py does not know as names noted in `names`."""
    for key, value in item.items():
        if _is_name_list(value) and key.replace("-", "_") not in NAMES:
            names.append((item["id"], key, value))
    return item


def _is_name_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(n, dict) for n in value)


def _short_title(item: dict) -> dict:
    """The short title a later note uses, as Pandoc derives it: the title up to its
    subtitle ("The Footnote: A Curious History" → "The Footnote")."""
    title = item.get("title")
    if "title-short" in item or not isinstance(title, str) or ": " not in title:
        return item
    return item | {"title-short": title.split(": ", 1)[0]}
