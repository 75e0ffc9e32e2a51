"""The corpus' works made again from the last link of the same corpus, where only the
documents whose part changed are looked at (serve: an edit of one essay at 1,000
essays links in milliseconds instead of a second).

`link_corpus` records what it made (`LinkState`); the next call, given that record,
takes from it what the unchanged documents decide. Each shortcut holds only where the
record shows it gives what a whole link gives, and is tried only then:
- the key reservation reads every document's `Summary`: kept when every summary (and
  the document's path, which its diagnostics name) is the one recorded;
- a work is a function of the reservation, the bibliography and the parts that cite
  it, in document order: a work no changed part cites is the recorded one (the same
  object: no later stage changes a work), one they cite is made again from its parts;
- the works' order is that of their first citation: kept when each changed part
  cites its works in the recorded order, or else the works are all put in again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from glossator.diagnostics import Diagnostic
from glossator.link.mentions import Mention, MentionIndex
from glossator.link.parts import Linked, Summary
from glossator.link.works import Work
from glossator.model import Document


@dataclass
class LinkState:
    """One `link_corpus` call as made, for the next call in this process: what it was
    made from (the bibliography's digest and path, each document's slug, path and
    summary) and what it made, by document in slug order."""

    made_with: str
    reserved: list[tuple[str, str, Summary]]  # slug, path, summary
    parsed_keys: dict[str, str]
    reserve_diagnostics: list[Diagnostic]
    parts: list[Linked]
    versions: list[str | None]
    linked_docs: list[Document]
    made: list[tuple[str, str | None]]
    works: dict[str, Work]
    uncurated: dict[str, Diagnostic]  # each uncurated work's info line
    named: MentionIndex
    mentions: list[list[tuple[str, list[Mention]]]]  # by document: paragraph, mentions
    note_cites: dict[tuple[str, int], list[tuple[str, str | None]]]
    uncurated_keys: list[str]  # `Linker.keys_of` each summary, by document
    keys: dict[int, frozenset[str]] = field(default_factory=dict)  # id(part) -> its keys


def same_reservation(
    state: LinkState | None, made_with: str | None, docs: list[Document], summaries: list
) -> bool:
    """Whether the recorded reservation is what reserving keys would make now."""
    if state is None or made_with is None or state.made_with != made_with:
        return False
    if len(state.reserved) != len(docs):
        return False
    for (slug, path, summary), doc, now in zip(state.reserved, docs, summaries, strict=True):
        if slug != doc.slug or path != doc.path or (summary is not now and summary != now):
            return False
    return True


def part_keys(part: Linked, known: dict[int, frozenset[str]]) -> frozenset[str]:
    """Every work key the part adds to or places in the works, remembered by part."""
    found = known.get(id(part))
    if found is None:
        found = frozenset([k for k, _ in part.adds] + [k for k, _ in part.later])
        known[id(part)] = found
    return found


def _first_order(part: Linked) -> tuple[list[str], list[str]]:
    """The keys of a part in the order it first names them, in each of the two passes."""
    return list(dict.fromkeys(k for k, _ in part.adds)), list(
        dict.fromkeys(k for k, _ in part.later)
    )


def patch_works(
    state: LinkState,
    parts: list[Linked],
    curated: Callable[[str, str | None], Work],
) -> tuple[dict[str, Work], set[str]] | None:
    """The works for `parts` (same documents, same reservation as `state`), each made
    again only where a changed part cites it, with the set of keys made again; None
    when the works' order may have changed (the caller puts them all in again).
    `curated(key, kind)` makes a curated work as the linker does."""
    changed = [n for n, part in enumerate(parts) if part is not state.parts[n]]
    touched: set[str] = set()
    for n in changed:
        if _first_order(parts[n]) != _first_order(state.parts[n]):
            return None
        touched |= part_keys(parts[n], state.keys) | part_keys(state.parts[n], state.keys)
    if not touched:
        return state.works, touched
    citing: dict[str, list[Linked]] = {key: [] for key in touched}
    for part in parts:
        for key in part_keys(part, state.keys) & touched:
            citing[key].append(part)
    made = {key: _made_again(key, citing[key], state.works.get(key), curated) for key in touched}
    if any(work is None or key not in state.works for key, work in made.items()):
        return None  # a work came or went: the order is not the recorded one
    works = dict(state.works)  # the recorded order, the made-again works in their places
    works.update(made)
    return works, touched


def reserved_works(state: LinkState) -> dict[str, Work]:
    """The works the recorded reservation made (the uncurated ones, first in the
    works' order), without their places: where `Linker.reserve_keys` leaves them."""
    return {key: _unplaced(w) for key, w in state.works.items() if not w.curated}


def _unplaced(work: Work) -> Work:
    """An uncurated work as the reservation made it: its own fields, no places yet."""
    return Work(work.key, work.entry_type, work.kind, dict(work.fields), False, work.confident)


def _made_again(
    key: str,
    parts: list[Linked],
    recorded: Work | None,
    curated: Callable[[str, str | None], Work],
) -> Work | None:
    """One work as `Linker.add` makes it from the parts citing it: an uncurated work
    (from the reservation) or the curated one its first citation adds, then its places
    in order. None when no part names it (it is gone: the order changes)."""
    work = None
    if recorded is not None and not recorded.curated:  # the reservation's, places aside
        work = _unplaced(recorded)
    for part in parts:
        if work is not None:
            break
        for k, kind in part.adds:
            if k == key:
                work = curated(key, kind)
                break
    for part in parts:
        for k, at in part.later:
            if k != key:
                continue
            if work is None:
                work = curated(key, None)
            if at is not None:
                work.cited_by.append(at)
    return work
