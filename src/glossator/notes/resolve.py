"""What each note of one document cites, before any bibliography is consulted.

Per document and pure, so it can be cached with the document: full citations are
parsed; `Ibid.` and short forms (`Grafton, Footnote, 45.`, `Grafton, 50.`) resolve to
a work cited earlier in the same document, or to nothing with a warning that names
the candidates: a wrong link is worse than none, so nothing here is guessed. `[@key]`
groups name works by their bibliography key; the rest of such a note is read in
order, so that an `Ibid.` beside a key is the work cited just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossator.model import Document, Note
from glossator.model.citekeys import find_groups
from glossator.model.document import note_citations
from glossator.model.values import frozen_value
from glossator.notes import shapes as S
from glossator.notes.parse_note import ParsedWork, citation_parts, normalize, parse_note
from glossator.notes.short import IBID, ShortForm, read_short, suggest, work_label


@frozen_value
class Cite:
    """One work cited by one note: parsed from the text, or named by key."""

    work: ParsedWork | None = None
    key: str | None = None
    locator: str | None = None
    group: str | None = None  # the `[@...]` text this came from, to be replaced


@dataclass(slots=True)
class NoteCites:
    """A note's cites, the citations it holds that could not be read (listed, never
    linked), and the (code, message) warnings its `Ibid.` or short forms raised."""

    note: Note
    cites: list[Cite] = field(default_factory=list)
    unread: list[ParsedWork] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _State:
    earlier: list[ParsedWork] = field(default_factory=list)  # distinct, in citing order
    previous: list[Cite] = field(default_factory=list)  # the previous note's cites
    previous_unread: bool = False  # the previous note's citation could not be read


def _distinct(cites: list[Cite]) -> list[Cite]:
    seen, out = set(), []
    for c in cites:
        ident = c.key or (c.work and (c.work.fields, c.work.entry_type))
        if ident not in seen:
            seen.add(ident)
            out.append(c)
    return out


def _cite_label(cite: Cite) -> str:
    if cite.work is None and cite.key is None:
        return "a citation that could not be resolved"
    return work_label(cite.work) if cite.work else f"@{cite.key}"


def _ibid(
    locator: str | None, previous: list[Cite], result: NoteCites, unread: bool = False
) -> None:
    """`Ibid.` is the one work of the previous citation, or a warning naming the candidates."""
    works = _distinct(previous)
    if len(works) == 1:
        only = works[0]
        result.cites.append(Cite(work=only.work, key=only.key, locator=locator or None))
        return
    if works:
        names = "; ".join(_cite_label(c) for c in works)
        message = (
            f"`Ibid.` follows a citation of {len(works)} works ({names}), so which one it "
            "means cannot be known; write the short form of the work meant instead"
        )
    elif unread:
        message = (
            "`Ibid.` follows a note whose citation could not be read (its own warning says "
            "why); once that note is read, Ibid. refers to its work"
        )
    else:
        message = (
            "`Ibid.` follows a note that cites no work it can refer to; write the short "
            "form of the work meant (author, short title, page) instead"
        )
    result.problems.append(("citation.ibid", message))


def _short(form: ShortForm, state: _State, result: NoteCites) -> bool:
    """Link a short form to its earlier work; False when it may be a full citation."""
    form = form.reading(state.earlier)
    found = form.matches(state.earlier)
    if len(found) == 1:
        result.cites.append(Cite(work=found[0], locator=form.locator))
        return True
    if len(found) > 1:
        names = "; ".join(work_label(w) for w in found)
        result.problems.append(
            (
                "citation.short-ambiguous",
                f"the short form “{form.text}” fits {len(found)} works cited earlier "
                f"({names}); add the short title to say which",
            )
        )
        return True
    return False


def _unmatched(form: ShortForm, state: _State, result: NoteCites) -> None:
    near = suggest(form, state.earlier)
    names = " or ".join(f"“{n}”" for n in near)
    hint = f"did you mean {names}? If not, give" if near else "give"
    result.problems.append(
        (
            "citation.short-unmatched",
            f"the short form “{form.text}” matches no work cited earlier in this "
            f"document; {hint} the full citation at the work's first note",
        )
    )


def _segment(text: str, optional: bool, state: _State, result: NoteCites) -> None:
    """One citation of a note: `Ibid.`, a short form, or a full citation."""
    bare = S.strip_lead_in(S.strip_signal(text))
    if ibid := IBID.match(bare):
        own = [c for c in result.cites if c.work or c.key]
        unread = not own and state.previous_unread
        _ibid(ibid.group("locator"), own[-1:] if own else state.previous, result, unread)
        return
    form = read_short(bare)
    if form is not None and _short(form, state, result):
        return
    works = parse_note(text)
    read = [w for w in works if w.confident]
    if form is not None and not read:
        if not optional:
            _unmatched(form, state, result)
        return
    result.cites += [Cite(work=w, locator=w.locator) for w in read]
    if not optional:
        result.unread += [w for w in works if not w.confident]


def _resolve_text(result: NoteCites, state: _State) -> None:
    text = normalize(result.note.text)
    parts = citation_parts(text)
    bare = [S.strip_lead_in(S.strip_signal(s)) for s, _ in parts]
    special = [IBID.match(b) or read_short(b) for b in bare]
    if not any(special):  # the parser splits (and re-joins) a note of full citations
        works = parse_note(text)
        result.cites += [Cite(work=w, locator=w.locator) for w in works if w.confident]
        result.unread += [w for w in works if not w.confident]
        return
    for seg, optional in parts:
        _segment(seg, optional, state, result)


def resolve_document(doc: Document) -> list[NoteCites]:
    """The cites of every note of `doc`, in note order."""
    results: list[NoteCites] = []
    state = _State()
    for note in doc.notes:
        result = NoteCites(note)
        citations = note_citations(note)
        groups = [] if citations else find_groups(note.text)
        if citations:
            spans, cursor = [], 0
            for c in citations:  # each where it stands in the text, in order
                start = note.text.find(c.source, cursor)
                if start < 0:
                    start = cursor = len(note.text)
                else:
                    cursor = start + len(c.source)
                keyed = [Cite(key=i.key, locator=i.locator, group=c.source) for i in c.items]
                spans.append((start, cursor, keyed))
            _keyed(note.text, spans, state, result)
        elif groups:
            spans = [
                (
                    start,
                    end,
                    [Cite(key=i.key, locator=i.locator, group=note.text[start:end]) for i in items],
                )
                for start, end, items in groups
            ]
            _keyed(note.text, spans, state, result)
        else:
            _resolve_text(result, state)
        for cite in result.cites:
            if cite.work is not None and cite.work not in state.earlier:
                state.earlier.append(cite.work)
        # a note with a citation left unread or unmatched has no one work Ibid. can mean
        unsure = result.unread or any(c.startswith("citation.short") for c, _ in result.problems)
        state.previous = result.cites + ([Cite()] if unsure and result.cites else [])
        state.previous_unread = bool(result.unread) and not result.cites
        results.append(result)
    return results


SLOT = re.compile("\ue000(\\d+)\ue001")  # where a key citation stood in a note's text
BEFORE_IBID = re.compile(r"(?<=\.)\s+(?=[Ii]bid\b)")  # "See [@a, 7]. Ibid., 9."


def _keyed(
    text: str, spans: list[tuple[int, int, list[Cite]]], state: _State, result: NoteCites
) -> None:
    """A note citing by key (`[@key]`, `@key`): its citations in the order written.
    A part of the note holding a key citation gives the keys, and the prose around
    them is searched for full citations only (`_parse_rest`); a part without one is
    read as a hand-written note's citation is (`_segment`): `Ibid.` (the work cited
    just before it, in this note or the previous one), a short form, a full
    citation, each optional, so that prose raises no warning."""
    text = text.replace("\ue000", " ")  # one of the author's would read as a slot
    marked, cursor, slots = [], 0, []
    for start, end, cites in spans:
        marked += [text[cursor:start], f"\ue000{len(slots)}\ue001"]
        slots.append(cites)
        cursor = max(cursor, end)
    marked.append(text[cursor:])
    around, taken = [], set()
    parts = [p for seg, _ in citation_parts("".join(marked)) for p in BEFORE_IBID.split(seg)]
    for seg in parts:
        found = [int(n) for n in SLOT.findall(seg)]
        if not found:
            _segment(seg, True, state, result)
            continue
        for n in found:
            if n not in taken:
                taken.add(n)
                result.cites += slots[n]
        around.append(SLOT.sub(" ", seg))
    for n, cites in enumerate(slots):  # never lost, however the parts were cut
        if n not in taken:
            result.cites += cites
    result.cites += [Cite(work=w, locator=w.locator) for w in _parse_rest(" ".join(around))]


def _parse_rest(text: str) -> list[ParsedWork]:
    """Text around `[@key]` groups is usually prose (`See`, `and`); keep real citations."""
    stripped = re.sub(r"[\s.,;:]+", " ", text).strip()
    if len(stripped.split()) < 4:
        return []
    return [w for w in parse_note(text) if w.confident]
