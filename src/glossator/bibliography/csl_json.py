"""Read a CSL-JSON bibliography (what Zotero and Pandoc export as `.json`) as entries.

Works are matched and formatted from BibTeX fields, so each CSL item becomes the entry
a reference manager would have exported as BibTeX: the CSL type to its entry type,
names to `Family, Given and …`, `issued` to year, month and day. A problem is a
diagnostic with its line, never an exception.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glossator.bibliography.entry import BibEntry
from glossator.diagnostics import Diagnostic, error, warning
from glossator.paths import ContentFileError, read_content_file
from glossator.safetext import UNSAFE

ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "report": "techreport",
    "thesis": "phdthesis",
    "webpage": "online",
    "manuscript": "unpublished",
}
# CSL variable -> BibTeX field, copied as text.
FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "publisher-place": "address",
    "page": "pages",
    "volume": "volume",
    "issue": "number",
    "number": "number",
    "edition": "edition",
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
    "ISSN": "issn",
    "note": "note",
    "genre": "type",
    "collection-title": "series",
}


def _without_unsafe(value: object, dropped: list[int]) -> object:
    """Strings without control or private-use characters (`"\\u001b"` decodes to ESC);
    `dropped` counts them for the warning."""
    if isinstance(value, str):
        value, count = UNSAFE.subn("", value)
        dropped[0] += count
        return value
    if isinstance(value, list):
        return [_without_unsafe(v, dropped) for v in value]
    if isinstance(value, dict):
        return {_without_unsafe(k, dropped): _without_unsafe(v, dropped) for k, v in value.items()}
    return value


def read_csl_json(
    path: Path, root: Path, shown: str
) -> tuple[dict[str, BibEntry], list[Diagnostic]]:
    """The entries of a CSL-JSON file inside `root`, by their ids."""
    try:
        text = read_content_file(path, root).decode("utf-8")
    except ContentFileError as exc:
        return {}, [error(shown, 1, exc.code, exc.message)]
    except UnicodeDecodeError:
        return {}, [error(shown, 1, "file.encoding", "file is not UTF-8; save it as UTF-8")]
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return {}, [error(shown, 1, "bib.unreadable", f"cannot read the bibliography: {reason}")]
    dropped = [0]
    try:
        items = _without_unsafe(json.loads(text), dropped)
    except json.JSONDecodeError as exc:
        return {}, [error(shown, exc.lineno, "bib.invalid", f"invalid JSON: {exc.msg}")]
    except RecursionError:
        return {}, [error(shown, 1, "bib.invalid", "the JSON is nested too deeply")]
    if not isinstance(items, list):
        return {}, [error(shown, 1, "bib.invalid", "CSL-JSON must be a list of items")]
    entries: dict[str, BibEntry] = {}
    diags: list[Diagnostic] = []
    if dropped[0]:
        message = f"{dropped[0]} escaped characters that are not text were dropped; remove them"
        diags.append(warning(shown, 1, "text.unsafe-character", message))
    for index, item in enumerate(items, 1):
        key = item.get("id") if isinstance(item, dict) else None
        if not isinstance(key, str | int) or not str(key).strip():
            diags.append(
                warning(shown, 1, "bib.invalid", f"item {index} has no `id`; it is skipped")
            )
            continue
        key = str(key).strip()
        if key in entries:
            diags.append(
                warning(shown, 1, "bib.duplicate-key", f"id `{key}` is given twice; the first wins")
            )
            continue
        entries[key] = BibEntry(key, ENTRY_TYPES.get(str(item.get("type")), "misc"), fields(item))
    return entries, diags


def fields(item: dict[str, Any]) -> dict[str, str]:
    """BibTeX fields of one CSL item (text only; what BibTeX has no field for is left)."""
    out: dict[str, str] = {}
    for role in ("author", "editor"):
        names = [_name(n) for n in item.get(role) or [] if isinstance(n, dict)]
        if any(names):
            out[role] = " and ".join(n for n in names if n)
    for variable, field in FIELDS.items():
        value = item.get(variable)
        if isinstance(value, str | int) and str(value).strip() and field not in out:
            out[field] = str(value).strip()
    container = item.get("container-title")
    if isinstance(container, str) and container.strip():
        kind = str(item.get("type"))
        out["booktitle" if kind in ("chapter", "paper-conference") else "journal"] = container
    parts = (
        (item.get("issued") or {}).get("date-parts")
        if isinstance(item.get("issued"), dict)
        else None
    )
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        for name, value in zip(("year", "month", "day"), parts[0], strict=False):
            if isinstance(value, int | str) and str(value).strip():
                out[name] = str(value)
    return out


def _name(name: dict[str, Any]) -> str:
    if name == {"literal": "others"}:  # a list cut short: `and others`
        return "others"
    if name.get("literal"):
        return "{" + str(name["literal"]) + "}"
    family = str(name.get("family") or "").strip()
    particle = str(name.get("non-dropping-particle") or "").strip()
    given = str(name.get("given") or "").strip()
    family = f"{particle} {family}".strip()
    return f"{family}, {given}" if given else family
