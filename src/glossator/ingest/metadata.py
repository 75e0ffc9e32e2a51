"""Document metadata from YAML (sidecars, front matter), validated with line numbers.

Fields are read the way Pandoc and Quarto read them (`author` or `authors`, a string
or a list), so front matter written for those tools works here unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from glossator.diagnostics import Diagnostic, error, warning
from glossator.model import FORMATS, METADATA_FIELDS, Metadata
from glossator.yamlmap import YamlMapping, as_text

DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KNOWN_KEYS = {"format", "title", "author", "authors", "date", "publication"} | {
    "image_credit",
    "author_bio",
    "editorial",
}


def _authors(value: Any) -> list[str] | None:
    """Pandoc accepts a string, a list of strings, or a list of `{name: ...}`."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        text = as_text(item)
        if text is None:
            return None
        names.append(text)
    return names


def _date(value: Any) -> str | None:
    """An ISO date, possibly partial, that exists on the calendar (no 2020-02-30)."""
    text = as_text(value)
    if text is None or not DATE_PATTERN.match(text):
        raise ValueError(text)
    parts = [int(p) for p in text.split("-")]
    dt.date(parts[0], *(parts[1:] + [1, 1])[:2])  # raises ValueError for a bad month/day
    return text


def parse_metadata(
    mapping: YamlMapping, path: str, *, expect_format: bool
) -> tuple[Metadata, str | None, list[Diagnostic]]:
    """Turn a YAML mapping into Metadata (and the declared `format`), reporting problems."""
    values, diags = mapping.values, []
    meta = Metadata()

    for key in sorted(set(values) - KNOWN_KEYS):
        diags.append(
            warning(
                path,
                mapping.line(key),
                "meta.unknown-field",
                f"unknown field `{key}` is ignored; known fields: {', '.join(sorted(KNOWN_KEYS))}",
            )
        )

    fmt = None
    if expect_format:
        fmt = as_text(values.get("format"))
        if "format" not in values:
            diags.append(
                error(
                    path,
                    1,
                    "meta.missing",
                    "required field `format` is missing; add `format: pdf-text` or "
                    "`format: web-text`",
                )
            )
        elif fmt not in FORMATS or fmt == "markdown":
            diags.append(
                error(
                    path,
                    mapping.line("format"),
                    "meta.format",
                    f"unknown format `{values.get('format')}`; use `pdf-text` or `web-text`",
                )
            )
            fmt = None

    for key in ("title", "publication", "image_credit", "author_bio"):
        if key in values and values[key] is not None:
            text = as_text(values[key])
            if text is None:
                diags.append(_bad(path, mapping.line(key), key, "a single line of text"))
            else:
                setattr(meta, key, text)

    author_key = "authors" if "authors" in values else "author"
    authors = _authors(values.get(author_key))
    if authors is None:
        diags.append(_bad(path, mapping.line(author_key), author_key, "a name or a list of names"))
    else:
        meta.authors = authors

    if values.get("date") is not None:
        try:
            meta.date = _date(values["date"])
        except ValueError:
            diags.append(
                _bad(path, mapping.line("date"), "date", "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
            )

    editorial = values.get("editorial") or []
    if not isinstance(editorial, list) or not all(isinstance(e, str) for e in editorial):
        diags.append(_bad(path, mapping.line("editorial"), "editorial", "a list of field names"))
    else:
        for name in editorial:
            if name not in METADATA_FIELDS:
                diags.append(
                    error(
                        path,
                        mapping.line("editorial"),
                        "meta.editorial",
                        f"`editorial` names unknown field `{name}`; "
                        f"use some of: {', '.join(METADATA_FIELDS)}",
                    )
                )
        meta.editorial = [e for e in editorial if e in METADATA_FIELDS]
    return meta, fmt, diags


def _bad(path: str, line: int, key: str, expected: str) -> Diagnostic:
    return error(path, line, "meta.invalid", f"field `{key}` must be {expected}")


def merge_metadata(found: Metadata, given: Metadata, given_keys: set[str]) -> Metadata:
    """What the source says, overridden by what the maintainer wrote explicitly."""
    merged = Metadata(**{k: getattr(found, k) for k in METADATA_FIELDS})
    for key in METADATA_FIELDS:
        if key in given_keys or (key == "authors" and "author" in given_keys):
            setattr(merged, key, getattr(given, key))
    merged.editorial = list(given.editorial)
    return merged
