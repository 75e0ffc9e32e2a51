"""`crossref` and `xdata`: an entry takes the fields it lacks from another, as biber does.

`xdata = {a, b}` copies every field of those entries (first given wins). `crossref =
{parent}` copies the fields the child lacks and renames the parent's titles for what
the child is: a book's `title` is a chapter's `booktitle`, a multi-volume work's
`title` a volume's `maintitle`, a periodical's `title` an article's `journaltitle`,
a book's `author` a chapter's `bookauthor` (biblatex manual, appendix B). Fields that
name the parent itself (`ids`, `label`, `shorthand`, …) are never inherited. Chains
are followed, cycles stop; a missing target is a warning.
"""

from __future__ import annotations

import dataclasses

from glossator.bibliography.entry import BibEntry
from glossator.diagnostics import Diagnostic, warning


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NEVER = _set(
    "ids crossref xref xdata entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey "
    "glossator-fingerprint"
)
PARTS = _set("inbook bookinbook suppbook incollection inreference suppcollection")
PARTS |= {"inproceedings", "conference"}
WHOLES = _set("book collection reference proceedings")
MULTI = _set("mvbook mvcollection mvreference mvproceedings")
_TITLES = ("title", "subtitle", "titleaddon")
_PARENT_TITLES = _set("shorttitle sorttitle indextitle indexsorttitle")


def _renames(parent_type: str, child_type: str) -> dict[str, str]:
    """Parent field → child field where biber renames it; other fields keep their name."""
    if parent_type in ("periodical",) and child_type in ("article", "suppperiodical"):
        return {"title": "journaltitle", "subtitle": "journalsubtitle"}
    if parent_type in MULTI and child_type not in PARTS:
        return {t: "main" + t for t in _TITLES}
    if (parent_type in WHOLES or parent_type in MULTI) and child_type in PARTS:
        renames = {t: "book" + t for t in _TITLES}
        if parent_type in MULTI:
            renames = {t: "main" + t for t in _TITLES}
        if child_type in ("inbook", "bookinbook", "suppbook"):
            renames["author"] = "bookauthor"
        return renames
    return {}


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def resolve_inheritance(
    entries: dict[str, BibEntry], shown: str
) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """Entries with `xdata` and `crossref` filled in; `@xdata` entries themselves left out."""
    lookup = {k.lower(): e for k, e in entries.items()}
    diags: list[Diagnostic] = []
    done: dict[str, dict[str, str]] = {}

    def fields_of(entry: BibEntry, seen: frozenset[str]) -> dict[str, str]:
        if entry.key in done:
            return done[entry.key]
        fields = dict(entry.fields)
        seen = seen | {entry.key.lower()}
        for name in ("xdata", "crossref"):
            for target in (
                _keys(entry.fields.get(name, ""))
                if name == "xdata"
                else [entry.fields.get(name, "").strip()]
            ):
                if not target:
                    continue
                parent = lookup.get(target.lower())
                if parent is None:
                    message = f"{name} '{target}' of '{entry.key}' is not in the file; add it"
                    diags.append(warning(shown, entry.line or 1, "bib.crossref-missing", message))
                    continue
                if target.lower() in seen:
                    message = f"{name} of '{entry.key}' leads back to itself; break the cycle"
                    diags.append(warning(shown, entry.line or 1, "bib.crossref-cycle", message))
                    continue
                inherited = fields_of(parent, seen)
                renames = {} if name == "xdata" else _renames(parent.entry_type, entry.entry_type)
                for field, new in renames.items():  # the renamed ones first: they win
                    if inherited.get(field):
                        fields.setdefault(new, inherited[field])
                for field, value in inherited.items():
                    if field in NEVER or (renames and field in _PARENT_TITLES):
                        continue  # the parent's short and sorting titles name the parent
                    if field not in renames or field == "author":
                        fields.setdefault(field, value)
        done[entry.key] = fields
        return fields

    resolved = {}
    for key, entry in entries.items():
        if entry.entry_type == "xdata":
            continue
        fields = fields_of(entry, frozenset())
        resolved[key] = (
            entry if fields == entry.fields else dataclasses.replace(entry, fields=fields)
        )
    return resolved, diags
