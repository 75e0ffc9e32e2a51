"""Where an essay cites each work, as links a reader follows in one step: from a note
(in the notes list, its popover and its sidenote) to the work's source page, to the
other notes of the essay citing the same work and to the previous and next of them;
and from each bibliography entry back to every place that cites it.

Plain `str` of escaped HTML inside, as in `render.inline`; one Markup per note.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from glossator.link.corpus import Work
from glossator.model import Document
from glossator.paths import source_path
from glossator.render.inline import esc

NoteSources = Mapping[int, Sequence[tuple[Work, str | None]]]  # note -> (work, locator)


def short_title(work: Work, csl: Mapping[str, object] | None = None) -> str:
    """The work's name in a "Source:" link, whole, never cut mid-title: its short title
    (BibTeX's `shorttitle`), else its title up to the subtitle, as Pandoc derives the
    short title ("Multilateralism: The Search" → "Multilateralism"), else its key. A
    curated work's is its `.bib` fields' as written (its CSL title is in sentence case
    for the styles); a parsed one's, its CSL item's."""
    item = csl if csl is not None and not work.curated else {}
    title = item.get("title-short") or item.get("title")
    if isinstance(title, str) and title.strip():
        text = " ".join(re.sub(r"<[^>]*>", "", title).split())
        if "title-short" not in item and ": " in text:
            text = text.split(": ", 1)[0]
        if text:
            return text
    raw = work.fields.get("shorttitle") or work.fields.get("title") or ""
    raw = " ".join(re.sub(r"<[^>]*>", "", raw.replace("{", "").replace("}", "")).split())
    return (raw.split(": ", 1)[0] if ": " in raw else raw) or work.key


def notes_citing(note_sources: NoteSources) -> dict[str, list[int]]:
    """Each work's key -> the numbers of the essay's notes citing it, in order."""
    found: dict[str, list[int]] = defaultdict(list)
    for number in sorted(note_sources):
        for work, _ in note_sources[number]:
            if number not in found[work.key]:
                found[work.key].append(number)
    return dict(found)


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _also(number: int, notes: Sequence[int], href: Callable[[int], str], hidden: bool) -> str:
    """ " · also cited in notes 4, 12 and 30", linked; in the notes list (not `hidden`)
    also the previous and the next of them. `hidden` (a sidenote's) is out of the
    accessibility tree and the tab order: the notes list says it once."""
    others = [n for n in notes if n != number]
    if not others:
        return ""
    tab = ' tabindex="-1"' if hidden else ""
    links = [f'<a href="{esc(href(n))}"{tab}>{n}</a>' for n in others]
    text = f" · also cited in note{'s' if len(others) > 1 else ''} {_and(links)}"
    if hidden:
        return f'<span aria-hidden="true">{text}</span>'
    before = [n for n in others if n < number]
    after = [n for n in others if n > number]
    if before:
        n = before[-1]
        text += f' · <a class="cite-prev" href="{esc(href(n))}">previous (note {n})</a>'
    if after:
        n = after[0]
        text += f' · <a class="cite-next" href="{esc(href(n))}">next (note {n})</a>'
    return text


def source_links(
    number: int,
    works: Sequence[tuple[Work, str | None]],
    citing: Mapping[str, Sequence[int]],
    shorts: Mapping[str, str],
    href: Callable[[int], str],
    hidden: bool = False,
) -> list[str]:
    """One line per work the note cites: "Source: <short title> (online)", then the
    other notes citing it. `href` gives another note's address; `hidden` (a sidenote)
    keeps the source link and hides the rest from assistive technology."""
    lines = []
    for work, _ in works:
        page = esc("../" + source_path(work.key))
        line = f'Source: <a href="{page}">{esc(shorts[work.key])}</a>'
        if work.url and not hidden:  # the sidenote stays short: its source page has it
            line += f' (<a href="{esc(work.url)}" rel="external">online</a>)'
        line += _also(number, citing.get(work.key, ()), href, hidden)
        lines.append(line)
    return lines


def notes_list_html(
    doc: Document,
    note_html: Mapping[int, Markup],
    note_sources: NoteSources,
    refs: Mapping[int, Sequence[str]],
    shorts: Mapping[str, str],
) -> Markup:
    """The items of the notes list: each note, the source pages of its works with the
    other notes citing them, its back-links. Written here rather than in the template:
    for a note-heavy essay the template's loop was a good part of the page's cost.
    Essay pages sit in `essays/`."""
    citing = notes_citing(note_sources)
    out = []
    for index, note in enumerate(doc.notes, 1):
        value = f' value="{note.number}"' if note.number != index else ""
        out.append(f'<li id="{esc(note.id)}"{value}>{note_html[note.number]}\n')
        lines = source_links(
            note.number, note_sources[note.number], citing, shorts, lambda n: f"#fn{n}"
        )
        out.extend(f'<br><span class="note-source">{line}</span>' for line in lines)
        targets = refs.get(note.number, [])
        for number, ref in enumerate(targets, 1):
            several = len(targets) > 1
            label = f" ({number})" if several else ""
            sup = f"<sup>{number}</sup>" if several else ""
            out.append(
                f'<a href="#{esc(ref)}" role="doc-backlink" aria-label="Back to text{label}">'
                f"↩{sup}</a>\n"
            )
        out.append("</li>\n")
    return Markup("".join(out).removesuffix("\n"))  # the template ends the line


def sidenote_sources(
    note_sources: NoteSources, refs: Mapping[int, Sequence[str]], shorts: Mapping[str, str]
) -> dict[int, str]:
    """Each note's source lines for its sidenote: the other notes' links go to their
    markers in the text, where their own sidenotes stand."""
    citing = notes_citing(note_sources)

    def href(n: int) -> str:
        return "#" + (refs[n][0] if refs.get(n) else f"fn{n}")

    return {
        number: "".join(
            f"<br>{line}" for line in source_links(number, works, citing, shorts, href, hidden=True)
        )
        for number, works in note_sources.items()
    }


def cited_count(places: int) -> str:
    """ "cited once", "cited 3 times"; a work listed but cited nowhere says so."""
    if places == 0:
        return "listed, not cited"
    return "cited once" if places == 1 else f"cited {places} times"


def cited_in_html(work: Work, documents: Mapping[str, Document], prefix: str = "") -> Markup:
    """Links from a bibliography entry back to each place citing the work, by essay:
    "In <title>: notes 3, 9 and 12; paragraph 5". `prefix` leads from the page to
    the site's root."""
    by_doc: dict[str, dict[str, str]] = {}
    for place in work.cited_by:
        where = (place.paragraph or "").removeprefix("p")
        label = f"note {place.note}" if place.note else f"paragraph {where}"
        anchor = place.marker or f"fn{place.note}"
        by_doc.setdefault(place.document, {}).setdefault(label, anchor)
    parts = []
    for slug, labels in by_doc.items():
        doc = documents[slug]
        page = f"{prefix}essays/{slug}.html"
        links = [
            f'<a href="{esc(page)}#{esc(anchor)}">{esc(label)}</a>'
            for label, anchor in labels.items()
        ]
        title = esc(doc.meta.title or slug)
        parts.append(f"in <i>{title}</i>: {', '.join(links)}")
    return Markup("; ".join(parts))
