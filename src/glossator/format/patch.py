"""The last format of the same corpus, taken again where its inputs are the ones it
was made from (serve: an edit of one essay does not walk the 30,000 works again).

What the works' part makes (CSL-JSON, BibTeX, the style's entries and what they
decided for the notes) is a function of the style and of each work's key, type, kind
and fields; a document's filling is a function of the linked document, the CSL items
and those decisions. `format_corpus` records both (`FormatState`) and, given the
record, takes the works' part when every work is the recorded object or has the
recorded identity, and a document's filling when it is the recorded linked document,
formatted in the same style from the same items.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import compress

from glossator.format.csl_items import CslItems
from glossator.format.csl_text import FormattedEntry
from glossator.format.filled import Filled
from glossator.link.works import Work
from glossator.model import Document

Identity = tuple  # (key, entry_type, kind, curated, fields' items): what a work's formatting reads


@dataclass
class WorksPart:
    """The works' formatting as made: from which works, style and decisions, what."""

    style: str  # the style's key (names its file and glossator's code)
    before: object  # the style's decisions before `entries`
    works: dict[str, Work]
    identities: dict[str, Identity]
    csl_items: CslItems
    decisions: object  # after `entries`
    ordered: tuple[dict[str, FormattedEntry], dict[str, str], CslItems]


@dataclass
class FormatState:
    works: WorksPart
    linked: list[Document]  # the linked documents, in order
    styles: list[tuple[str, bool] | None]  # each one's style key, and whether the site's
    kept: list[Filled | None]  # what the memo gave for each
    filled: list[Document]
    versions: list[str | None]
    identities_changed: bool  # whether the call changed the `known` it was given


def identity(key: str, work: Work) -> Identity:
    return key, work.entry_type, work.kind, work.curated, tuple(work.fields.items())


def same_works(part: WorksPart | None, works: dict[str, Work], style: str | None) -> bool:
    """Whether the recorded works' part is what formatting `works` in `style` makes."""
    if part is None or style is None or part.style != style:
        return False
    keys = list(works)
    if len(works) != len(part.works) or keys != list(part.works):  # order too
        return False
    recorded, identities = part.works, part.identities
    # The same objects, compared in C (an edit makes a few works again of 30,000);
    # those made again, by what their formatting reads.
    made_again = map(operator.is_not, works.values(), recorded.values())
    return all(identity(key, works[key]) == identities[key] for key in compress(keys, made_again))
